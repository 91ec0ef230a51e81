import { numberSearch, reverseDigits } from '@sipflow/sip';
import { tableName, type SchemaLayout } from '../schema/table-engine';
import { formatTimestampUs } from '../rows/time';

/** What can narrow a search; every value is bound as a parameter, never spliced into SQL. */
export interface CallSearch {
  /**
   * Any party's number as a person types it: '01632 960123', '+44 1632 960123', '441632960123' find
   * the same calls (national forms read in the store's default country); a few digits find numbers
   * ending with them. Text that is not a number matches nothing.
   */
  number?: string;
  /** 'auto' (default): a full number matches exactly in any form, anything shorter as a suffix. */
  numberMatch?: 'auto' | 'exact' | 'prefix' | 'suffix';
  /** µs since the epoch; the call's start is within [since, until). */
  since?: number;
  until?: number;
  device?: string;
  /** Exact final status of the caller's first leg, or its class (4 = 4xx). */
  status?: number;
  statusClass?: number;
  finding?: string;
  sipCallId?: string;
  kind?: string;
  outcome?: string;
  limit: number;
  /** Continue after this call (the last one of the previous page). */
  after?: { start: number; callId: string };
  order?: 'newest' | 'oldest';
  /**
   * Access constraints from the caller's role and scopes (libs/auth). They are ANDed with the
   * filter above, so no filter can widen them. Any list given must match.
   */
  allowed?: {
    numbers?: readonly string[];
    numberPrefixes?: readonly string[];
    /** SIP domains: a party's host equals one or is a subdomain of one. */
    domains?: readonly string[];
    devices?: readonly string[];
    /** Device pools (as the call graph's devices carry them). */
    pools?: readonly string[];
  };
}

/** Lower-cased hosts of every leg's From, To and Request-URI, from the stored graph. */
export const PARTY_HOSTS = `arrayMap(x -> lower(x), arrayFlatten(arrayMap(l -> [JSONExtractString(l, 'from', 'host'), JSONExtractString(l, 'to', 'host'), JSONExtractString(l, 'requestUri', 'host')], JSONExtractArrayRaw(graph, 'legs'))))`;

/** The pools of the call's devices, from the stored graph. */
export const DEVICE_POOLS = `arrayMap(d -> JSONExtractString(d, 'pool'), JSONExtractArrayRaw(graph, 'devices'))`;

export interface SearchQuery {
  query: string;
  params: Record<string, unknown>;
}

/**
 * Builds the search from fixed SQL fragments chosen by which filters are present; user values go in
 * `params` only (ClickHouse server-side binding, `{name:Type}`).
 */
export function buildSearchCalls(
  layout: SchemaLayout,
  search: CallSearch,
  defaultCountry?: string,
  source: 'live' | 'held' = 'live',
): SearchQuery {
  // 'held': the copies investigation holds keep past retention (plain MergeTree: no FINAL).
  const suffix = source === 'held' ? '_held' : '';
  const where = ['deleted = 0'];
  const params: Record<string, unknown> = { limit: Math.max(1, Math.min(search.limit, 1000)) };
  if (search.since !== undefined) {
    where.push('start >= {since:DateTime64(6)}');
    params.since = formatTimestampUs(search.since);
  }
  if (search.until !== undefined) {
    where.push('start < {until:DateTime64(6)}');
    params.until = formatTimestampUs(search.until);
  }
  if (search.number !== undefined) where.push(numberCondition(layout, search, params, defaultCountry, suffix));
  if (search.device) {
    where.push('has(devices, {device:String})');
    params.device = search.device;
  }
  if (search.status !== undefined) {
    where.push('final_status = {status:UInt16}');
    params.status = search.status;
  }
  if (search.statusClass !== undefined) {
    where.push('intDiv(final_status, 100) = {statusClass:UInt8}');
    params.statusClass = search.statusClass;
  }
  if (search.finding) {
    where.push('has(finding_codes, {finding:String})');
    params.finding = search.finding;
  }
  if (search.sipCallId) {
    where.push('has(sip_call_ids, {sipCallId:String})');
    params.sipCallId = search.sipCallId;
  }
  if (search.kind) {
    where.push('kind = {kind:String}');
    params.kind = search.kind;
  }
  if (search.outcome) {
    where.push('outcome = {outcome:String}');
    params.outcome = search.outcome;
  }
  const allowed = search.allowed;
  if (allowed) {
    const parties: string[] = [];
    if (allowed.numbers) {
      parties.push('hasAny(numbers, {allowedNumbers:Array(String)})');
      params.allowedNumbers = allowed.numbers;
    }
    if (allowed.numberPrefixes) {
      parties.push('arrayExists(n -> arrayExists(p -> startsWith(n, p), {allowedPrefixes:Array(String)}), numbers)');
      params.allowedPrefixes = allowed.numberPrefixes.filter((p) => p.length > 0);
    }
    if (allowed.domains) {
      parties.push(
        `arrayExists(h -> arrayExists(d -> h = d OR endsWith(h, concat('.', d)), {allowedDomains:Array(String)}), ${PARTY_HOSTS})`,
      );
      params.allowedDomains = allowed.domains;
    }
    const devices: string[] = [];
    if (allowed.devices) {
      devices.push('hasAny(devices, {allowedDevices:Array(String)})');
      params.allowedDevices = allowed.devices;
    }
    if (allowed.pools) {
      devices.push(`hasAny(${DEVICE_POOLS}, {allowedPools:Array(String)})`);
      params.allowedPools = allowed.pools;
    }
    // Each kind of constraint present must match; an allowed object with no lists matches nothing.
    if (parties.length) where.push(`(${parties.join(' OR ')})`);
    if (devices.length) where.push(`(${devices.join(' OR ')})`);
    if (!parties.length && !devices.length) where.push('0');
  }
  const newest = (search.order ?? 'newest') === 'newest';
  if (search.after) {
    where.push(
      newest
        ? '(start, call_id) < ({afterStart:DateTime64(6)}, {afterId:String})'
        : '(start, call_id) > ({afterStart:DateTime64(6)}, {afterId:String})',
    );
    params.afterStart = formatTimestampUs(search.after.start);
    params.afterId = search.after.callId;
  }
  const direction = newest ? 'DESC' : 'ASC';
  return {
    query: `SELECT ${suffix ? 1 : 0} AS held, call_id, kind, start, end, outcome, final_status, caller, callee, legs, devices, device_names, sip_call_ids,
        numbers, findings, finding_codes, open
      FROM ${tableName(layout, `sip_calls${suffix}`)}${suffix ? '' : ' FINAL'}
      WHERE ${where.join(' AND ')}
      ORDER BY start ${direction}, call_id ${direction}
      LIMIT {limit:UInt32}`,
    params,
  };
}

/** The number filter over the number index (keys 'n:<form>' and 'r:<reversed form>', see numberKeys). */
export function numberCondition(
  layout: SchemaLayout,
  search: CallSearch,
  params: Record<string, unknown>,
  defaultCountry: string | undefined,
  suffix: string,
): string {
  const index = tableName(layout, `sip_numbers${suffix}`);
  const typed = search.number ?? '';
  const digits = typed.replace(/\D/g, '');
  const match = search.numberMatch ?? 'auto';
  const wanted = numberSearch(typed, defaultCountry);
  if (!wanted || !digits) return '0';
  if (match === 'prefix' || match === 'suffix' || (match === 'auto' && wanted.match === 'suffix')) {
    params.numberKey = match === 'prefix' ? `n:${digits}` : `r:${reverseDigits(digits)}`;
    return `call_id IN (SELECT call_id FROM ${index} WHERE startsWith(key, {numberKey:String}))`;
  }
  params.numberKeys = (wanted.match === 'exact' ? wanted.forms : [digits]).map((form) => `n:${form}`);
  return `call_id IN (SELECT call_id FROM ${index} WHERE key IN {numberKeys:Array(String)})`;
}

/**
 * The search over live calls and the copies investigation holds keep, in one query: a call found in
 * both is taken once, from the live table.
 */
export function buildSearchCallsWithHeld(
  layout: SchemaLayout,
  search: CallSearch,
  defaultCountry?: string,
): SearchQuery {
  const live = buildSearchCalls(layout, search, defaultCountry, 'live');
  const held = buildSearchCalls(layout, search, defaultCountry, 'held');
  const direction = (search.order ?? 'newest') === 'newest' ? 'DESC' : 'ASC';
  return {
    query: `SELECT * FROM ((${live.query}) UNION ALL (${held.query}))
      ORDER BY start ${direction}, call_id ${direction}, held
      LIMIT 1 BY call_id
      LIMIT {limit:UInt32}`,
    params: { ...live.params, ...held.params },
  };
}
