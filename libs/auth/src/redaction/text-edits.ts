/** What was taken out of a message, and where; never the value itself. */
export interface Redaction {
  kind: RedactionKind;
  /** Header name in lower case (compact forms expanded), 'request-line' or 'body'. */
  where: string;
  /** The parameter or attribute concerned, e.g. 'response', 'crypto', 'user'. */
  name?: string;
}

export type RedactionKind =
  | 'digest-secret'
  | 'credentials'
  | 'uri-password'
  | 'password-param'
  | 'password-header'
  | 'sdp-key'
  | 'identity'
  | 'display-name';

/** A replacement of text[start, end) found by one of the scanners. */
export interface TextEdit {
  start: number;
  end: number;
  replacement: string;
  redaction: Redaction;
}

/** Fixed mask for passwords and bearer credentials: their length is itself a hint. */
export const FIXED_MASK = '********';

/** What stands in for another party's number, user name or display name (customers' view). */
export const IDENTITY_PLACEHOLDER = 'redacted';

/**
 * Character-for-character mask. Whitespace stays, so a value folded over two lines (RFC 3261
 * §7.3.1) keeps its line breaks, and the text keeps its length.
 */
export function maskSameLength(text: string): string {
  return text.replace(/\S/g, '*');
}

/**
 * Applies edits found independently by several scanners. Two edits should never overlap; if
 * malformed input makes them, both are replaced by one mask over their union, so a clash can only
 * hide more, never reveal.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; redactions: Redaction[] } {
  const sorted = [...edits].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: TextEdit[] = [];
  for (const edit of sorted) {
    const last = merged[merged.length - 1];
    if (last && edit.start < last.end) {
      const end = Math.max(last.end, edit.end);
      merged[merged.length - 1] = {
        ...last,
        end,
        replacement: maskSameLength(text.slice(last.start, end)),
      };
      continue;
    }
    merged.push(edit);
  }
  let out = '';
  let at = 0;
  for (const edit of merged) {
    out += text.slice(at, edit.start) + edit.replacement;
    at = edit.end;
  }
  return { text: out + text.slice(at), redactions: sorted.map((edit) => edit.redaction) };
}

/** Moves edits found in a slice of a larger text to that text's offsets. */
export function shiftEdits(edits: readonly TextEdit[], offset: number): TextEdit[] {
  return edits.map((edit) => ({ ...edit, start: edit.start + offset, end: edit.end + offset }));
}
