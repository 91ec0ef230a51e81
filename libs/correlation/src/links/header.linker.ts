import type { LegSummary } from '../model/leg';
import type { LinkKind } from '../model/link';
import type { LinkSet } from './link-set';

/**
 * Explicit identifiers that some devices put in the SIP: RFC 7989 Session-ID (the same session
 * end to end), X-CID / X-Call-ID / X-Orig-Call-ID naming the Call-ID of the leg they came from,
 * the IMS charging id (RFC 7315 P-Charging-Vector icid), and RFC 3891 Replaces naming the dialog a
 * new INVITE replaces (attended transfer). Configured extra headers match by equal value.
 */
export function linkByHeaders(legs: readonly LegSummary[], links: LinkSet, extraHeaders: readonly string[] = []): void {
  const byCallId = new Map<string, LegSummary[]>();
  for (const leg of legs) byCallId.set(leg.callId, [...(byCallId.get(leg.callId) ?? []), leg]);

  // Headers naming another leg's Call-ID.
  const naming: [string, LinkKind, string][] = [
    ['x-cid', 'x-call-id', 'X-CID'],
    ['x-call-id', 'x-call-id', 'X-Call-ID'],
    ['x-orig-call-id', 'x-call-id', 'X-Orig-Call-ID'],
    ['replaces', 'replaces', 'Replaces'],
  ];
  for (const leg of legs) {
    for (const [header, kind, label] of naming) {
      for (const value of leg.linkHeaders[header] ?? []) {
        for (const other of byCallId.get(value) ?? []) {
          if (other.id === leg.id) continue;
          links.add(other.id, leg.id, kind, 1, [
            {
              signal: label,
              detail: `${label}: ${value} on ${leg.uac.name} → ${leg.uas.name} names the Call-ID of ${other.uac.name} → ${other.uas.name}`,
              values: { [header]: value },
            },
          ]);
        }
      }
    }
  }

  // Headers whose equal values mean one session.
  const equal: [string, LinkKind, string][] = [
    ['session-id', 'session-id', 'Session-ID'],
    ['icid', 'icid', 'P-Charging-Vector icid'],
    ...extraHeaders.map((h): [string, LinkKind, string] => [h.toLowerCase(), 'x-call-id', h]),
  ];
  for (const [header, kind, label] of equal) {
    const byValue = new Map<string, LegSummary[]>();
    for (const leg of legs) {
      for (const value of leg.linkHeaders[header] ?? []) {
        // RFC 7989 §6: a Session-ID of all zeros is a placeholder, not an identity.
        if (!value || /^0+$/.test(value)) continue;
        byValue.set(value, [...(byValue.get(value) ?? []), leg]);
      }
    }
    for (const [value, group] of byValue) {
      const ordered = [...group].sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
      for (let i = 1; i < ordered.length; i++) {
        links.add(ordered[0]!.id, ordered[i]!.id, kind, 1, [
          { signal: label, detail: `both legs carry ${label} ${value}`, values: { [header]: value } },
        ]);
      }
    }
  }
}
