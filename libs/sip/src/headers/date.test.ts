import { describe, expect, it } from 'vitest';
import { checkDate } from './date';

describe('checkDate (RFC 3261 §20.17)', () => {
  it('accepts RFC 1123 dates in GMT, with one- or two-digit days', () => {
    expect(() => checkDate('Sat, 13 Nov 2010 23:29:00 GMT')).not.toThrow();
    expect(() => checkDate('Mon, 1 Jan 2024 00:00:00 GMT')).not.toThrow();
  });

  it('rejects other zones and other formats', () => {
    expect(() => checkDate('Fri, 01 Jan 2010 16:00:00 EST')).toThrow(/time zone EST/);
    expect(() => checkDate('2010-01-01T16:00:00Z')).toThrow(/not an RFC 1123 date/);
    expect(() => checkDate('x'.repeat(10_000))).toThrow(/not an RFC 1123 date/);
  });
});
