/**
 * Where the parts of a raw SIP message lie (RFC 3261 §7): start line, header fields with their
 * folded continuation lines (§7.3.1), the empty line, the body, and octets after the body. Only
 * positions are found; nothing is copied or normalised, so an edit at those positions leaves every
 * other byte as it was. Bare LF line ends are tolerated, as real devices send them.
 */
export interface SipMessageLayout {
  startLine: { start: number; end: number };
  headers: HeaderField[];
  /** Start of the body, or the text length when the message has no empty line. */
  bodyStart: number;
  /** End of the body: Content-Length octets after `bodyStart` when declared and present, else the end. */
  bodyEnd: number;
}

export interface HeaderField {
  /** The name as written. */
  name: string;
  /** The value: after the colon up to the field's last line end, folds included. */
  valueStart: number;
  valueEnd: number;
}

export function layoutOf(text: string): SipMessageLayout {
  const headerEnd = endOfHeaders(text);
  const lines = linesOf(text, 0, headerEnd.end);
  const first = lines[0] ?? { start: 0, end: 0 };
  const headers: HeaderField[] = [];
  for (const line of lines.slice(1)) {
    const last = headers[headers.length - 1];
    if (/^[ \t]/.test(text.slice(line.start, line.start + 1)) && last) {
      last.valueEnd = line.end;
      continue;
    }
    const colon = text.indexOf(':', line.start);
    if (colon < 0 || colon >= line.end) continue;
    headers.push({ name: text.slice(line.start, colon).trim(), valueStart: colon + 1, valueEnd: line.end });
  }
  const bodyStart = headerEnd.bodyStart;
  const declared = contentLength(text, headers);
  const bodyEnd = declared !== undefined && bodyStart + declared <= text.length ? bodyStart + declared : text.length;
  return { startLine: first, headers, bodyStart, bodyEnd };
}

/** Lines of text[from, to) without their terminators. */
function linesOf(text: string, from: number, to: number): Array<{ start: number; end: number }> {
  const lines: Array<{ start: number; end: number }> = [];
  let at = from;
  while (at < to) {
    const lf = text.indexOf('\n', at);
    const next = lf < 0 || lf >= to ? to : lf + 1;
    let end = lf < 0 || lf >= to ? to : lf;
    if (end > at && text[end - 1] === '\r') end--;
    lines.push({ start: at, end });
    at = next;
  }
  return lines;
}

/** The empty line ending the header section: CRLFCRLF, or LFLF from a sloppy sender. */
function endOfHeaders(text: string): { end: number; bodyStart: number } {
  const crlf = text.indexOf('\r\n\r\n');
  const lf = text.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf <= lf)) return { end: crlf + 2, bodyStart: crlf + 4 };
  if (lf >= 0) return { end: lf + 1, bodyStart: lf + 2 };
  return { end: text.length, bodyStart: text.length };
}

function contentLength(text: string, headers: readonly HeaderField[]): number | undefined {
  const field = headers.find((header) => /^(content-length|l)$/i.test(header.name));
  if (!field) return undefined;
  const value = text.slice(field.valueStart, field.valueEnd).trim();
  return /^\d{1,9}$/.test(value) ? Number(value) : undefined;
}
