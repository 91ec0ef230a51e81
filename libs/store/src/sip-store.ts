import type { ClickHouseClient } from '@clickhouse/client';
import type { CallGraph, Finding, LegSummary, ObservedRecord } from '@sipflow/correlation';
import type { SipRecord } from '@sipflow/sip';
import type { StoreConnection } from './connection';
import {
  buildSearchCalls,
  buildSearchCallsWithHeld,
  numberCondition,
  DEVICE_POOLS,
  PARTY_HOSTS,
  type CallSearch,
} from './queries/search-calls.query';
import { buildKpis, buildResponseCodeRates, type KpisQuery, type RatesQuery } from './queries/stats.query';
import {
  callRow,
  deletedCallRow,
  deletedLegRow,
  legRow,
  messageRow,
  numberRows,
  storedToBytes,
  WriteVersions,
} from './rows/rows';
import { formatTimestampUs, parseTimestampUs } from './rows/time';
import { migrate, applyRetention } from './schema/migrate';
import { guard } from './store-errors';
import { localTable, tableName, type Retention, type SchemaLayout } from './schema/table-engine';

export interface SipStoreOptions {
  /**
   * ISO 3166-1 alpha-2 country whose national number forms are indexed and understood in searches
   * (NUMBER_DEFAULT_COUNTRY). Default 'GB'.
   */
  defaultCountry?: string;
}

/** What the correlator writes after each batch. */
export interface StoreBatch {
  messages: ObservedRecord[];
  legs: { leg: LegSummary; findings: Finding[] }[];
  removedLegs: string[];
  calls: CallGraph[];
  removedCalls: string[];
}

export interface CallSummary {
  id: string;
  kind: string;
  start: number;
  end: number;
  outcome: string;
  finalStatus: number;
  caller: string;
  callee: string;
  legs: number;
  devices: string[];
  deviceNames: string[];
  sipCallIds: string[];
  numbers: string[];
  findings: number;
  findingCodes: string[];
  open: boolean;
}

/** A call as the live tail sees it: the summary, its row version, and what access control needs. */
export interface CallChange extends CallSummary {
  version: number;
  deleted: boolean;
  pools: string[];
  hosts: string[];
}

export interface GroupedRate {
  bucket: number;
  device: string;
  method: string;
  status: number;
  statusClass: number;
  count: number;
}

export interface CallKpis {
  calls: number;
  answered: number;
  effective: number;
  /** Post-dial delay percentiles (µs): p50, p90, p95, p99. */
  pddUs: [number, number, number, number];
  pddSamples: number;
  registrations: number;
  registrationFailures: number;
  outcomes: Record<string, number>;
}

export interface StoredMessage {
  recordId: string;
  ts: number;
  timePrecision: string;
  callId: string;
  deviceId: string;
  deviceName: string;
  direction: string;
  transport: string;
  src: { address: string; port: number; device: string };
  dst: { address: string; port: number; device: string };
  ingestPath: string;
  isRequest: boolean;
  method: string;
  status: number;
  reason: string;
  cseq: number;
  fromTag: string;
  toTag: string;
  branch: string;
  fingerprint: string;
  attempt: number;
  raw: Uint8Array;
}

export interface ResponseCodeRate {
  /** Start of the bucket (µs). */
  bucket: number;
  deviceId: string;
  method: string;
  status: number;
  count: number;
}

interface MessageRowOut {
  record_id: string;
  ts: string;
  time_precision: string;
  call_id: string;
  device_id: string;
  device_name: string;
  direction: string;
  transport: string;
  src_addr: string;
  src_port: number;
  dst_addr: string;
  dst_port: number;
  src_device: string;
  dst_device: string;
  ingest_path: string;
  is_request: number;
  method: string;
  status: number;
  reason: string;
  cseq: number;
  from_tag: string;
  to_tag: string;
  branch: string;
  fingerprint: string;
  attempt: number;
  raw: string;
}

/** How often a store reads again whether investigation holds keep any copies. */
const HELD_RECHECK_MS = 10_000;

const MESSAGE_COLUMNS = `record_id, ts, time_precision, call_id, device_id, device_name, direction, transport, src_addr,
  src_port, dst_addr, dst_port, src_device, dst_device, ingest_path, is_request, method, status, reason, cseq, from_tag,
  to_tag, branch, fingerprint, attempt, raw`;

function toMessage(row: MessageRowOut): StoredMessage {
  return {
    recordId: row.record_id,
    ts: parseTimestampUs(row.ts),
    timePrecision: row.time_precision,
    callId: row.call_id,
    deviceId: row.device_id,
    deviceName: row.device_name,
    direction: row.direction,
    transport: row.transport,
    src: { address: row.src_addr, port: Number(row.src_port), device: row.src_device },
    dst: { address: row.dst_addr, port: Number(row.dst_port), device: row.dst_device },
    ingestPath: row.ingest_path,
    isRequest: Number(row.is_request) === 1,
    method: row.method,
    status: Number(row.status),
    reason: row.reason,
    cseq: Number(row.cseq),
    fromTag: row.from_tag,
    toTag: row.to_tag,
    branch: row.branch,
    fingerprint: row.fingerprint,
    attempt: Number(row.attempt),
    raw: storedToBytes(row.raw),
  };
}

function toSummary(r: Record<string, unknown>): CallSummary {
  return {
    id: String(r.call_id),
    kind: String(r.kind),
    start: parseTimestampUs(String(r.start)),
    end: parseTimestampUs(String(r.end)),
    outcome: String(r.outcome),
    finalStatus: Number(r.final_status),
    caller: String(r.caller),
    callee: String(r.callee),
    legs: Number(r.legs),
    devices: r.devices as string[],
    deviceNames: r.device_names as string[],
    sipCallIds: r.sip_call_ids as string[],
    numbers: r.numbers as string[],
    findings: Number(r.findings),
    findingCodes: r.finding_codes as string[],
    open: Number(r.open) === 1,
  };
}

/**
 * sipflow's data in ClickHouse: the one place that knows tables and SQL. Writes are idempotent
 * (a record already stored is not written again; legs and calls are versioned rows), reads use
 * bound parameters only. Errors reaching the database become DependencyUnavailableError so callers
 * back off and retry without committing.
 */
export class SipStore {
  readonly layout: SchemaLayout;
  readonly defaultCountry: string;
  private readonly versions = new WriteVersions();
  /** Whether investigation holds keep any copies, and when that was last read. */
  private held = { any: true, checkedAt: 0 };

  constructor(
    readonly connection: StoreConnection,
    layout: Partial<SchemaLayout> = {},
    options: SipStoreOptions = {},
  ) {
    this.layout = { database: connection.database, ...layout };
    this.defaultCountry = options.defaultCountry ?? 'GB';
  }

  get client(): ClickHouseClient {
    return this.connection.client;
  }

  migrate(retention: Retention) {
    return guard(() => migrate(this.client, this.layout, retention));
  }

  applyRetention(retention: Retention) {
    return guard(() => applyRetention(this.client, this.layout, retention));
  }

  /**
   * Whether any *_held copy exists. Almost always none: then reads skip those tables (a second
   * query per read). Read again every HELD_RECHECK_MS, since another process (the CLI, another API
   * replica) may hold a call; a copy only matters once the original expires, days after any hold.
   */
  async hasHeldCopies(now = Date.now()): Promise<boolean> {
    if (now - this.held.checkedAt < HELD_RECHECK_MS) return this.held.any;
    const rows = await (
      await this.client.query({
        query: `SELECT count() AS n FROM ${tableName(this.layout, 'sip_calls_held')}`,
        format: 'JSONEachRow',
      })
    ).json<{ n: string | number }>();
    this.held = { any: Number(rows[0]?.n ?? 0) > 0, checkedAt: now };
    return this.held.any;
  }

  /** A hold made through this store: its copies are read from now on, without waiting for a recheck. */
  heldCopiesWritten(): void {
    this.held = { any: true, checkedAt: Date.now() };
  }

  /** The tables holding observations: the live one, and the held copies when there are any. */
  private async messageTables(): Promise<string[]> {
    return (await this.hasHeldCopies()) ? ['sip_messages', 'sip_messages_held'] : ['sip_messages'];
  }

  /** Writes one correlator batch; messages already stored (a replay after a restart) are skipped. */
  async write(batch: StoreBatch): Promise<{ messages: number; skipped: number }> {
    return guard(async () => {
      const fresh = await this.withoutStored(batch.messages);
      const now = Date.now() * 1000;
      if (fresh.length) {
        await this.client.insert({
          table: tableName(this.layout, 'sip_messages'),
          values: fresh.map((m) => messageRow(m.record, m.facts)),
          format: 'JSONEachRow',
        });
      }
      const legs = [
        ...batch.legs.map((l) => legRow(l.leg, l.findings, this.versions.next())),
        ...batch.removedLegs.map((id) => deletedLegRow(id, this.versions.next(), now)),
      ];
      if (legs.length)
        await this.client.insert({ table: tableName(this.layout, 'sip_legs'), values: legs, format: 'JSONEachRow' });
      const calls = [
        ...batch.removedCalls.map((id) => deletedCallRow(id, this.versions.next(), now)),
        ...batch.calls.map((c) => callRow(c, this.versions.next())),
      ];
      if (calls.length)
        await this.client.insert({ table: tableName(this.layout, 'sip_calls'), values: calls, format: 'JSONEachRow' });
      const numbers = batch.calls.flatMap((call) => numberRows(call, this.defaultCountry));
      if (numbers.length) {
        await this.client.insert({
          table: tableName(this.layout, 'sip_numbers'),
          values: numbers,
          format: 'JSONEachRow',
        });
      }
      return { messages: fresh.length, skipped: batch.messages.length - fresh.length };
    });
  }

  private async withoutStored(messages: ObservedRecord[]): Promise<ObservedRecord[]> {
    if (messages.length === 0) return messages;
    const unique = new Map(messages.map((m) => [m.record.recordId, m]));
    const callIds = [...new Set(messages.map((m) => m.record.callId))];
    const rows = await (
      await this.client.query({
        query: `SELECT record_id FROM ${tableName(this.layout, 'sip_messages')}
          WHERE call_id IN {callIds:Array(String)} AND record_id IN {recordIds:Array(String)}`,
        query_params: { callIds, recordIds: [...unique.keys()] },
        format: 'JSONEachRow',
      })
    ).json<{ record_id: string }>();
    for (const row of rows) unique.delete(row.record_id);
    return [...unique.values()];
  }

  /** Calls matching the search, newest (or oldest) first; calls kept by an investigation hold included. */
  searchCalls(search: CallSearch): Promise<CallSummary[]> {
    return guard(async () => {
      const { query, params } = (await this.hasHeldCopies())
        ? buildSearchCallsWithHeld(this.layout, search, this.defaultCountry)
        : buildSearchCalls(this.layout, search, this.defaultCountry);
      const rows = await (
        await this.client.query({ query, query_params: params, format: 'JSONEachRow' })
      ).json<Record<string, unknown>>();
      return rows.map(toSummary);
    });
  }

  /**
   * Calls written after `version` (newest version of each), oldest change first: the live tail
   * polls this. Versions are the writer's clock in µs, so a restart does not go back.
   */
  callsChangedSince(version: number, limit = 1000, number?: string): Promise<CallChange[]> {
    return guard(async () => {
      // Following a number live: only calls touching it, matched as the call search matches it.
      const params: Record<string, unknown> = { version, limit };
      const touching =
        number === undefined
          ? ''
          : `AND ${numberCondition(this.layout, { number, limit }, params, this.defaultCountry, '')}`;
      const rows = await (
        await this.client.query({
          query: `SELECT call_id, kind, start, end, outcome, final_status, caller, callee, legs, devices, device_names,
              sip_call_ids, numbers, findings, finding_codes, open, version, deleted,
              ${DEVICE_POOLS} AS pools, ${PARTY_HOSTS} AS hosts
            FROM ${tableName(this.layout, 'sip_calls')} FINAL
            WHERE version > {version:UInt64} ${touching}
            ORDER BY version
            LIMIT {limit:UInt32}`,
          query_params: params,
          format: 'JSONEachRow',
        })
      ).json<Record<string, unknown>>();
      return rows.map((r) => ({
        ...toSummary(r),
        version: Number(r.version),
        deleted: Number(r.deleted) === 1,
        pools: (r.pools as string[]).filter(Boolean),
        hosts: (r.hosts as string[]).filter(Boolean),
      }));
    });
  }

  /** The highest call version written so far (0 for an empty store): where a live tail starts. */
  latestCallVersion(): Promise<number> {
    return guard(async () => {
      const rows = await (
        await this.client.query({
          query: `SELECT max(version) AS v FROM ${tableName(this.layout, 'sip_calls')}`,
          format: 'JSONEachRow',
        })
      ).json<{ v: string | number }>();
      return Number(rows[0]?.v ?? 0);
    });
  }

  /** Response counts per bucket, broken down by the chosen dimensions (others summed over). */
  responseCodeRatesBy(q: RatesQuery): Promise<GroupedRate[]> {
    return guard(async () => {
      const { query, params } = buildResponseCodeRates(this.layout, q);
      const rows = await (
        await this.client.query({ query, query_params: params, format: 'JSONEachRow' })
      ).json<Record<string, string | number>>();
      return rows.map((r) => ({
        bucket: parseTimestampUs(String(r.r_bucket)),
        device: String(r.r_device),
        method: String(r.r_method),
        status: Number(r.r_status),
        statusClass: Number(r.r_class),
        count: Number(r.r_count),
      }));
    });
  }

  kpis(q: KpisQuery): Promise<CallKpis> {
    return guard(async () => {
      const { query, params } = buildKpis(this.layout, q);
      const [row] = await (
        await this.client.query({ query, query_params: params, format: 'JSONEachRow' })
      ).json<Record<string, unknown>>();
      const outcomes: Record<string, number> = {};
      for (const outcome of (row?.outcomes as string[] | undefined) ?? [])
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      const samples = Number(row?.pdd_samples ?? 0);
      const pdd = ((row?.pdd as number[] | undefined) ?? []).map((v) =>
        samples && Number.isFinite(Number(v)) ? Number(v) : 0,
      );
      return {
        calls: Number(row?.calls ?? 0),
        answered: Number(row?.answered ?? 0),
        effective: Number(row?.effective ?? 0),
        pddUs: [pdd[0] ?? 0, pdd[1] ?? 0, pdd[2] ?? 0, pdd[3] ?? 0],
        pddSamples: samples,
        registrations: Number(row?.registrations ?? 0),
        registrationFailures: Number(row?.registration_failures ?? 0),
        outcomes,
      };
    });
  }

  /** The stored call graph, or undefined (unknown, expired or merged into another call). */
  getCall(callId: string): Promise<CallGraph | undefined> {
    return guard(async () => {
      const rows = await (
        await this.client.query({
          // The newest version of one call. Not FINAL: that merges every part's rows of the key range
          // at read time (4× slower on a store of a million messages); the primary key finds the few
          // versions of this call and the sort picks the newest, which is what FINAL would keep.
          query: `SELECT graph, deleted FROM ${tableName(this.layout, 'sip_calls')}
            PREWHERE call_id = {callId:String} ORDER BY version DESC LIMIT 1`,
          query_params: { callId },
          format: 'JSONEachRow',
        })
      ).json<{ graph: string; deleted: number }>();
      const row = rows[0];
      if (row) return Number(row.deleted) === 0 ? (JSON.parse(row.graph) as CallGraph) : undefined;
      // Past its retention, a call may still be kept by an investigation hold (HoldStore).
      if (!(await this.hasHeldCopies())) return undefined;
      const held = await (
        await this.client.query({
          query: `SELECT graph FROM ${tableName(this.layout, 'sip_calls_held')}
            WHERE call_id = {callId:String} AND deleted = 0 ORDER BY version DESC LIMIT 1`,
          query_params: { callId },
          format: 'JSONEachRow',
        })
      ).json<{ graph: string }>();
      return held[0] ? (JSON.parse(held[0].graph) as CallGraph) : undefined;
    });
  }

  /** Every observation of the given SIP Call-IDs within a time window, in time order (held copies included). */
  messagesOf(sipCallIds: string[], from: number, to: number): Promise<StoredMessage[]> {
    return guard(async () => {
      if (sipCallIds.length === 0) return [];
      // Held copies outlive the originals (investigation holds); a record is taken once.
      const byRecord = new Map<string, StoredMessage>();
      // Both tables at once: the held copies are a second small read, not a second round trip.
      const tables = await Promise.all(
        (await this.messageTables()).map(async (table) =>
          (
            await this.client.query({
              // Replays of a record are identical rows (same sorting key): LIMIT 1 BY keeps one of each
              // without FINAL's read-time merge.
              query: `SELECT ${MESSAGE_COLUMNS} FROM ${tableName(this.layout, table)}
                PREWHERE call_id IN {callIds:Array(String)} AND ts >= {from:DateTime64(6)} AND ts <= {to:DateTime64(6)}
                ORDER BY ts, record_id
                LIMIT 1 BY record_id`,
              query_params: { callIds: sipCallIds, from: formatTimestampUs(from), to: formatTimestampUs(to) },
              format: 'JSONEachRow',
            })
          ).json<MessageRowOut>(),
        ),
      );
      for (const rows of tables)
        for (const row of rows) if (!byRecord.has(row.record_id)) byRecord.set(row.record_id, toMessage(row));
      return [...byRecord.values()].sort(
        (a, b) => a.ts - b.ts || (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0),
      );
    });
  }

  /**
   * One observation by record id (a held copy when the original has expired); with the SIP
   * Call-IDs it may belong to, found through the primary key.
   */
  getMessage(recordId: string, sipCallIds?: string[]): Promise<StoredMessage | undefined> {
    return guard(async () => {
      for (const table of await this.messageTables()) {
        const rows = await (
          await this.client.query({
            query: `SELECT ${MESSAGE_COLUMNS} FROM ${tableName(this.layout, table)}
              PREWHERE ${sipCallIds ? 'call_id IN {callIds:Array(String)} AND ' : ''}record_id = {recordId:String} LIMIT 1`,
            query_params: { recordId, ...(sipCallIds && { callIds: sipCallIds }) },
            format: 'JSONEachRow',
          })
        ).json<MessageRowOut>();
        if (rows[0]) return toMessage(rows[0]);
      }
      return undefined;
    });
  }

  /**
   * The records stored for these SIP Call-IDs, rebuilt as the bus carried them: the correlator
   * reloads a Call-ID it has no state for (after a restart, a rebalance, or a late message for a
   * call it already closed), so its legs are recomputed from every observation, not just the new ones.
   */
  recordsOf(sipCallIds: string[]): Promise<SipRecord[]> {
    return guard(async () => {
      if (sipCallIds.length === 0) return [];
      const rows = await (
        await this.client.query({
          query: `SELECT ${MESSAGE_COLUMNS}, format_variant FROM ${tableName(this.layout, 'sip_messages')} FINAL
            WHERE call_id IN {callIds:Array(String)} ORDER BY call_id, ts, record_id`,
          query_params: { callIds: sipCallIds },
          format: 'JSONEachRow',
        })
      ).json<MessageRowOut & { format_variant: string }>();
      return rows.map((row) => {
        const m = toMessage(row);
        const record: SipRecord = {
          recordId: m.recordId,
          captureTimeUs: m.ts,
          timePrecision: m.timePrecision as SipRecord['timePrecision'],
          device: { id: m.deviceId, name: m.deviceName },
          direction: m.direction as SipRecord['direction'],
          transport: m.transport as SipRecord['transport'],
          ingestPath: m.ingestPath as SipRecord['ingestPath'],
          raw: m.raw,
          callId: m.callId,
        };
        if (m.src.address) record.source = { address: m.src.address, port: m.src.port };
        if (m.dst.address) record.destination = { address: m.dst.address, port: m.dst.port };
        if (m.attempt) record.attempt = m.attempt;
        if (row.format_variant) record.formatVariant = row.format_variant;
        return record;
      });
    });
  }

  /** The leg ids stored (and not deleted) for these SIP Call-IDs. */
  legIdsOf(sipCallIds: string[]): Promise<{ callId: string; legId: string }[]> {
    return guard(async () => {
      if (sipCallIds.length === 0) return [];
      const rows = await (
        await this.client.query({
          query: `SELECT call_id, leg_id FROM ${tableName(this.layout, 'sip_legs')} FINAL
            WHERE call_id IN {callIds:Array(String)} AND deleted = 0`,
          query_params: { callIds: sipCallIds },
          format: 'JSONEachRow',
        })
      ).json<{ call_id: string; leg_id: string }>();
      return rows.map((r) => ({ callId: r.call_id, legId: r.leg_id }));
    });
  }

  /**
   * Stored calls, other than `calls`, that hold one of their legs: versions written by a process that
   * died (or lost the partition) before it could see the legs join, which nobody would remove. A leg
   * belongs to one call, so they are superseded.
   */
  supersededBy(calls: CallGraph[]): Promise<string[]> {
    return guard(async () => {
      if (calls.length === 0) return [];
      const rows = await (
        await this.client.query({
          query: `SELECT call_id FROM ${tableName(this.layout, 'sip_calls')} FINAL
            WHERE deleted = 0 AND hasAny(sip_call_ids, {sipCallIds:Array(String)})
              AND call_id NOT IN {callIds:Array(String)}
              AND hasAny(arrayMap(l -> JSONExtractString(l, 'id'), JSONExtractArrayRaw(graph, 'legs')), {legIds:Array(String)})`,
          query_params: {
            sipCallIds: [...new Set(calls.flatMap((c) => c.legs.map((l) => l.callId)))],
            callIds: calls.map((c) => c.id),
            legIds: calls.flatMap((c) => c.legs.map((l) => l.id)),
          },
          format: 'JSONEachRow',
        })
      ).json<{ call_id: string }>();
      return rows.map((r) => r.call_id);
    });
  }

  /** Legs that ended after `sinceUs` (or are still open), to rebuild call assembly after a restart. */
  recentLegs(sinceUs: number): Promise<{ leg: LegSummary; findings: Finding[] }[]> {
    return guard(async () => {
      const rows = await (
        await this.client.query({
          query: `SELECT summary, findings FROM ${tableName(this.layout, 'sip_legs')} FINAL
            WHERE deleted = 0 AND (end >= {since:DateTime64(6)} OR open = 1)`,
          query_params: { since: formatTimestampUs(sinceUs) },
          format: 'JSONEachRow',
        })
      ).json<{ summary: string; findings: string }>();
      return rows.map((r) => ({
        leg: JSON.parse(r.summary) as LegSummary,
        findings: JSON.parse(r.findings) as Finding[],
      }));
    });
  }

  /** Response counts per bucket (minute or hour), device, method and status over a time range. */
  responseCodeRates(
    since: number,
    until: number,
    bucket: 'minute' | 'hour',
    device?: string,
  ): Promise<ResponseCodeRate[]> {
    return guard(async () => {
      const rows = await (
        await this.client.query({
          query: `SELECT ${bucket === 'hour' ? 'toStartOfHour(minute)' : 'minute'} AS bucket, device_id, method, status, sum(count) AS count
            FROM ${tableName(this.layout, 'response_codes_1m')}
            WHERE minute >= toStartOfMinute({since:DateTime64(6)}) AND minute < {until:DateTime64(6)}
              ${device ? 'AND device_id = {device:String}' : ''}
            GROUP BY bucket, device_id, method, status
            ORDER BY bucket, device_id, method, status`,
          query_params: {
            since: formatTimestampUs(since),
            until: formatTimestampUs(until),
            ...(device ? { device } : {}),
          },
          format: 'JSONEachRow',
        })
      ).json<{ bucket: string; device_id: string; method: string; status: number; count: string | number }>();
      return rows.map((r) => ({
        bucket: parseTimestampUs(r.bucket),
        deviceId: r.device_id,
        method: r.method,
        status: Number(r.status),
        count: Number(r.count),
      }));
    });
  }

  /** Forces merges (TTL and de-duplication) now; for tests and maintenance, not the hot path. */
  async optimize(table: string): Promise<void> {
    await guard(() => this.client.command({ query: `OPTIMIZE TABLE ${localTable(this.layout, table)} FINAL` }));
  }
}
