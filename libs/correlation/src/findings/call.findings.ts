import type { CallGraph } from '../model/call-graph';
import type { Finding } from '../model/finding';
import { formatDelay } from '../links/clock';

/**
 * Post-dial delay: from the caller's INVITE to the first ringing (180/183), on the call's first leg
 * at the observer that saw both. Long delays mean slow routing, a dead fork target waited out, or
 * DNS/transport trouble on the way.
 */
export function slowPostDialDelay(call: CallGraph, thresholdUs: number): Finding[] {
  const root = call.legs[0];
  if (!root || root.kind !== 'call') return [];
  for (const [observer, t] of Object.entries(root.times)) {
    if (t.firstRequest === undefined || t.ringing === undefined) continue;
    const delay = t.ringing - t.firstRequest;
    if (delay < thresholdUs) return [];
    return [
      {
        code: 'slow-post-dial-delay',
        severity: 'warning',
        title: `Post-dial delay ${formatDelay(delay)} on ${root.uac.name} → ${root.uas.name}`,
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
