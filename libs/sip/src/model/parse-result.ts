import type { SipMessage } from './message';

/**
 * The parser's one error type: input that is not a SIP message. `reason` names the problem
 * ("Request-Line has two spaces before the SIP version"); `offset` is the byte where it was found.
 */
export class SipParseError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(`${reason} (at byte ${offset})`);
    this.name = 'SipParseError';
  }
}

/** Bad input is a value, not an exception. */
export type ParseResult = { ok: true; message: SipMessage } | { ok: false; error: SipParseError };
