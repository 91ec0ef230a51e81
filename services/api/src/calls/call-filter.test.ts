import { status } from '@grpc/grpc-js';
import { NumberMatch, SortOrder, type CallFilter } from '@sipflow/proto';
import type { CallChange } from '@sipflow/store';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors/api-error';
import { decodePageToken, encodePageToken, matchesSearch, orderOf, pageSizeOf, searchOf } from './call-filter';

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
  it('reads a number in any common form as international digits', () => {
    for (const number of ['+44 1632 960123', '01632 960123', '0044-1632-960123', '441632960123']) {
      expect(searchOf(filter({ number }), plan)).toMatchObject({ number: '441632960123', numberMatch: 'exact' });
    }
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

describe('matchesSearch (the live tail)', () => {
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

  it('applies the same filter fields as the store query', () => {
    expect(matchesSearch(call, { number: '441632960999' })).toBe(true);
    expect(matchesSearch(call, { number: '4416', numberMatch: 'prefix' })).toBe(true);
    expect(matchesSearch(call, { number: '0999', numberMatch: 'suffix' })).toBe(true);
    expect(matchesSearch(call, { number: '4416' })).toBe(false);
    expect(matchesSearch(call, { statusClass: 4, device: 'cs-b', kind: 'call', outcome: 'busy' })).toBe(true);
    expect(matchesSearch(call, { status: 200 })).toBe(false);
    expect(matchesSearch(call, { since: 150 })).toBe(false);
    expect(matchesSearch(call, { sipCallId: 'x@y' })).toBe(true);
    expect(matchesSearch(call, { finding: 'auth-loop' })).toBe(false);
  });
});
