import type { ParseOptions, SemanticIssue } from '../model/message';
import { DEFAULT_LIMITS, type ParseLimits } from '../model/parse-limits';
import { type ParseResult, SipParseError } from '../model/parse-result';
import { CR, LF } from './chars';
import { MISSING_PARTY, readCoreHeaders } from './core-headers';
import { frameBody } from './framing';
import { readHeaderBlock } from './header-block';
import { issue } from './issues';
import { type MessageFields, ParsedRequest, ParsedResponse } from './message';
import { checkSemantics } from './semantic-checks';
import { IndexedHeaders } from './sip-headers';
import { parseStartLine } from './start-line';
import { latin1 } from './text';

const NO_CSEQ = Object.freeze({ seq: 0, method: '' });

/**
 * Parses one SIP message (RFC 3261 §7, §25). Never throws: input that is not a SIP message gives
 * `{ ok: false, error }` with a reason naming the problem; problems that do not stop parsing are
 * listed in `message.issues`.
 */
export function parseSipMessage(input: Uint8Array, options?: ParseOptions): ParseResult {
  try {
    return { ok: true, message: parseOrThrow(input, options) };
  } catch (error) {
    if (error instanceof SipParseError) return { ok: false, error };
    // A bug in the parser, not a property of the input; reported, never thrown to the caller.
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, error: new SipParseError(`internal parser error: ${detail}`, 0) };
  }
}

function limitsOf(options?: ParseOptions): ParseLimits {
  return options?.limits ? { ...DEFAULT_LIMITS, ...options.limits } : DEFAULT_LIMITS;
}

function parseOrThrow(bytes: Uint8Array, options?: ParseOptions): ParsedRequest | ParsedResponse {
  const limits = limitsOf(options);
  const framing = options?.framing ?? 'datagram';
  if (bytes.length > limits.maxMessageBytes) {
    throw new SipParseError(`message larger than ${limits.maxMessageBytes} bytes`, limits.maxMessageBytes);
  }
  const s = latin1(bytes, 0, bytes.length);
  // Line breaks before the start line are ignored (RFC 3261 §7.5; RFC 5626 §4.4.1 keep-alives).
  let pos = 0;
  while (pos < s.length && (s.charCodeAt(pos) === CR || s.charCodeAt(pos) === LF)) pos++;
  if (pos === s.length) {
    throw new SipParseError(pos === 0 ? 'empty message' : 'only line breaks, no start line (a keep-alive?)', pos);
  }
  const messageStart = pos;
  const nl = s.indexOf('\n', pos);
  if (nl === -1) throw new SipParseError('message ends within the start line (no line break)', s.length);
  const lineEnd = nl > pos && s.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
  if (lineEnd - pos > limits.maxLineLength) {
    throw new SipParseError(`start line longer than ${limits.maxLineLength} bytes`, pos);
  }
  const start = parseStartLine(s, pos, lineEnd);
  const block = readHeaderBlock(s, nl + 1, limits);
  const issues: SemanticIssue[] = [];
  const core = readCoreHeaders(block, issues);
  if (start.kind === 'request' && core.cseq && core.cseq.method !== start.method) {
    // RFC 4475 §3.1.2.17-18: the CSeq method must match the request method (RFC 3261 §8.1.1.5).
    throw new SipParseError(
      `CSeq method ${core.cseq.method} does not match the request method ${start.method} (RFC 3261 §8.1.1.5)`,
      block.offsets[block.names.findIndex((n) => n.canonical === 'cseq')] ?? 0,
    );
  }
  if (!block.terminated) {
    // Over a stream the message is incomplete. A datagram is the whole message: RFC example
    // transcriptions (corpus rfc3665/raw) and real truncated captures end right after the last
    // header, so it is accepted with an empty body and flagged.
    if (framing === 'stream') {
      throw new SipParseError(
        'message ends before the empty line that closes the header section (incomplete)',
        s.length,
      );
    }
    issues.push(
      issue(
        'missing-header-terminator',
        'warning',
        'the message ends without the empty line that closes the header section (truncated?)',
      ),
    );
  }
  const framed = frameBody(bytes, block.bodyStart, core.contentLengths, framing, issues);
  checkSemantics(start, core, block, issues);
  const fields: MessageFields = {
    headers: new IndexedHeaders(block),
    callId: core.callId ?? '',
    from: core.from ?? MISSING_PARTY,
    to: core.to ?? MISSING_PARTY,
    cseq: core.cseq ?? NO_CSEQ,
    via: core.via,
    maxForwards: core.maxForwards,
    contentLength: framed.contentLength,
    contentType: core.contentType,
    body: framed.body,
    issues,
    raw: messageStart === 0 && framed.bodyEnd === bytes.length ? bytes : bytes.subarray(messageStart, framed.bodyEnd),
    trailing: framed.trailing,
    contacts: core.contacts,
  };
  return start.kind === 'request'
    ? new ParsedRequest(fields, start.method, start.requestUri)
    : new ParsedResponse(fields, start.status, start.reason);
}
