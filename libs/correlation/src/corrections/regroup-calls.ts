import { slowPostDialDelay } from '../findings/call.findings';
import { groupCalls } from '../links/assemble-calls';
import type { CallGraph } from '../model/call-graph';
import type { Finding } from '../model/finding';
import type { LegSummary } from '../model/leg';
import type { Link } from '../model/link';
import type { Correction } from './correction';
import { CorrectionBook } from './correction-book';

/**
 * Stored calls re-grouped under the corrections in force, without re-reading their messages: the
 * legs, the automatic links (those a split overruled included, so a later join or a withdrawn split
 * can bring them back) and the leg findings all come from the call graphs. Returns the calls as they
 * now are and the ids of the calls that no longer exist.
 */
export function regroupCalls(
  stored: readonly CallGraph[],
  corrections: readonly Correction[],
  slowPostDialDelayUs: number,
): { calls: CallGraph[]; removed: string[] } {
  const legs = new Map<string, LegSummary>();
  const links = new Map<string, Link>();
  const legFindings = new Map<string, Finding[]>();
  for (const call of stored) {
    for (const leg of call.legs) legs.set(leg.id, leg);
    const automatic = [...call.links, ...(call.corrections ?? []).flatMap((c) => c.overruled)];
    for (const link of automatic) if (link.kind !== 'manual') links.set(`${link.legs.join('|')}|${link.kind}`, link);
    for (const f of call.findings) {
      if (f.legId && !(legFindings.get(f.legId) ?? []).some((x) => x.code === f.code && x.title === f.title))
        legFindings.set(f.legId, [...(legFindings.get(f.legId) ?? []), f]);
    }
  }
  const calls = groupCalls(
    [...legs.values()],
    [...links.values()],
    legFindings,
    (c) => slowPostDialDelay(c, slowPostDialDelayUs),
    new CorrectionBook(corrections),
  );
  const now = new Set(calls.map((c) => c.id));
  return { calls, removed: stored.map((c) => c.id).filter((id) => !now.has(id)) };
}
