import { closingQuote } from './auth-params';

/**
 * Where the parts of each name-addr / addr-spec of a header value lie (RFC 3261 §20.10, §25.1):
 * `"Display Name" <sip:user@host>;params`, `Display Name <…>`, or `sip:user@host;params`. Values
 * of list headers (Contact, Diversion, History-Info, P-Asserted-Identity) hold several, split at
 * commas outside quotes and angle brackets.
 */
export interface NameAddrSpan {
  /** The display name without its quotes; absent when there is none. */
  displayName?: { start: number; end: number; quoted: boolean };
  uri: { start: number; end: number };
}

export function scanNameAddrs(text: string): NameAddrSpan[] {
  const spans: NameAddrSpan[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /[\s,]/.test(text[i] ?? '')) i++;
    if (i >= text.length) break;
    const span = scanOne(text, i);
    if (span) spans.push(span.span);
    i = skipParams(text, span ? span.next : i);
  }
  return spans;
}

function scanOne(text: string, at: number): { span: NameAddrSpan; next: number } | undefined {
  let displayName: NameAddrSpan['displayName'];
  let i = at;
  if (text[i] === '"') {
    const close = closingQuote(text, i);
    displayName = { start: i + 1, end: close, quoted: true };
    i = close + 1;
  } else {
    // A token display name runs up to '<'; a ':' first means this is a bare addr-spec.
    const angle = firstOf(text, i, '<');
    const stop = firstOf(text, i, ':', ',', ';');
    if (angle < stop) {
      let end = angle;
      while (end > i && /\s/.test(text[end - 1] ?? '')) end--;
      if (end > i) displayName = { start: i, end, quoted: false };
      i = angle;
    }
  }
  while (i < text.length && /\s/.test(text[i] ?? '')) i++;
  if (text[i] === '<') {
    const close = firstOf(text, i + 1, '>');
    return { span: { ...(displayName && { displayName }), uri: { start: i + 1, end: close } }, next: close + 1 };
  }
  if (displayName) return undefined;
  // addr-spec form: the URI ends at the first ';' or ',' (§20.10: such URIs may not contain them).
  const end = firstOf(text, i, ';', ',', ' ', '\t', '\r', '\n');
  return end > i ? { span: { uri: { start: i, end } }, next: end } : undefined;
}

/** Past the header parameters of one entry, to the comma that starts the next. */
function skipParams(text: string, at: number): number {
  let i = at;
  while (i < text.length && text[i] !== ',') {
    if (text[i] === '"') i = closingQuote(text, i) + 1;
    else if (text[i] === '<') i = firstOf(text, i + 1, '>') + 1;
    else i++;
  }
  return i;
}

function firstOf(text: string, from: number, ...chars: string[]): number {
  let best = text.length;
  for (const char of chars) {
    const found = text.indexOf(char, from);
    if (found >= 0 && found < best) best = found;
  }
  return best;
}
