import type { CallGraph } from '../model/call-graph';
import type { Finding } from '../model/finding';
import { formatDelay } from '../links/clock';

/**
 * Post-dial delay: from the caller's first INVITE to the first ringing (180/183, or the answer if
 * it never rang) on any of the caller's attempts, at an observer that saw both. Long delays mean
 * slow routing, a dead server waited out, or a fork that waited for a timeout.
 */
export function slowPostDialDelay(call: CallGraph, thresholdUs: number): Finding[] {
  const root = call.legs[0];
  if (!root || root.kind !== 'call') return [];
  const attempts = call.legs.filter((l) => l.uac.id === root.uac.id && l.kind === 'call' && !l.recording);
  for (const [observer, t] of Object.entries(root.times)) {
    if (t.firstRequest === undefined) continue;
    const heard = attempts
      .map((l) => l.times[observer]?.ringing ?? l.times[observer]?.answered)
      .filter((x): x is number => x !== undefined);
    if (heard.length === 0) continue;
    const delay = Math.min(...heard) - t.firstRequest;
    if (delay < thresholdUs) return [];
    return [
      {
        code: 'slow-post-dial-delay',
        severity: 'warning',
        title: `Post-dial delay ${formatDelay(delay)} for ${root.uac.name}`,
        explanation:
          `The caller waited ${formatDelay(delay)} between dialling and hearing ringing (seen at ${observer}). ` +
          'Look for the leg further along that was slow to answer 100/180, retransmissions to an unreachable device, or a fork that waited for a timeout.',
        legId: root.id,
        recordIds: [],
      },
    ];
  }
  return [];
}
