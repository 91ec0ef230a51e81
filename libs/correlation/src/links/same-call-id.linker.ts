import type { LegSummary } from '../model/leg';
import type { LinkSet } from './link-set';

/**
 * Legs with the same SIP Call-ID between different pairs of devices: a proxy (or a device that
 * keeps the Call-ID across its legs) in between. Each leg links to the earliest leg it shares a
 * device with, so a chain A→P→B gives A–P, P–B and a fork gives a star at the proxy.
 */
export function linkSameCallId(legs: readonly LegSummary[], links: LinkSet): void {
  const byCallId = new Map<string, LegSummary[]>();
  for (const leg of legs) {
    const group = byCallId.get(leg.callId);
    if (group) group.push(leg);
    else byCallId.set(leg.callId, [leg]);
  }
  for (const group of byCallId.values()) {
    if (group.length < 2) continue;
    const ordered = [...group].sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
    for (let i = 1; i < ordered.length; i++) {
      const leg = ordered[i]!;
      const devices = new Set([leg.uac.id, leg.uas.id]);
      const anchor = ordered.slice(0, i).find((o) => devices.has(o.uac.id) || devices.has(o.uas.id)) ?? ordered[0]!;
      const shared = [anchor.uac.id, anchor.uas.id].find((d) => devices.has(d));
      links.add(
        anchor.id,
        leg.id,
        'same-call-id',
        1,
        [
          {
            signal: 'same Call-ID',
            detail: `Call-ID ${leg.callId} is used on ${anchor.uac.name} → ${anchor.uas.name} and on ${leg.uac.name} → ${leg.uas.name}`,
            values: { callId: leg.callId },
          },
        ],
        shared,
      );
    }
  }
}
