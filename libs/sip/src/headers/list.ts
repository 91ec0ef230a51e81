import { BACKSLASH, COMMA, DQUOTE, LAQUOT, RAQUOT } from '../parser/chars';

/**
 * Splits a list-valued header at top-level commas (RFC 3261 §7.3.1): commas inside quoted strings
 * (display names, quoted parameters) and inside <…> (URIs may carry commas in the user part or
 * headers) do not split. Elements are trimmed; empty elements are kept so callers can flag them.
 */
export function splitList(value: string): string[] {
  if (value.indexOf(',') === -1) return [value];
  const out: string[] = [];
  let start = 0;
  let angle = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === DQUOTE) {
      // Skip the quoted string (an unterminated one runs to the end).
      for (i++; i < value.length; i++) {
        const q = value.charCodeAt(i);
        if (q === BACKSLASH) i++;
        else if (q === DQUOTE) break;
      }
    } else if (c === LAQUOT) angle = true;
    else if (c === RAQUOT) angle = false;
    else if (c === COMMA && !angle) {
      out.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(value.slice(start).trim());
  return out;
}
