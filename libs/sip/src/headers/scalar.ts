import { excerpt } from '../parser/text';
import { SipParseError } from '../model/parse-result';
import { isDigit } from '../parser/chars';

/** The value of 1*DIGIT, or -1 when `text` is not that (or has more than 10 digits). */
export function parseDigits(text: string): number {
  if (text.length === 0 || text.length > 10) return -1;
  for (let i = 0; i < text.length; i++) if (!isDigit(text.charCodeAt(i))) return -1;
  return Number(text);
}

/** Content-Length = 1*DIGIT (RFC 3261 §20.14); negative or non-numeric is invalid (RFC 4475 §3.1.2.3). */
export function parseContentLength(value: string, offset = 0): number {
  const n = parseDigits(value);
  if (n >= 0) return n;
  if (value.startsWith('-')) throw new SipParseError(`Content-Length ${excerpt(value, 20)} is negative`, offset);
  if (/^\d+$/.test(value)) throw new SipParseError(`Content-Length ${excerpt(value, 20)} is too large`, offset);
  throw new SipParseError(`Content-Length "${excerpt(value, 20)}" is not a number`, offset);
}

export type MaxForwards = { value: number } | { problem: string };

/**
 * Max-Forwards = 1*DIGIT, 0-255 (RFC 3261 §20.22, §8.1.1.6). RFC 4475 §3.1.2.4: an element may
 * treat an out-of-range value as absent, so this reports a problem instead of rejecting.
 */
export function parseMaxForwards(value: string): MaxForwards {
  const n = parseDigits(value);
  if (n < 0) return { problem: `Max-Forwards "${excerpt(value, 20)}" is not a number` };
  if (n > 255) return { problem: `Max-Forwards ${n} is above 255 (RFC 3261 §20.22); treated as absent` };
  return { value: n };
}
