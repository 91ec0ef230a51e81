import type { Correction } from '@sipflow/correlation';
import { WriteVersions } from '../rows/rows';
import { formatTimestampUs, parseTimestampUs } from '../rows/time';
import { tableName } from '../schema/table-engine';
import type { SipStore } from '../sip-store';
import { guard } from '../store-errors';

interface CorrectionRow {
  correction_id: string;
  action: string;
  legs: string[];
  calls: string[];
  reason: string;
  author: string;
  created: string;
}

/** A correction as stored, with the calls it was made on (as they were named then). */
export interface StoredCorrection extends Correction {
  calls: string[];
}

const toCorrection = (r: CorrectionRow): StoredCorrection => ({
  id: r.correction_id,
  action: r.action as Correction['action'],
  legs: r.legs,
  calls: r.calls,
  reason: r.reason,
  author: r.author,
  at: parseTimestampUs(r.created),
});

/**
 * Corrections made by hand (call_corrections, migration 3): written once, withdrawn by a newer row
 * version with revoked = 1, read whole by the correlator (a small table) and by leg for one call.
 */
export class CorrectionStore {
  private readonly versions = new WriteVersions();

  constructor(private readonly store: SipStore) {}

  private row(c: StoredCorrection, revoked: boolean) {
    return {
      correction_id: c.id,
      version: this.versions.next(),
      revoked: revoked ? 1 : 0,
      action: c.action,
      legs: c.legs,
      calls: c.calls,
      reason: c.reason,
      author: c.author,
      created: formatTimestampUs(c.at),
    };
  }

  add(correction: StoredCorrection): Promise<void> {
    return this.write(correction, false);
  }

  revoke(correction: StoredCorrection): Promise<void> {
    return this.write(correction, true);
  }

  private write(correction: StoredCorrection, revoked: boolean): Promise<void> {
    return guard(async () => {
      await this.store.client.insert({
        table: tableName(this.store.layout, 'call_corrections'),
        values: [this.row(correction, revoked)],
        format: 'JSONEachRow',
      });
    });
  }

  /** Every correction in force (not withdrawn), oldest first. */
  all(): Promise<StoredCorrection[]> {
    return this.select('1', {});
  }

  /** The corrections in force naming any of these legs. */
  forLegs(legIds: string[]): Promise<StoredCorrection[]> {
    if (legIds.length === 0) return Promise.resolve([]);
    return this.select('hasAny(legs, {legIds:Array(String)})', { legIds });
  }

  get(id: string): Promise<StoredCorrection | undefined> {
    return this.select('correction_id = {id:String}', { id }).then((rows) => rows[0]);
  }

  private select(where: string, params: Record<string, unknown>): Promise<StoredCorrection[]> {
    return guard(async () => {
      const rows = await (
        await this.store.client.query({
          query: `SELECT correction_id, action, legs, calls, reason, author, created
            FROM ${tableName(this.store.layout, 'call_corrections')} FINAL
            WHERE revoked = 0 AND ${where} ORDER BY created, correction_id`,
          query_params: params,
          format: 'JSONEachRow',
        })
      ).json<CorrectionRow>();
      return rows.map(toCorrection);
    });
  }
}
