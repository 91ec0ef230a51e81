/**
 * Character classes of the SIP grammar (RFC 3261 §25.1) as lookup tables over char codes, so the
 * scanners test a class with one array read instead of a regular expression.
 */

function table(chars: string, ranges: Array<[number, number]> = []): Uint8Array {
  const t = new Uint8Array(256);
  for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = 1;
  for (const [from, to] of ranges) for (let c = from; c <= to; c++) t[c] = 1;
  return t;
}

const ALNUM: Array<[number, number]> = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x61, 0x7a],
];

/** token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~") (§25.1). */
export const TOKEN = table("-.!%*_+`'~", ALNUM);

/** Characters of a host name or IPv4 address; '_' is not in the RFC but common in real hostnames. */
export const HOST = table('-._', ALNUM);

export const SP = 0x20;
export const HTAB = 0x09;
export const CR = 0x0d;
export const LF = 0x0a;
export const DQUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const SEMI = 0x3b;
export const COMMA = 0x2c;
export const COLON = 0x3a;
export const SLASH = 0x2f;
export const LAQUOT = 0x3c;
export const RAQUOT = 0x3e;
export const EQUAL = 0x3d;

export function isWs(c: number): boolean {
  return c === SP || c === HTAB;
}

export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** True when every character of `s` is a token character (and `s` is not empty). */
export function isToken(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 255 || TOKEN[c] === 0) return false;
  }
  return true;
}

export function skipWs(s: string, i: number, end: number = s.length): number {
  while (i < end && isWs(s.charCodeAt(i))) i++;
  return i;
}

export function skipWsBack(s: string, end: number, start: number): number {
  while (end > start && isWs(s.charCodeAt(end - 1))) end--;
  return end;
}

/** End of the token starting at `i` (== i when there is none). */
export function scanToken(s: string, i: number, end: number = s.length): number {
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c > 255 || TOKEN[c] === 0) break;
    i++;
  }
  return i;
}

/**
 * End (exclusive, after the closing quote) of the quoted-string opening at `i`, honouring
 * quoted-pair escapes (§25.1); -1 when it is not terminated.
 */
export function scanQuoted(s: string, i: number, end: number = s.length): number {
  for (let j = i + 1; j < end; j++) {
    const c = s.charCodeAt(j);
    if (c === BACKSLASH) j++;
    else if (c === DQUOTE) return j + 1;
  }
  return -1;
}

/** The content of a quoted-string with its quoted-pairs resolved. */
export function unquote(s: string): string {
  if (s.length >= 2 && s.charCodeAt(0) === DQUOTE && s.charCodeAt(s.length - 1) === DQUOTE) s = s.slice(1, -1);
  if (s.indexOf('\\') === -1) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) out += s[++i];
    else out += c;
  }
  return out;
}
