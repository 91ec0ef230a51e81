import { describe, expect, it } from 'vitest';
import { splitMultipart } from './multipart';

const bytes = (s: string) => Buffer.from(s, 'latin1');
const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');

describe('splitMultipart (RFC 2046 §5.1.1)', () => {
  it('splits parts with their headers; preamble and epilogue are ignored', () => {
    const body = bytes(
      'preamble\r\n--b1\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n\r\n--b1\r\nContent-Type: application/ISUP;version=itu-t92+\r\nContent-Disposition: signal\r\n\r\n\x01\x00\n\x02\r\n--b1--\r\nepilogue',
    );
    const parts = splitMultipart(body, 'b1');
    expect(parts.map((p) => p.contentType)).toEqual(['application/sdp', 'application/isup']);
    expect(text(parts[0]!.body)).toBe('v=0\r\n');
    expect(text(parts[1]!.body)).toBe('\x01\x00\n\x02');
    expect(parts[1]!.headers['content-disposition']).toBe('signal');
  });

  it('does not split at a boundary that only starts like the delimiter', () => {
    const parts = splitMultipart(bytes('--b\r\n\r\nx\r\n--bb is text\r\n--b--'), 'b');
    expect(parts).toHaveLength(1);
    expect(text(parts[0]!.body)).toBe('x\r\n--bb is text');
  });

  it('accepts LF-only delimiters, a part without headers, and a missing close delimiter', () => {
    const parts = splitMultipart(bytes('--b\n\nfirst\n--b\nContent-Type: text/plain\n\nsecond'), 'b');
    expect(parts.map((p) => text(p.body))).toEqual(['first', 'second']);
    expect(parts[0]!.contentType).toBeUndefined();
  });

  it('gives [] when the boundary never appears', () => {
    expect(splitMultipart(bytes('no parts here'), 'b')).toEqual([]);
    expect(splitMultipart(bytes('--b'), '')).toEqual([]);
  });
});
