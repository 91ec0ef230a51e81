import { SipParseError } from '../model/parse-result';
import { CR, HTAB, SP, TOKEN, skipWs, skipWsBack } from './chars';
import { type HeaderName, headerNameAt } from './header-names';
import type { ParseLimits } from '../model/parse-limits';

/**
 * The header fields of one message, indexed once: parallel arrays in the order written. Values are
 * unfolded (RFC 3261 §7.3.1: a line starting with whitespace continues the previous one, and the
 * line break with its leading whitespace counts as one SP) and trimmed.
 */
export interface HeaderBlock {
  names: HeaderName[];
  written: string[];
  values: string[];
  /** Offset of each value's first byte in the message, for error positions. */
  offsets: number[];
  /** Offset of the first body byte (just after the empty line), or the input length if unterminated. */
  bodyStart: number;
  /** False when the input ended before the empty line that ends the header section. */
  terminated: boolean;
  /** True when some line ended in a bare LF instead of CRLF. */
  bareLf: boolean;
}

/** Indexes the header lines of `s` (the message as latin1) from `pos`, the start of the first header line. */
export function readHeaderBlock(s: string, pos: number, limits: ParseLimits): HeaderBlock {
  const names: HeaderName[] = [];
  const written: string[] = [];
  const values: string[] = [];
  const offsets: number[] = [];
  const len = s.length;
  let bareLf = false;
  let terminated = false;
  while (pos < len) {
    let nl = s.indexOf('\n', pos);
    let next: number;
    if (nl === -1) {
      nl = len;
      next = len;
    } else {
      next = nl + 1;
    }
    let lineEnd = nl;
    if (lineEnd > pos && s.charCodeAt(lineEnd - 1) === CR) lineEnd--;
    else if (nl < len) bareLf = true;
    if (lineEnd === pos) {
      // The empty line ends the header section (§7).
      if (nl < len) terminated = true;
      pos = next;
      break;
    }
    if (lineEnd - pos > limits.maxLineLength) {
      throw new SipParseError(`header line longer than ${limits.maxLineLength} bytes`, pos);
    }
    const c = s.charCodeAt(pos);
    if (c === SP || c === HTAB) {
      const last = values.length - 1;
      if (last < 0)
        throw new SipParseError('first header line starts with whitespace (a fold with nothing to continue)', pos);
      const from = skipWs(s, pos, lineEnd);
      const to = skipWsBack(s, lineEnd, from);
      if (to > from) {
        const prev = values[last] as string;
        const value = prev.length === 0 ? s.slice(from, to) : prev + ' ' + s.slice(from, to);
        if (value.length > limits.maxLineLength) {
          throw new SipParseError(`header line longer than ${limits.maxLineLength} bytes`, pos);
        }
        values[last] = value;
        if (prev.length === 0) offsets[last] = from;
      }
      pos = next;
      continue;
    }
    let i = pos;
    while (i < lineEnd) {
      const ch = s.charCodeAt(i);
      if (TOKEN[ch] === 0) break;
      i++;
    }
    if (i === pos) {
      throw new SipParseError(`header line does not start with a header name: ${quoteForReason(s, pos, lineEnd)}`, pos);
    }
    const nameEnd = i;
    i = skipWs(s, i, lineEnd);
    if (i >= lineEnd || s.charCodeAt(i) !== 0x3a) {
      throw new SipParseError(
        `header line has no colon after the name ${quoteForReason(s, pos, nameEnd)}: ${quoteForReason(s, pos, lineEnd)}`,
        i,
      );
    }
    if (names.length >= limits.maxHeaders) {
      throw new SipParseError(`more than ${limits.maxHeaders} header lines`, pos);
    }
    const from = skipWs(s, i + 1, lineEnd);
    const to = skipWsBack(s, lineEnd, from);
    const spelling = headerNameAt(s, pos, nameEnd);
    names.push(spelling.name);
    written.push(spelling.written);
    values.push(s.slice(from, to));
    offsets.push(from);
    pos = next;
  }
  return { names, written, values, offsets, bodyStart: pos, terminated, bareLf };
}

/** A short, printable excerpt of s[from, to) for an error reason. */
export function quoteForReason(s: string, from: number, to: number): string {
  const max = 60;
  const text = s.slice(from, Math.min(to, from + max)).replace(/[^\x20-\x7e]/g, '?');
  return `"${text}${to - from > max ? '…' : ''}"`;
}
