import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../model/parse-limits';
import { readHeaderBlock } from './header-block';

const read = (s: string, limits = DEFAULT_LIMITS) => readHeaderBlock(s, 0, limits);

describe('readHeaderBlock (RFC 3261 §7.3)', () => {
  it('indexes names (compact forms expanded) and trims values', () => {
    const b = read('v: SIP/2.0/UDP h\r\nCall-ID :  abc  \r\nX-Empty:\r\n\r\nbody');
    expect(b.names.map((n) => n.canonical)).toEqual(['via', 'call-id', 'x-empty']);
    expect(b.written).toEqual(['v', 'Call-ID', 'X-Empty']);
    expect(b.values).toEqual(['SIP/2.0/UDP h', 'abc', '']);
    expect(b.terminated).toBe(true);
    expect(b.bodyStart).toBe(48);
  });

  it('unfolds continuation lines into one SP', () => {
    const b = read('Subject: one\r\n  two\r\n\tthree\r\nContact:\r\n <sip:a@h>\r\n\r\n');
    expect(b.values).toEqual(['one two three', '<sip:a@h>']);
  });

  it('notes bare LF line ends and a missing terminator', () => {
    const b = read('To: a\nFrom: b\n');
    expect(b.bareLf).toBe(true);
    expect(b.terminated).toBe(false);
  });

  it.each([
    ['a line without a colon', 'To sip:a@h\r\n\r\n', /no colon/],
    ['a fold before any header', ' folded\r\n\r\n', /starts with whitespace/],
    ['a line that is not a header', '<sip:a@h>\r\n\r\n', /does not start with a header name/],
  ])('rejects %s', (_what, s, reason) => {
    expect(() => read(s)).toThrow(reason);
  });

  it('enforces the header count and line length limits', () => {
    expect(() => read('X: y\r\n'.repeat(5), { ...DEFAULT_LIMITS, maxHeaders: 4 })).toThrow(/more than 4 header lines/);
    expect(() => read(`X: ${'y'.repeat(100)}\r\n`, { ...DEFAULT_LIMITS, maxLineLength: 50 })).toThrow(
      /longer than 50 bytes/,
    );
    expect(() => read(`X: y\r\n${' z\r\n'.repeat(40)}`, { ...DEFAULT_LIMITS, maxLineLength: 50 })).toThrow(
      /longer than 50 bytes/,
    );
  });
});
