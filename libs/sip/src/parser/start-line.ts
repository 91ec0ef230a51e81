import { EMPTY_HEADERS, parseUri } from '../headers/uri';
import { SipParseError } from '../model/parse-result';
import type { SipUri } from '../model/sip-uri';
import { SP, isDigit, isToken, isWs } from './chars';
import { quoteForReason } from './header-block';
import { latin1ToUtf8 } from './text';

export type StartLine =
  { kind: 'request'; method: string; requestUri: SipUri } | { kind: 'response'; status: number; reason: string };

/** True when s[pos…] begins with "SIP/" in any case (a Status-Line; a method token cannot hold '/'). */
function startsWithSipSlash(s: string, pos: number): boolean {
  return (
    (s.charCodeAt(pos) | 0x20) === 0x73 &&
    (s.charCodeAt(pos + 1) | 0x20) === 0x69 &&
    (s.charCodeAt(pos + 2) | 0x20) === 0x70 &&
    s.charCodeAt(pos + 3) === 0x2f
  );
}

/** SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT, case-insensitive; only 2.0 is understood (§7.1). */
function checkVersion(s: string, from: number, to: number, where: string): void {
  if (to - from === 7 && startsWithSipSlash(s, from) && s.startsWith('2.0', from + 4)) return;
  const text = s.slice(from, to);
  if (/^SIP\/\d+\.\d+$/i.test(text)) {
    throw new SipParseError(`unsupported SIP version ${text} in the ${where} (only SIP/2.0, RFC 3261 §7.1)`, from);
  }
  throw new SipParseError(
    `${where} does not have SIP/2.0 where the version belongs: ${quoteForReason(s, from, to)}`,
    from,
  );
}

/**
 * Request-Line = Method SP Request-URI SP SIP-Version CRLF; Status-Line = SIP-Version SP
 * Status-Code SP Reason-Phrase CRLF (RFC 3261 §7.1, §7.2, §25.1). Single spaces only: extra or
 * trailing whitespace is invalid (RFC 4475 §3.1.2.8-10). `end` excludes the line break.
 */
export function parseStartLine(s: string, pos: number, end: number): StartLine {
  if (startsWithSipSlash(s, pos)) return parseStatusLine(s, pos, end);
  return parseRequestLine(s, pos, end);
}

function parseRequestLine(s: string, pos: number, end: number): StartLine {
  const sp1 = s.indexOf(' ', pos);
  if (sp1 === -1 || sp1 >= end) {
    throw new SipParseError(
      `start line is neither a Request-Line nor a Status-Line: ${quoteForReason(s, pos, end)}`,
      pos,
    );
  }
  const method = s.slice(pos, sp1);
  if (!isToken(method)) {
    throw new SipParseError(`Request-Line method ${quoteForReason(s, pos, sp1)} is not a token (RFC 3261 §25.1)`, pos);
  }
  if (isWs(s.charCodeAt(end - 1))) {
    throw new SipParseError('Request-Line ends with whitespace after the SIP version (RFC 3261 §25.1)', end - 1);
  }
  if (isWs(s.charCodeAt(sp1 + 1))) {
    throw new SipParseError('Request-Line has more than one space between the method and the Request-URI', sp1 + 1);
  }
  const sp2 = s.lastIndexOf(' ', end - 1);
  if (sp2 <= sp1) throw new SipParseError('Request-Line has no SIP version after the Request-URI', end);
  checkVersion(s, sp2 + 1, end, 'Request-Line');
  if (s.charCodeAt(sp2 - 1) === SP) {
    throw new SipParseError(
      'Request-Line has more than one space between the Request-URI and the SIP version',
      sp2 - 1,
    );
  }
  const uriText = s.slice(sp1 + 1, sp2);
  if (uriText.charCodeAt(0) === 0x3c) {
    throw new SipParseError(
      'Request-URI is enclosed in <>; the Request-Line takes a bare URI (RFC 3261 §25.1)',
      sp1 + 1,
    );
  }
  for (let i = 0; i < uriText.length; i++) {
    if (isWs(uriText.charCodeAt(i))) {
      throw new SipParseError(`Request-URI contains whitespace: ${quoteForReason(s, sp1 + 1, sp2)}`, sp1 + 1 + i);
    }
  }
  const requestUri = parseUri(uriText, 'Request-URI', sp1 + 1);
  if (requestUri.headers !== EMPTY_HEADERS) {
    throw new SipParseError(
      'Request-URI carries URI headers (?…), which RFC 3261 §19.1.1 forbids in a Request-URI',
      sp1 + 1 + uriText.lastIndexOf('?'),
    );
  }
  return { kind: 'request', method, requestUri };
}

function parseStatusLine(s: string, pos: number, end: number): StartLine {
  let sp1 = s.indexOf(' ', pos);
  if (sp1 === -1 || sp1 > end) sp1 = end;
  checkVersion(s, pos, sp1, 'Status-Line');
  if (sp1 === end) throw new SipParseError('Status-Line has no status code', end);
  const codeStart = sp1 + 1;
  let i = codeStart;
  while (i < end && isDigit(s.charCodeAt(i))) i++;
  if (i === codeStart) {
    const what = isWs(s.charCodeAt(codeStart)) ? 'more than one space before' : 'no digits in';
    throw new SipParseError(`Status-Line has ${what} the status code`, codeStart);
  }
  if (i - codeStart !== 3) {
    throw new SipParseError(
      `status code ${s.slice(codeStart, Math.min(i, codeStart + 30))} is not three digits (RFC 3261 §7.2)`,
      codeStart,
    );
  }
  const status = Number(s.slice(codeStart, i));
  if (status < 100 || status > 699) {
    throw new SipParseError(`status code ${status} is outside 100-699 (RFC 3261 §7.2, §21)`, codeStart);
  }
  if (i < end && s.charCodeAt(i) !== SP) {
    throw new SipParseError('Status-Line has no space after the status code', i);
  }
  // Reason-Phrase = *(reserved / unreserved / escaped / UTF8-NONASCII / UTF8-CONT / SP / HTAB); it
  // may be empty (RFC 4475 §3.1.1.13) and is UTF-8 (§3.1.1.12).
  const reason = i < end ? latin1ToUtf8(s.slice(i + 1, end)) : '';
  return { kind: 'response', status, reason };
}
