import type { WarningValue } from '../model/message';
import { DQUOTE, scanQuoted, unquote } from '../parser/chars';
import { latin1ToUtf8 } from '../parser/text';

/**
 * warning-value = warn-code SP warn-agent SP warn-text (RFC 3261 §20.43): a 3-digit code, the
 * host (or pseudonym) that added it, and quoted text. Returns undefined when it does not parse
 * (RFC 4475 §3.1.2.5 has a 4-digit code).
 */
export function parseWarning(element: string): WarningValue | undefined {
  const m = /^(\d{3})[ \t]+(\S+)[ \t]+/.exec(element);
  if (!m) return undefined;
  const rest = element.slice(m[0].length);
  if (rest.charCodeAt(0) !== DQUOTE) return undefined;
  const q = scanQuoted(rest, 0);
  if (q === -1) return undefined;
  return { code: Number(m[1]), agent: m[2]!, text: latin1ToUtf8(unquote(rest.slice(0, q))) };
}
