import type { DigestHeader } from '../model/message';
import { COMMA, DQUOTE, EQUAL, isWs, scanQuoted, scanToken, skipWs, unquote } from '../parser/chars';
import { latin1ToUtf8 } from '../parser/text';

/**
 * Authorization / Proxy-Authorization / WWW-Authenticate / Proxy-Authenticate (RFC 3261 §22.4,
 * §25.1; RFC 7616): auth-scheme LWS auth-param *(COMMA auth-param), auth-param = name EQUAL
 * ( token / quoted-string ). Names are lower-cased, values unquoted. Returns undefined when the
 * value has no scheme; a parameter that does not parse ends the list (what was read is kept).
 */
export function parseDigest(value: string): DigestHeader | undefined {
  const end = value.length;
  let i = skipWs(value, 0, end);
  const schemeEnd = scanToken(value, i, end);
  if (schemeEnd === i) return undefined;
  const scheme = value.slice(i, schemeEnd);
  if (schemeEnd < end && !isWs(value.charCodeAt(schemeEnd))) return undefined;
  const params: Record<string, string> = {};
  i = schemeEnd;
  for (;;) {
    while (i < end && (isWs(value.charCodeAt(i)) || value.charCodeAt(i) === COMMA)) i++;
    if (i >= end) break;
    const nameEnd = scanToken(value, i, end);
    if (nameEnd === i) break;
    const name = value.slice(i, nameEnd).toLowerCase();
    i = skipWs(value, nameEnd, end);
    if (value.charCodeAt(i) !== EQUAL) break;
    i = skipWs(value, i + 1, end);
    if (value.charCodeAt(i) === DQUOTE) {
      const q = scanQuoted(value, i, end);
      if (q === -1) break;
      params[name] = latin1ToUtf8(unquote(value.slice(i, q)));
      i = q;
    } else {
      const from = i;
      while (i < end && value.charCodeAt(i) !== COMMA && !isWs(value.charCodeAt(i))) i++;
      params[name] = value.slice(from, i);
    }
  }
  return { scheme, params };
}
