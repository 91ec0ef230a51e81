import { excerpt } from '../parser/text';
import type { CSeq } from '../model/message';
import { SipParseError } from '../model/parse-result';
import { isDigit, isWs, scanToken, skipWs, skipWsBack } from '../parser/chars';

/** CSeq numbers are 32-bit unsigned (RFC 3261 §8.1.1.5, §20.16; RFC 4475 §3.1.2.4). */
const MAX_CSEQ = 0xffffffff;

/** CSeq = 1*DIGIT LWS Method (§20.16). Throws SipParseError. */
export function parseCSeq(value: string, offset = 0): CSeq {
  const end = skipWsBack(value, value.length, 0);
  let i = skipWs(value, 0, end);
  const start = i;
  while (i < end && isDigit(value.charCodeAt(i))) i++;
  if (i === start) throw new SipParseError(`CSeq "${excerpt(value, 40)}" does not start with a number`, offset + i);
  const digits = value.slice(start, i);
  const seq = digits.length > 10 ? Infinity : Number(digits);
  if (seq > MAX_CSEQ) {
    throw new SipParseError(
      `CSeq number ${excerpt(digits, 30)} is larger than 2^32-1 (RFC 3261 §8.1.1.5)`,
      offset + start,
    );
  }
  if (i >= end || !isWs(value.charCodeAt(i))) {
    throw new SipParseError(`CSeq "${excerpt(value, 40)}" has no space between number and method`, offset + i);
  }
  i = skipWs(value, i, end);
  const methodEnd = scanToken(value, i, end);
  if (methodEnd === i || methodEnd !== end) {
    throw new SipParseError(`CSeq "${excerpt(value, 40)}" has no valid method after the number`, offset + i);
  }
  return { seq, method: value.slice(i, methodEnd) };
}
