import { canonicalHeaderName } from '@sipflow/sip';

/** One line of a SIP message as the hover panel shows it. */
export interface SipLine {
  text: string;
  kind: 'start-line' | 'header' | 'key-header' | 'blank' | 'sdp' | 'key-sdp' | 'body';
  /** Header name in its lower-case long form ('from' for 'f'), for header lines. */
  name?: string;
}

/** Headers support staff look at first: who, which dialog, why it failed, what was authorised. */
const KEY_HEADERS = new Set([
  'authorization',
  'call-id',
  'cseq',
  'diversion',
  'from',
  'history-info',
  'p-asserted-identity',
  'p-charging-vector',
  'p-preferred-identity',
  'proxy-authenticate',
  'proxy-authorization',
  'reason',
  'replaces',
  'retry-after',
  'session-id',
  'to',
  'warning',
  'www-authenticate',
  'x-call-id',
  'x-cid',
  'x-orig-call-id',
]);

/** SDP lines that decide where media flows and how (RFC 8866 §5): connection, media, direction, keys. */
const KEY_SDP = /^(c=|m=|a=(sendrecv|sendonly|recvonly|inactive)\b|a=crypto:|o=)/;

/** Splits a SIP message into lines classified for display; tolerant of LF-only logs. */
export function sipLines(text: string): SipLine[] {
  const lines = text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  const out: SipLine[] = [];
  let inBody = false;
  let sdp = /^c(ontent-type)?\s*:\s*application\/sdp/im.test(text);
  lines.forEach((line, i) => {
    if (i === 0) return out.push({ text: line, kind: 'start-line' });
    if (!inBody && line === '') {
      inBody = true;
      return out.push({ text: line, kind: 'blank' });
    }
    if (inBody) {
      if (!sdp && /^v=0$/.test(line)) sdp = true;
      return out.push({ text: line, kind: sdp ? (KEY_SDP.test(line) ? 'key-sdp' : 'sdp') : 'body' });
    }
    const colon = line.indexOf(':');
    // RFC 3261 §7.3.3: compact forms ('f', 'i', 'v'…) are the same headers as their long names.
    const name = colon > 0 ? canonicalHeaderName(line.slice(0, colon).trim()) : '';
    out.push({ text: line, kind: KEY_HEADERS.has(name) ? 'key-header' : 'header', name });
  });
  return out;
}
