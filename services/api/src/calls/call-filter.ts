import { normaliseNumber, type NumberPlan } from '@sipflow/auth';
import { numberMatcher, numberSearch } from '@sipflow/sip';
import { type CallFilter, NumberMatch, SortOrder } from '@sipflow/proto';
import type { CallChange, CallSearch } from '@sipflow/store';
import { ApiError } from '../errors/api-error';
import { isPrintable } from '../errors/printable';

const MAX_TEXT = 256;
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** The store's search for a wire filter: values checked and normalised, never spliced into SQL. */
export function searchOf(
  filter: CallFilter | undefined,
  plan: NumberPlan,
  defaultCountry?: string,
): Omit<CallSearch, 'limit'> {
  const f = filter ?? ({} as Partial<CallFilter>);
  const search: Omit<CallSearch, 'limit'> = {};
  for (const field of ['device', 'finding', 'sipCallId', 'kind', 'outcome', 'number'] as const) {
    const value = f[field];
    if (typeof value === 'string' && (value.length > MAX_TEXT || !isPrintable(value))) {
      throw ApiError.invalid(`filter.${field}: at most ${MAX_TEXT} printable characters`);
    }
  }
  const typed = f.number?.trim();
  if (typed) {
    const match = f.numberMatch ?? NumberMatch.NUMBER_MATCH_UNSPECIFIED;
    const invalid = () => ApiError.invalid(`filter.number: "${typed}" is not a telephone number or digits`);
    if (match === NumberMatch.NUMBER_MATCH_PREFIX || match === NumberMatch.NUMBER_MATCH_SUFFIX) {
      const digits =
        match === NumberMatch.NUMBER_MATCH_SUFFIX
          ? /^[\d\s\-.()]+$/.test(typed)
            ? typed.replace(/\D/g, '')
            : undefined
          : normaliseNumber(typed, plan);
      if (!digits) throw invalid();
      search.number = digits;
      search.numberMatch = match === NumberMatch.NUMBER_MATCH_PREFIX ? 'prefix' : 'suffix';
    } else {
      // As typed, read by the store's number search (libs/sip): any written form of a full number,
      // or the last digits of one ('auto'); 'exact' never falls back to a suffix.
      if (!numberSearch(typed, defaultCountry)) throw invalid();
      search.number = typed;
      search.numberMatch = match === NumberMatch.NUMBER_MATCH_EXACT ? 'exact' : 'auto';
    }
  }
  if (f.sinceUs) search.since = f.sinceUs;
  if (f.untilUs) search.until = f.untilUs;
  if (search.since !== undefined && search.until !== undefined && search.since >= search.until) {
    throw ApiError.invalid('filter: since_us must be before until_us');
  }
  if (f.device) search.device = f.device;
  if (f.status !== undefined && f.status !== null) {
    if (f.status < 100 || f.status > 699) throw ApiError.invalid('filter.status: a SIP status code is 100 to 699');
    search.status = f.status;
  }
  if (f.statusClass !== undefined && f.statusClass !== null) {
    if (f.statusClass < 1 || f.statusClass > 6) throw ApiError.invalid('filter.status_class: 1 to 6 (4 = 4xx)');
    search.statusClass = f.statusClass;
  }
  if (f.finding) search.finding = f.finding;
  if (f.sipCallId) search.sipCallId = f.sipCallId;
  if (f.kind) search.kind = f.kind;
  if (f.outcome) search.outcome = f.outcome;
  return search;
}

export function orderOf(order: SortOrder | undefined): 'newest' | 'oldest' {
  return order === SortOrder.SORT_ORDER_OLDEST_FIRST ? 'oldest' : 'newest';
}

export function pageSizeOf(requested: number | undefined): number {
  if (!requested) return DEFAULT_PAGE_SIZE;
  return Math.min(requested, MAX_PAGE_SIZE);
}

/** Opaque keyset cursor: the last call of a page (start, id). */
export function encodePageToken(after: { start: number; callId: string }): string {
  return Buffer.from(JSON.stringify([after.start, after.callId])).toString('base64url');
}

export function decodePageToken(token: string | undefined): { start: number; callId: string } | undefined {
  if (!token) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      Number.isSafeInteger(value[0]) &&
      typeof value[1] === 'string' &&
      value[1].length <= 128
    ) {
      return { start: value[0] as number, callId: value[1] };
    }
  } catch {
    // fall through
  }
  throw ApiError.invalid('page_token: not a token from a previous SearchCalls response');
}

/**
 * The same filter in memory, for the live tail (calls arrive one by one, not through a query). The
 * number rule is the store's (numberMatcher, libs/sip), so following a number and searching for it agree.
 */
export function liveFilter(search: Omit<CallSearch, 'limit'>, defaultCountry?: string): (call: CallChange) => boolean {
  const n = search.number;
  const typedMatcher =
    n && (search.numberMatch === 'auto' || search.numberMatch === 'exact' || !search.numberMatch)
      ? numberMatcher(n, defaultCountry)
      : undefined;
  return (call) => {
    if (n) {
      const hit = typedMatcher
        ? typedMatcher(call.numbers)
        : call.numbers.some((x) => (search.numberMatch === 'prefix' ? x.startsWith(n) : x.endsWith(n)));
      if (!hit) return false;
    }
    if (search.since !== undefined && call.start < search.since) return false;
    if (search.until !== undefined && call.start >= search.until) return false;
    if (search.device && !call.devices.includes(search.device)) return false;
    if (search.status !== undefined && call.finalStatus !== search.status) return false;
    if (search.statusClass !== undefined && Math.floor(call.finalStatus / 100) !== search.statusClass) return false;
    if (search.finding && !call.findingCodes.includes(search.finding)) return false;
    if (search.sipCallId && !call.sipCallIds.includes(search.sipCallId)) return false;
    if (search.kind && call.kind !== search.kind) return false;
    if (search.outcome && call.outcome !== search.outcome) return false;
    return true;
  };
}
