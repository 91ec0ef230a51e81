import { mediaType } from '../headers/content-type';
import type { BodyPart } from '../model/body';
import { indexOfBytes, latin1, latin1Bytes, latin1ToUtf8 } from '../parser/text';

const CR = 0x0d;
const LF = 0x0a;
const DASH = 0x2d;
/** Bounds the work on hostile bodies; real SIP multiparts have 2-3 parts (SDP + ISUP, S/MIME…). */
const MAX_PARTS = 64;

/**
 * Splits a multipart body (RFC 2046 §5.1.1) at its boundary delimiters: "--boundary" at the very
 * start or after a line break, the last one followed by "--". Parts are binary-safe: only a line
 * break followed by the delimiter ends a part, so NULs and bare LFs inside a part (RFC 4475
 * §3.1.1.11) are kept. A part's own headers end at its first empty line. Never throws; a body
 * without the delimiter gives [].
 */
export function splitMultipart(body: Uint8Array, boundary: string): BodyPart[] {
  if (boundary.length === 0 || boundary.length > 200) return [];
  const dashBoundary = latin1Bytes(`--${boundary}`);
  const lineDelimiter = latin1Bytes(`\n--${boundary}`);
  const parts: BodyPart[] = [];
  let d = startsWith(body, dashBoundary, 0) ? 0 : delimiterAfter(body, lineDelimiter, 0);
  while (d !== -1 && parts.length < MAX_PARTS) {
    let p = d + dashBoundary.length;
    if (body[p] === DASH && body[p + 1] === DASH) break; // close-delimiter
    // transport-padding, then the line break that ends the delimiter line
    while (p < body.length && body[p] !== LF) p++;
    const partStart = p + 1;
    const next = delimiterAfter(body, lineDelimiter, partStart);
    let end = body.length;
    if (next !== -1) {
      // The line break before the delimiter belongs to the delimiter, not to the part.
      const lf = next - 1;
      end = lf > partStart && body[lf - 1] === CR ? lf - 1 : lf;
    }
    if (partStart <= end) parts.push(parsePart(body.subarray(partStart, end)));
    d = next;
  }
  return parts;
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array, at: number): boolean {
  if (at + prefix.length > bytes.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

/** Offset of the "--boundary" of the next delimiter line at or after `from` (-1 if none). */
function delimiterAfter(body: Uint8Array, lineDelimiter: Uint8Array, from: number): number {
  let at = from > 0 ? from - 1 : 0;
  for (;;) {
    const i = indexOfBytes(body, lineDelimiter, at);
    if (i === -1) return -1;
    const after = body[i + lineDelimiter.length];
    // "--boundary" must be followed by "--", padding or a line break, not by more boundary characters.
    if (after === undefined || after === DASH || after === CR || after === LF || after === 0x20 || after === 0x09) {
      return i + 1;
    }
    at = i + 1;
  }
}

function parsePart(part: Uint8Array): BodyPart {
  const headers: Record<string, string> = {};
  let p = 0;
  for (;;) {
    let nl = part.indexOf(LF, p);
    if (nl === -1) nl = part.length;
    const lineEnd = nl > p && part[nl - 1] === CR ? nl - 1 : nl;
    if (lineEnd === p) {
      p = Math.min(nl + 1, part.length);
      break;
    }
    const line = latin1(part, p, lineEnd);
    const colon = line.indexOf(':');
    if (colon <= 0) {
      // No header section: the whole part is content (RFC 2046 §5.1.1 allows a part without headers).
      return { headers, body: part };
    }
    headers[line.slice(0, colon).trim().toLowerCase()] = latin1ToUtf8(line.slice(colon + 1).trim());
    if (nl >= part.length) {
      p = part.length;
      break;
    }
    p = nl + 1;
  }
  const type = headers['content-type'];
  return { headers, contentType: type === undefined ? undefined : mediaType(type), body: part.subarray(p) };
}
