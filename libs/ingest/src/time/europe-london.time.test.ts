import { describe, expect, it } from 'vitest';
import { isBritishSummerTime, lastSundayOf, londonLocalToUtcMs } from './europe-london.time';

const utc = (iso: string) => Date.parse(iso);

describe('Europe/London (EU summer-time rule)', () => {
  it('finds the last Sundays', () => {
    expect(lastSundayOf(2014, 3)).toBe(30);
    expect(lastSundayOf(2014, 10)).toBe(26);
    expect(lastSundayOf(2024, 3)).toBe(31);
  });

  it('switches at 01:00 UTC', () => {
    expect(isBritishSummerTime(utc('2014-03-30T00:59:59Z'))).toBe(false);
    expect(isBritishSummerTime(utc('2014-03-30T01:00:00Z'))).toBe(true);
    expect(isBritishSummerTime(utc('2014-10-26T00:59:59Z'))).toBe(true);
    expect(isBritishSummerTime(utc('2014-10-26T01:00:00Z'))).toBe(false);
  });

  it('converts the FIREBRICK.md sample time (27 Jul 2014 08:02:21 BST)', () => {
    expect(londonLocalToUtcMs({ year: 2014, month: 7, day: 27, hour: 8, minute: 2, second: 21 })).toBe(
      utc('2014-07-27T07:02:21Z'),
    );
  });

  it('leaves winter time alone and resolves the edges', () => {
    expect(londonLocalToUtcMs({ year: 2014, month: 1, day: 5, hour: 12, minute: 0, second: 0 })).toBe(
      utc('2014-01-05T12:00:00Z'),
    );
    // 01:30 on 26 Oct 2014 happens twice: the first (BST) is taken.
    expect(londonLocalToUtcMs({ year: 2014, month: 10, day: 26, hour: 1, minute: 30, second: 0 })).toBe(
      utc('2014-10-26T00:30:00Z'),
    );
    // 01:30 on 30 Mar 2014 never happens on the clock: read as GMT.
    expect(londonLocalToUtcMs({ year: 2014, month: 3, day: 30, hour: 1, minute: 30, second: 0 })).toBe(
      utc('2014-03-30T01:30:00Z'),
    );
    expect(londonLocalToUtcMs({ year: 2014, month: 3, day: 30, hour: 2, minute: 30, second: 0 })).toBe(
      utc('2014-03-30T01:30:00Z'),
    );
  });
});
