import type { SipStore } from '../sip-store';
import { guard } from '../store-errors';
import { tableName } from '../schema/table-engine';

/** One audited action (ARCHITECTURE "Access control": who, what, when, from where). */
export interface AuditEvent {
  /** ms since the epoch. */
  ts: number;
  subject: string;
  roles: string[];
  /** What was done, e.g. 'call.correct', 'call.hold', 'call.share'. */
  action: string;
  /** What it was done to, e.g. the call id. */
  target: string;
  /** From where: a peer address, or 'cli' for the command line on the host. */
  peer: string;
  outcome: string;
  detail: string;
}

const dt = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

/** Appends to the audit log (audit_log, migration 1). */
export function appendAudit(store: SipStore, events: AuditEvent[]): Promise<void> {
  return guard(async () => {
    if (events.length === 0) return;
    await store.client.insert({
      table: tableName(store.layout, 'audit_log'),
      values: events.map((e) => ({ ...e, ts: dt(e.ts) })),
      format: 'JSONEachRow',
    });
  });
}

/** A call's access trail: every audited action on it, oldest first. */
export function auditTrailOf(store: SipStore, target: string, limit = 1000): Promise<AuditEvent[]> {
  return guard(async () => {
    const rows = await (
      await store.client.query({
        query: `SELECT toUnixTimestamp64Milli(ts) AS ms, subject, roles, action, target, peer, outcome, detail
          FROM ${tableName(store.layout, 'audit_log')} WHERE target = {target:String}
          ORDER BY ts LIMIT {limit:UInt32}`,
        query_params: { target, limit },
        format: 'JSONEachRow',
      })
    ).json<Omit<AuditEvent, 'ts'> & { ms: string | number }>();
    return rows.map(({ ms, ...rest }) => ({ ...rest, ts: Number(ms) }));
  });
}
