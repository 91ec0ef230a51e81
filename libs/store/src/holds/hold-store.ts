import type { CallGraph } from '@sipflow/correlation';
import { appendAudit } from '../audit/audit-trail';
import type { Actor } from '../corrections/correct-calls';
import { WriteVersions } from '../rows/rows';
import { formatTimestampUs, parseTimestampUs } from '../rows/time';
import { localTable, onCluster, tableName } from '../schema/table-engine';
import type { SipStore } from '../sip-store';
import { guard } from '../store-errors';

/** An investigation hold: one call kept past its retention until `expires`. */
export interface Hold {
  id: string;
  callId: string;
  sipCallIds: string[];
  reason: string;
  author: string;
  /** µs since the epoch. */
  created: number;
  /** ms since the epoch (whole seconds). */
  expires: number;
}

interface HoldRow {
  hold_id: string;
  call_id: string;
  sip_call_ids: string[];
  reason: string;
  author: string;
  created: string;
  expires: string;
}

/** The tables a hold copies, and what selects one call's rows in each. */
const HELD = [
  { table: 'sip_messages', where: 'call_id IN {sipCallIds:Array(String)}' },
  { table: 'sip_calls', where: 'call_id = {callId:String}' },
  { table: 'sip_numbers', where: 'call_id = {callId:String}' },
] as const;

const dateTime = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

const toHold = (r: HoldRow): Hold => ({
  id: r.hold_id,
  callId: r.call_id,
  sipCallIds: r.sip_call_ids,
  reason: r.reason,
  author: r.author,
  created: parseTimestampUs(r.created),
  expires: Date.parse(`${r.expires.replace(' ', 'T')}Z`),
});

/**
 * Investigation holds (call_holds and the *_held copies, migration 4). Holding a call copies its
 * messages, call row and number-index rows into tables whose TTL is the hold's expiry; the store's
 * reads take those copies when the originals have expired. Releasing deletes the copies. Audited.
 */
export class HoldStore {
  private readonly versions = new WriteVersions();

  constructor(private readonly store: SipStore) {}

  async hold(call: CallGraph, input: { id: string; reason: string; expires: number }, actor: Actor): Promise<Hold> {
    const hold: Hold = {
      id: input.id,
      callId: call.id,
      sipCallIds: call.sipCallIds,
      reason: input.reason,
      author: actor.name ?? actor.subject,
      created: Date.now() * 1000,
      expires: Math.floor(input.expires / 1000) * 1000,
    };
    await guard(async () => {
      await this.writeHold(hold, false);
      this.store.heldCopiesWritten();
      for (const { table, where } of HELD) {
        await this.store.client.command({
          query: `INSERT INTO ${tableName(this.store.layout, `${table}_held`)}
            SELECT *, {holdId:String}, toDateTime({until:UInt32}) FROM ${tableName(this.store.layout, table)} FINAL
            WHERE ${where}`,
          query_params: {
            holdId: hold.id,
            until: hold.expires / 1000,
            callId: hold.callId,
            sipCallIds: hold.sipCallIds,
          },
        });
      }
    });
    await this.audit(hold, actor, 'call.hold');
    return hold;
  }

  /** Ends a hold now: its copies are deleted, so the call goes unless another hold keeps it. */
  async release(id: string, actor: Actor): Promise<Hold | undefined> {
    const hold = await this.get(id);
    if (!hold) return undefined;
    await guard(async () => {
      await this.writeHold(hold, true);
      for (const { table } of HELD) {
        await this.store.client.command({
          query: `DELETE FROM ${localTable(this.store.layout, `${table}_held`)}${onCluster(this.store.layout)}
            WHERE hold_id = {holdId:String}`,
          query_params: { holdId: id },
        });
      }
    });
    await this.audit(hold, actor, 'call.hold.release');
    return hold;
  }

  /**
   * Holds in force (not released, not expired), soonest expiry first; of one call if given. A hold
   * in force always has its copies, so with none anywhere (the usual case) there is nothing to read.
   */
  async list(callId?: string): Promise<Hold[]> {
    if (!(await this.store.hasHeldCopies())) return [];
    return this.select(callId ? 'call_id = {callId:String}' : '1', callId ? { callId } : {});
  }

  get(id: string): Promise<Hold | undefined> {
    return this.select('hold_id = {id:String}', { id }).then((rows) => rows[0]);
  }

  private select(where: string, params: Record<string, unknown>): Promise<Hold[]> {
    return guard(async () => {
      const rows = await (
        await this.store.client.query({
          query: `SELECT hold_id, call_id, sip_call_ids, reason, author, created, expires
            FROM ${tableName(this.store.layout, 'call_holds')} FINAL
            WHERE released = 0 AND expires > now() AND ${where} ORDER BY expires, hold_id`,
          query_params: params,
          format: 'JSONEachRow',
        })
      ).json<HoldRow>();
      return rows.map(toHold);
    });
  }

  private writeHold(hold: Hold, released: boolean): Promise<void> {
    return this.store.client
      .insert({
        table: tableName(this.store.layout, 'call_holds'),
        values: [
          {
            hold_id: hold.id,
            version: this.versions.next(),
            released: released ? 1 : 0,
            call_id: hold.callId,
            sip_call_ids: hold.sipCallIds,
            reason: hold.reason,
            author: hold.author,
            created: formatTimestampUs(hold.created),
            expires: dateTime(hold.expires),
          },
        ],
        format: 'JSONEachRow',
      })
      .then(() => undefined);
  }

  private audit(hold: Hold, actor: Actor, action: string): Promise<void> {
    return appendAudit(this.store, [
      {
        ts: Date.now(),
        subject: actor.subject,
        roles: actor.roles,
        action,
        target: hold.callId,
        peer: actor.peer,
        outcome: 'ok',
        detail: JSON.stringify({
          hold: hold.id,
          reason: hold.reason,
          expires: new Date(hold.expires).toISOString(),
        }),
      },
    ]);
  }
}
