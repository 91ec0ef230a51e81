import { describe, expect, it } from 'vitest';
import { parseContentLength, parseDigits, parseMaxForwards } from './scalar';

describe('scalar headers: Content-Length, Max-Forwards (RFC 3261 §20.14, §20.22)', () => {
  it('parses digits', () => {
    expect(parseDigits('0068')).toBe(68);
    expect(parseDigits('')).toBe(-1);
    expect(parseDigits('12345678901')).toBe(-1);
    expect(parseDigits('1a')).toBe(-1);
  });

  it('rejects negative, non-numeric and huge Content-Length', () => {
    expect(parseContentLength('150')).toBe(150);
    expect(() => parseContentLength('-999')).toThrow(/negative/);
    expect(() => parseContentLength('bad')).toThrow(/not a number/);
    expect(() => parseContentLength('99999999999')).toThrow(/too large/);
  });

  it('reports out-of-range Max-Forwards instead of rejecting (RFC 4475 §3.1.2.4)', () => {
    expect(parseMaxForwards('70')).toEqual({ value: 70 });
    expect(parseMaxForwards('300')).toEqual({ problem: expect.stringMatching(/above 255/) });
    expect(parseMaxForwards('x')).toEqual({ problem: expect.stringMatching(/not a number/) });
  });
});
