import type { LegSummary } from '../model/leg';
import type { LinkKind } from '../model/link';
import type { LinkSet } from './link-set';

/**
 * Explicit identifiers that some devices put in the SIP: RFC 7989 Session-ID (the same session
 * end to end), X-CID / X-Call-ID / X-Orig-Call-ID naming the Call-ID of the leg they came from,
 * the IMS charging id (RFC 7315 P-Charging-Vector icid), and RFC 3891 Replaces naming the dialog a
 * new INVITE replaces (attended transfer). Configured extra headers match by equal value.
 */
/** Outcomes after which a UA tries another server (RFC 3263 §4.3, RFC 3261 §8.1.3.4). */
const RETRIED_OUTCOMES = new Set(['no-response', 'rejected', 'redirected']);
/** A retry follows the failure within this (64·T1, the longest a transaction waits). */
const RETRY_WINDOW_US = 32_000_000;

/** Legs sent by one device with one From tag: a caller's repeated attempt. */
export const retryKey = (leg: LegSummary) => `${leg.uac.id}|${leg.fromTag}`;

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

  // A caller trying again elsewhere (RFC 3263 failover, RFC 3665 §3.4): the same device sends a new
  // INVITE with a new Call-ID but the same From tag — tags are random per dialog, so this is one attempt.
  const byTag = new Map<string, LegSummary[]>();
  for (const leg of legs) {
    if (leg.kind !== 'call' || !leg.fromTag) continue;
    const key = retryKey(leg);
    byTag.set(key, [...(byTag.get(key) ?? []), leg]);
  }
  for (const group of byTag.values()) {
    const ordered = [...group].sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
    for (let i = 1; i < ordered.length; i++) {
      const [first, next] = [ordered[i - 1]!, ordered[i]!];
      if (first.callId === next.callId) continue;
      // Only a failed first attempt followed promptly by one to the same destination is a retry;
      // a UA that reuses its From tag for every call (some do) makes new calls, not retries.
      if (!RETRIED_OUTCOMES.has(first.outcome) || next.start - first.end > RETRY_WINDOW_US) continue;
      if (first.requestUri.user !== next.requestUri.user) continue;
      links.add(first.id, next.id, 'retry', 1, [
        {
          signal: 'From tag',
          detail: `${next.uac.name} sent a new INVITE (new Call-ID) with the same From tag ${next.fromTag} to ${next.requestUri.uri}: it tried again after ${first.uas.name} ${first.outcome === 'no-response' ? 'did not answer' : `ended in ${first.outcome}`}`,
          values: { fromTag: next.fromTag },
        },
      ]);
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
