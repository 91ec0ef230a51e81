/**
 * Bytes ↔ text without loss. Latin-1 maps every byte to one UTF-16 code unit, so offsets in the
 * string are offsets in the bytes: headers and start lines are scanned as Latin-1 text, while the
 * SIP message itself always travels as the original bytes.
 */
const latin1Decoder = new TextDecoder('latin1');
const utf8Decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

export function latin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  // WHATWG 'latin1' is windows-1252: bytes 0x80–0x9f become other code points, but still one
  // code unit per byte, which is all the scanning relies on.
  return latin1Decoder.decode(bytes.subarray(start, end));
}

export function utf8(bytes: Uint8Array, start = 0, end = bytes.length): string {
  return utf8Decoder.decode(bytes.subarray(start, end));
}

export function utf8Bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Text whose characters are all below U+0100 back to the same bytes. */
export function latin1Bytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** First index of `needle` in `hay` at or after `from`, or -1. */
export function indexOfBytes(hay: Uint8Array, needle: readonly number[], from = 0): number {
  if (needle.length === 0) return from;
  const first: number = needle[0]!;
  const last = hay.length - needle.length;
  outer: for (let i = hay.indexOf(first, from); i !== -1 && i <= last; i = hay.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

export function startsWithAscii(bytes: Uint8Array, prefix: string, at = 0): boolean {
  if (bytes.length - at < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix.charCodeAt(i)) return false;
  return true;
}
