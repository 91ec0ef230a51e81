import { canonicalHeaderName } from './sip-header-names';
import { findHeaderEdits, findRequestUriEdits } from './header-redaction';
import type { RedactionPolicy } from './redaction-policy';
import { findBodyEdits } from './sdp-redaction';
import { layoutOf } from './sip-message-layout';
import { type Redaction, type TextEdit, applyEdits, shiftEdits } from './text-edits';

export interface RedactedMessage {
  /** The redacted message as bytes: identical to the input except inside the redacted values. */
  bytes: Uint8Array;
  /** The same, decoded as UTF-8 for display (undecodable octets become U+FFFD). */
  text: string;
  /** What was redacted, in message order; empty when nothing was. */
  redactions: Redaction[];
}

/** How many messages one datagram may carry after the first (RFC 4475 §3.1.1.8 dblreq). */
const MAX_TRAILING_MESSAGES = 4;

/**
 * Redacts one raw SIP message for a policy.
 *
 * Structure is kept: the same start line, headers in the same order with the same names and line
 * folds, the same body length. Header values change length where a value is replaced (a fixed
 * `********` for passwords, `redacted` for another party); that never touches Content-Length,
 * which counts only the body. In the body, keys are masked character for character, so
 * Content-Length and multipart boundaries stay exact without being rewritten.
 *
 * The message is handled as octets (one char per byte), so binary bodies and non-UTF-8 header
 * bytes come back exactly as they went in.
 */
export function redactSipMessage(message: Uint8Array | string, policy: RedactionPolicy): RedactedMessage {
  const input = typeof message === 'string' ? new TextEncoder().encode(message) : message;
  if (policy.level === 'none') return { bytes: input, text: decodeUtf8(input), redactions: [] };
  const { text, redactions } = redactOctets(octetsToString(input), policy, 0);
  const bytes = stringToOctets(text);
  return { bytes, text: decodeUtf8(bytes), redactions };
}

function redactOctets(text: string, policy: RedactionPolicy, depth: number): { text: string; redactions: Redaction[] } {
  const layout = layoutOf(text);
  const edits: TextEdit[] = [];
  const startLine = text.slice(layout.startLine.start, layout.startLine.end);
  edits.push(...shiftEdits(startLineEdits(startLine, policy), layout.startLine.start));
  for (const header of layout.headers) {
    const value = text.slice(header.valueStart, header.valueEnd);
    edits.push(...shiftEdits(findHeaderEdits(canonicalHeaderName(header.name), value, policy), header.valueStart));
  }
  const body = text.slice(layout.bodyStart, layout.bodyEnd);
  edits.push(...shiftEdits(findBodyEdits(body, policy), layout.bodyStart));
  const own = applyEdits(text.slice(0, layout.bodyEnd), edits);

  const trailing = text.slice(layout.bodyEnd);
  if (trailing.length === 0) return own;
  // Octets after the body may be a second message in the same datagram: redact it as one.
  const rest =
    depth < MAX_TRAILING_MESSAGES
      ? redactOctets(trailing, policy, depth + 1)
      : applyEdits(trailing, findBodyEdits(trailing, policy));
  return { text: own.text + rest.text, redactions: [...own.redactions, ...rest.redactions] };
}

/** Request-Line `METHOD SP Request-URI SP SIP-Version` (RFC 3261 §7.1); a Status-Line has no URI. */
function startLineEdits(line: string, policy: RedactionPolicy): TextEdit[] {
  const request = /^[A-Za-z!%*._+`'~-]+ (\S+) SIP\/\d/.exec(line);
  const uri = request?.[1];
  return uri === undefined ? [] : shiftEdits(findRequestUriEdits(uri, policy), line.indexOf(' ') + 1);
}

function octetsToString(bytes: Uint8Array): string {
  let out = '';
  for (let at = 0; at < bytes.length; at += 0x8000) {
    out += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  }
  return out;
}

function stringToOctets(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return bytes;
}

function decodeUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}
