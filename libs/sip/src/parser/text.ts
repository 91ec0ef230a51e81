/**
 * Byte ↔ text conversions. Header text is scanned as latin1 (one char per byte, so offsets in the
 * string are offsets in the bytes, and conversion is a copy); values shown to people — display
 * names, reason phrases, quoted text — are re-decoded as UTF-8, which RFC 3261 §25.1 (TEXT-UTF8)
 * allows there. Buffer is used when present (Node) for speed; the fallbacks keep this pure module
 * usable in a browser.
 */

interface BufferLike {
  latin1Slice(this: Uint8Array, start: number, end: number): string;
  utf8Slice(this: Uint8Array, start: number, end: number): string;
}

const bufferProto = (globalThis as { Buffer?: { prototype: BufferLike } }).Buffer?.prototype;
const utf8Decoder = new TextDecoder('utf-8');

export function latin1(bytes: Uint8Array, start: number, end: number): string {
  if (bufferProto) return bufferProto.latin1Slice.call(bytes, start, end);
  let out = '';
  for (let i = start; i < end; i += 8192) {
    out += String.fromCharCode(...bytes.subarray(i, Math.min(end, i + 8192)));
  }
  return out;
}

export function utf8(bytes: Uint8Array, start = 0, end = bytes.length): string {
  if (bufferProto) return bufferProto.utf8Slice.call(bytes, start, end);
  return utf8Decoder.decode(bytes.subarray(start, end));
}

/** The bytes of a latin1 string (each char code ≤ 255). */
export function latin1Bytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

/** Re-decodes a latin1-decoded string as UTF-8; ASCII-only strings come back unchanged (fast path). */
export function latin1ToUtf8(s: string): string {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0x7f) return utf8(latin1Bytes(s));
  }
  return s;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/**
 * Resolves %HH escapes (RFC 3261 §19.1.2, §25.1 `escaped`) into octets and decodes the result as
 * UTF-8. A '%' not followed by two hex digits is kept as written (RFC 4475 §3.1.1.5).
 */
export function unescapePercent(s: string): string {
  if (s.indexOf('%') === -1) return latin1ToUtf8(s);
  const out = new Uint8Array(s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) & 0xff;
    if (c === 0x25 && i + 2 < s.length) {
      const hi = hexValue(s.charCodeAt(i + 1));
      const lo = hexValue(s.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        out[n++] = (hi << 4) | lo;
        i += 2;
        continue;
      }
    }
    out[n++] = c;
  }
  return utf8(out, 0, n);
}

/** Index of `needle` in `haystack` from `from`, or -1 (byte search for binary bodies). */
export function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  const first = needle[0];
  const last = haystack.length - needle.length;
  outer: for (
    let i = haystack.indexOf(first as number, from);
    i !== -1 && i <= last;
    i = haystack.indexOf(first as number, i + 1)
  ) {
    for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** A printable excerpt of a value for an error reason. */
export function excerpt(text: string, max = 60): string {
  const t = latin1ToUtf8(text.length > max ? text.slice(0, max) + '…' : text);
  let out = '';
  for (const ch of t) out += ch < ' ' || ch === '\x7f' || ch === '"' ? '?' : ch;
  return out;
}
