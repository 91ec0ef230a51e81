import { latin1 } from '../core/byte-text';

/**
 * Just enough header reading to frame a stream and to key a record: find the end of the header
 * block and read named header values (long or compact form, RFC 3261 §7.3.3). This is not the
 * SIP parser (libs/sip); the collector re-derives everything from the real parser.
 */
export interface HeaderBlock {
  /** Index of the first byte after the empty line (the body starts here). */
  bodyStart: number;
  /** Header lines (start line excluded), unfolded, without line ends. */
  lines: string[];
  startLine: string;
}

/**
 * The header block starting at `at`: up to the first empty line (CRLF CRLF, or LF LF from sloppy
 * senders). Null when no empty line appears before `end`.
 */
export function readHeaderBlock(b: Uint8Array, at = 0, end = b.length): HeaderBlock | null {
  const raw: string[] = [];
  let lineStart = at;
  for (;;) {
    const lf = b.indexOf(0x0a, lineStart);
    if (lf === -1 || lf >= end) return null;
    const stop = b[lf - 1] === 0x0d && lf - 1 >= lineStart ? lf - 1 : lf;
    if (stop === lineStart) {
      if (raw.length === 0) return null; // an empty line before any start line is not a block
      const [startLine, ...rest] = raw;
      return { bodyStart: lf + 1, lines: unfold(rest), startLine: startLine ?? '' };
    }
    raw.push(latin1(b, lineStart, stop));
    lineStart = lf + 1;
  }
}

// RFC 3261 §7.3.1: a line starting with SP or HTAB continues the previous header (folding).
function unfold(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const c = line.charCodeAt(0);
    if ((c === 0x20 || c === 0x09) && out.length > 0) out[out.length - 1] += ' ' + line.trim();
    else out.push(line);
  }
  return out;
}

/** RFC 3261 §7.3.3 compact forms of the headers ingest looks at. */
export const COMPACT: Readonly<Record<string, string>> = {
  'call-id': 'i',
  'content-length': 'l',
  via: 'v',
  from: 'f',
  to: 't',
  contact: 'm',
  'content-type': 'c',
};

/** Every value of header `name` (case-insensitive, compact form included), comma lists not split. */
export function headerValues(lines: readonly string[], name: string): string[] {
  const long = name.toLowerCase();
  const short = COMPACT[long];
  const out: string[] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const n = line.slice(0, colon).trim().toLowerCase();
    if (n === long || n === short) out.push(line.slice(colon + 1).trim());
  }
  return out;
}

export function headerValue(lines: readonly string[], name: string): string | undefined {
  return headerValues(lines, name)[0];
}

/**
 * The first value of header `name` in a SIP message ('' when absent); a message cut short before
 * its empty line (a truncated datagram) is read as far as it goes.
 */
export function lookupHeader(raw: Uint8Array, name: string): string {
  const block = readHeaderBlock(raw) ?? readHeaderBlock(withBlankLine(raw));
  return block ? (headerValue(block.lines, name) ?? '') : '';
}

/** The Call-ID of a SIP message ('' when it has none), long or compact (`i:`) form. */
export function lookupCallId(raw: Uint8Array): string {
  return lookupHeader(raw, 'call-id');
}

// A message cut short (a truncated UDP datagram) still has its headers: read them as if ended.
function withBlankLine(raw: Uint8Array): Uint8Array {
  const out = new Uint8Array(raw.length + 4);
  out.set(raw);
  out.set([0x0d, 0x0a, 0x0d, 0x0a], raw.length);
  return out;
}

/**
 * Content-Length (RFC 3261 §20.14) of a header block: the number, undefined when absent, or NaN
 * when present but not a non-negative integer (RFC 4475 §3.1.2.3 ncl, zeek "Content-Length: bad").
 */
export function contentLength(lines: readonly string[]): number | undefined {
  const values = headerValues(lines, 'content-length');
  if (values.length === 0) return undefined;
  const v = values[0]!;
  return /^\d{1,10}$/.test(v) ? Number(v) : Number.NaN;
}
