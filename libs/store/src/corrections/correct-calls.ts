import { randomUUID } from 'node:crypto';
import { DEFAULT_CORRELATOR_OPTIONS, regroupCalls, type CallGraph, type Correction } from '@sipflow/correlation';
import { appendAudit, type AuditEvent } from '../audit/audit-trail';
import { tableName } from '../schema/table-engine';
import type { SipStore } from '../sip-store';
import { guard } from '../store-errors';
import { CorrectionStore, type StoredCorrection } from './correction-store';

/** Who made a change, for the audit log. */
export interface Actor {
  /** Who, as the audit log names them (a user id, or the login name on the CLI). */
  subject: string;
  /** How corrections and holds name their author, if not by `subject` (a display name). */
  name?: string;
  roles: string[];
  /** A peer address, or 'cli'. */
  peer: string;
}

export interface CorrectionResult {
  correction: StoredCorrection;
  /** The calls as they now are, and the call ids that no longer exist. */
  calls: CallGraph[];
  removed: string[];
}

/** A new correction by `author` on these calls (split: [the leg]; join: the first leg of each call). */
export function newCorrection(
  action: 'split' | 'join',
  calls: readonly CallGraph[],
  legs: string[],
  reason: string,
  author: string,
): StoredCorrection {
  return {
    id: randomUUID(),
    action,
    legs,
    calls: calls.map((c) => c.id),
    reason: reason.trim(),
    author,
    at: Date.now() * 1000,
  };
}

/** The stored calls (not deleted) that hold any of these legs. */
export function callsHolding(store: SipStore, legIds: string[]): Promise<CallGraph[]> {
  return guard(async () => {
    if (legIds.length === 0) return [];
    const rows = await (
      await store.client.query({
        query: `SELECT graph FROM ${tableName(store.layout, 'sip_calls')} FINAL
          WHERE deleted = 0
            AND hasAny(arrayMap(l -> JSONExtractString(l, 'id'), JSONExtractArrayRaw(graph, 'legs')), {legIds:Array(String)})`,
        query_params: { legIds },
        format: 'JSONEachRow',
      })
    ).json<{ graph: string }>();
    return rows.map((r) => JSON.parse(r.graph) as CallGraph);
  });
}

/**
 * Records a correction (or withdraws one) and rewrites the stored calls it touches at once, so the
 * portal, the API and `sipflow flow` show the corrected call without waiting for re-correlation;
 * the correlator applies the same corrections whenever it rebuilds those calls. Audited per call.
 */
export async function applyCorrection(
  store: SipStore,
  correction: StoredCorrection,
  actor: Actor,
  mode: 'add' | 'revoke' = 'add',
  now = Date.now(),
): Promise<CorrectionResult> {
  const corrections = new CorrectionStore(store);
  const holding = await callsHolding(store, correction.legs);
  // A split cut links to legs now in other calls: those calls are re-grouped too (an undo re-joins them).
  const cut = holding.flatMap((c) => (c.corrections ?? []).flatMap((k) => k.overruled.flatMap((l) => l.legs)));
  const known = new Set(holding.flatMap((c) => c.legs.map((l) => l.id)));
  const others = await callsHolding(
    store,
    [...new Set(cut)].filter((leg) => !known.has(leg)),
  );
  const before = [...holding, ...others.filter((c) => !holding.some((h) => h.id === c.id))];
  if (mode === 'add') await corrections.add(correction);
  else await corrections.revoke(correction);
  const legIds = [...new Set(before.flatMap((c) => c.legs.map((l) => l.id)))];
  const inForce: Correction[] = await corrections.forLegs(legIds);
  const { calls, removed } = regroupCalls(before, inForce, DEFAULT_CORRELATOR_OPTIONS.slowPostDialDelayUs);
  await store.write({ messages: [], legs: [], removedLegs: [], calls, removedCalls: removed });
  const targets = [...new Set([...before.map((c) => c.id), ...calls.map((c) => c.id)])];
  const detail = JSON.stringify({
    correction: correction.id,
    action: correction.action,
    legs: correction.legs,
    reason: correction.reason,
    calls: calls.map((c) => c.id),
  });
  const events: AuditEvent[] = targets.map((target) => ({
    ts: now,
    subject: actor.subject,
    roles: actor.roles,
    action: mode === 'add' ? 'call.correct' : 'call.correct.revoke',
    target,
    peer: actor.peer,
    outcome: 'ok',
    detail,
  }));
  await appendAudit(store, events);
  return { correction, calls, removed };
}
