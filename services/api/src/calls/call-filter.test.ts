import { status } from '@grpc/grpc-js';
import { NumberMatch, SortOrder, type CallFilter } from '@sipflow/proto';
import type { CallChange } from '@sipflow/store';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors/api-error';
import { decodePageToken, encodePageToken, liveFilter, orderOf, pageSizeOf, searchOf } from './call-filter';

const plan = { countryCode: '44' };
function filter(f: Partial<CallFilter>): CallFilter {
  return {
    number: '',
    numberMatch: 0,
    sinceUs: 0,
    untilUs: 0,
    device: '',
    finding: '',
    sipCallId: '',
    kind: '',
    outcome: '',
    ...f,
  };
}
const code = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as ApiError).code;
  }
  return status.OK;
};

describe('searchOf', () => {
  it('passes a number as typed to the store’s number search (auto or exact), prefixes as international digits', () => {
    for (const number of ['+44 1632 960123', '01632 960123', '960123']) {
      expect(searchOf(filter({ number }), plan, 'GB')).toEqual({ number, numberMatch: 'auto' });
    }
    expect(
      searchOf(filter({ number: '01632 960123', numberMatch: NumberMatch.NUMBER_MATCH_EXACT }), plan, 'GB'),
    ).toEqual({
      number: '01632 960123',
      numberMatch: 'exact',
    });
    expect(searchOf(filter({ number: '01632', numberMatch: NumberMatch.NUMBER_MATCH_PREFIX }), plan)).toMatchObject({
      number: '441632',
      numberMatch: 'prefix',
    });
    expect(searchOf(filter({ number: '960 123', numberMatch: NumberMatch.NUMBER_MATCH_SUFFIX }), plan)).toMatchObject({
      number: '960123',
      numberMatch: 'suffix',
    });
  });

  it('refuses what is not a number, an inverted range, odd status codes and control characters', () => {
    expect(code(() => searchOf(filter({ number: 'alice' }), plan))).toBe(status.INVALID_ARGUMENT);
    expect(code(() => searchOf(filter({ number: '12%', numberMatch: NumberMatch.NUMBER_MATCH_SUFFIX }), plan))).toBe(
      status.INVALID_ARGUMENT,
    );
    expect(code(() => searchOf(filter({ sinceUs: 10, untilUs: 5 }), plan))).toBe(status.INVALID_ARGUMENT);
    expect(code(() => searchOf(filter({ status: 42 }), plan))).toBe(status.INVALID_ARGUMENT);
    expect(code(() => searchOf(filter({ statusClass: 9 }), plan))).toBe(status.INVALID_ARGUMENT);
    expect(code(() => searchOf(filter({ device: 'cs\u0000b' }), plan))).toBe(status.INVALID_ARGUMENT);
    expect(searchOf(undefined, plan)).toEqual({});
  });
});

describe('paging', () => {
  it('round-trips a cursor and refuses a forged one', () => {
    const after = { start: 1_795_000_000_000_000, callId: 'abc' };
    expect(decodePageToken(encodePageToken(after))).toEqual(after);
    expect(decodePageToken('')).toBeUndefined();
    expect(code(() => decodePageToken('not-a-token'))).toBe(status.INVALID_ARGUMENT);
    expect(code(() => decodePageToken(Buffer.from('["x","y"]').toString('base64url')))).toBe(status.INVALID_ARGUMENT);
  });

  it('bounds the page size and reads the order', () => {
    expect([pageSizeOf(0), pageSizeOf(10), pageSizeOf(100_000)]).toEqual([50, 10, 500]);
    expect(orderOf(SortOrder.SORT_ORDER_OLDEST_FIRST)).toBe('oldest');
    expect(orderOf(undefined)).toBe('newest');
  });
});

describe('liveFilter (the live tail)', () => {
  const call = {
    id: 'c1',
    kind: 'call',
    start: 100,
    end: 200,
    outcome: 'busy',
    finalStatus: 486,
    caller: '441632960123',
    callee: '441632960999',
    legs: 2,
    devices: ['cs-b'],
    deviceNames: ['B'],
    sipCallIds: ['x@y'],
    numbers: ['441632960123', '441632960999'],
    findings: 0,
    findingCodes: [],
    open: false,
    version: 1,
    deleted: false,
    pools: [],
    hosts: [],
  } satisfies CallChange;

  it('applies the same filter fields and number rule as the store query', () => {
    const matches = (search: Parameters<typeof liveFilter>[0]) => liveFilter(search, 'GB')(call);
    expect(matches({ number: '01632 960999', numberMatch: 'auto' })).toBe(true);
    expect(matches({ number: '+44 1632 960999', numberMatch: 'exact' })).toBe(true);
    expect(matches({ number: '960999', numberMatch: 'auto' })).toBe(true);
    expect(matches({ number: '01632 960555', numberMatch: 'auto' })).toBe(false);
    expect(matches({ number: '4416', numberMatch: 'prefix' })).toBe(true);
    expect(matches({ number: '0999', numberMatch: 'suffix' })).toBe(true);
    expect(matches({ statusClass: 4, device: 'cs-b', kind: 'call', outcome: 'busy' })).toBe(true);
    expect(matches({ status: 200 })).toBe(false);
    expect(matches({ since: 150 })).toBe(false);
    expect(matches({ sipCallId: 'x@y' })).toBe(true);
    expect(matches({ finding: 'auth-loop' })).toBe(false);
  });
});
