/**
 * "Is this SIP?" decided by content, not by port: a SIP start line (RFC 3261 §7.1 Request-Line,
 * §7.2 Status-Line). Liberal where the wire is: a bare LF ends the line as well as CRLF, and the
 * method is any RFC 3261 §25.1 token (PROTOS fuzzing methods of 'a'×N are SIP to Wireshark too).
 */
export interface SipStartLine {
  kind: 'request' | 'response';
  /** Index of the LF that ends the line. */
  lineEnd: number;
}

/** Longest start line we look for before deciding the bytes are not SIP. */
export const MAX_START_LINE_BYTES = 8192;

// RFC 3261 §25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
const TOKEN = new Uint8Array(256);
for (const c of "-.!%*_+`'~") TOKEN[c.charCodeAt(0)] = 1;
for (let c = 0x30; c <= 0x39; c++) TOKEN[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) TOKEN[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) TOKEN[c] = 1;

const SIP_VERSION = [0x53, 0x49, 0x50, 0x2f, 0x32, 0x2e, 0x30]; // "SIP/2.0"

function isVersionAt(b: Uint8Array, at: number): boolean {
  for (let i = 0; i < SIP_VERSION.length; i++) {
    const c = b[at + i];
    // RFC 3261 §7.1: the version string is case-insensitive.
    if (c === undefined || (c | (i < 3 ? 0x20 : 0)) !== (SIP_VERSION[i]! | (i < 3 ? 0x20 : 0))) return false;
  }
  return true;
}

const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;

/**
 * The start line at `at`, or null when the bytes there are not one. `end` bounds the search
 * (exclusive). Returns null too when the line is not complete yet (no LF before `end`).
 */
export function matchSipStartLine(b: Uint8Array, at = 0, end = b.length): SipStartLine | null {
  const lf = b.indexOf(0x0a, at);
  if (lf === -1 || lf >= end || lf - at > MAX_START_LINE_BYTES) return null;
  const lineEnd = lf;
  const stop = b[lf - 1] === 0x0d ? lf - 1 : lf;
  // Status-Line: SIP-Version SP 3DIGIT SP Reason-Phrase
  if (isVersionAt(b, at)) {
    const v = at + SIP_VERSION.length;
    if (b[v] === 0x20 && isDigit(b[v + 1]) && isDigit(b[v + 2]) && isDigit(b[v + 3])) {
      if (v + 4 === stop || b[v + 4] === 0x20) return { kind: 'response', lineEnd };
    }
    return null;
  }
  // Request-Line: Method SP Request-URI SP SIP-Version
  let i = at;
  while (i < stop && TOKEN[b[i]!]) i++;
  if (i === at || b[i] !== 0x20) return null;
  const uriStart = ++i;
  while (i < stop && b[i] !== 0x20) i++;
  if (i === uriStart || b[i] !== 0x20) return null;
  if (!isVersionAt(b, i + 1) || i + 1 + SIP_VERSION.length !== stop) return null;
  return { kind: 'request', lineEnd };
}

/** True when the bytes at `at` begin with a SIP start line. */
export function startsWithSip(b: Uint8Array, at = 0): boolean {
  return matchSipStartLine(b, at) !== null;
}
