import type { SemanticIssue, SipFraming } from '../model/message';
import { SipParseError } from '../model/parse-result';
import { issue } from './issues';

/** Shared by every message without a body (read-only by contract). */
const NO_BODY = new Uint8Array(0);

export interface Framed {
  body: Uint8Array;
  bodyEnd: number;
  trailing: Uint8Array | undefined;
  contentLength: number | undefined;
}

/**
 * Where the body ends (RFC 3261 §18.3, §20.14). Over a datagram the message is the datagram: no
 * Content-Length means "to the end", a shorter one leaves trailing octets (RFC 4475 §3.1.1.8), a
 * longer one is invalid (§3.1.2.2). Over a stream Content-Length is mandatory and frames the
 * message: missing means an empty body (flagged), longer means the message is incomplete.
 */
export function frameBody(
  bytes: Uint8Array,
  bodyStart: number,
  lengths: number[],
  framing: SipFraming,
  issues: SemanticIssue[],
): Framed {
  const available = bytes.length - bodyStart;
  let declared = lengths[0];
  if (lengths.length > 1 && lengths.some((n) => n !== declared)) {
    // RFC 4475 §3.3.9: conflicting lengths. A datagram still holds the whole body; a stream cannot be framed.
    if (framing === 'stream') {
      throw new SipParseError(
        `conflicting Content-Length values (${lengths.join(', ')}): the message cannot be framed`,
        bodyStart,
      );
    }
    return { body: bytes.subarray(bodyStart), bodyEnd: bytes.length, trailing: undefined, contentLength: declared };
  }
  if (declared === undefined) {
    if (framing === 'stream') {
      issues.push(
        issue(
          'missing-content-length',
          'error',
          'no Content-Length over a stream transport (RFC 3261 §20.14): body taken as empty',
        ),
      );
      declared = 0;
    } else {
      return { body: bytes.subarray(bodyStart), bodyEnd: bytes.length, trailing: undefined, contentLength: undefined };
    }
  } else if (declared > available) {
    const why =
      framing === 'stream' ? 'the message is incomplete' : 'a datagram must hold the whole message (RFC 3261 §18.3)';
    throw new SipParseError(
      `Content-Length ${declared} is larger than the ${available} body bytes present: ${why}`,
      bodyStart,
    );
  }
  const bodyEnd = bodyStart + declared;
  let trailing: Uint8Array | undefined;
  if (bodyEnd < bytes.length) {
    trailing = bytes.subarray(bodyEnd);
    if (framing === 'datagram') {
      issues.push(
        issue(
          'content-length-mismatch',
          'info',
          `${trailing.length} bytes after the ${declared}-byte body (Content-Length) are not part of the message`,
        ),
      );
    }
  }
  const body = declared === 0 ? NO_BODY : bytes.subarray(bodyStart, bodyEnd);
  return { body, bodyEnd, trailing, contentLength: declared };
}
