import { SipParseError } from '../model/parse-result';
import { COMMA, DQUOTE, EQUAL, SEMI, isWs, scanQuoted, scanToken, skipWs, unquote } from '../parser/chars';
import { excerpt, latin1ToUtf8 } from '../parser/text';

/** The lower-cased name at s[from, to); names seen in nearly every message come back as constants. */
export function paramName(s: string, from: number, to: number): string {
  let known: string | undefined;
  switch (to - from) {
    case 1:
      known = 'q';
      break;
    case 2:
      known = 'lr';
      break;
    case 3:
      known = s.charCodeAt(from) === 0x74 && s.charCodeAt(from + 1) === 0x61 ? 'tag' : 'ttl';
      break;
    case 4:
      known = 'user';
      break;
    case 5:
      known = s.charCodeAt(from) === 0x72 ? 'rport' : 'maddr';
      break;
    case 6:
      known = 'branch';
      break;
    case 7:
      known = 'expires';
      break;
    case 8:
      known = 'received';
      break;
    case 9:
      known = 'transport';
      break;
  }
  if (known !== undefined && s.startsWith(known, from)) return known;
  return s.slice(from, to).toLowerCase();
}

/**
 * Header parameters: *( SEMI generic-param ), generic-param = token [ EQUAL gen-value ],
 * gen-value = token / host / quoted-string (RFC 3261 §25.1). SEMI and EQUAL allow whitespace on
 * both sides. Names are lower-cased; quoted values are unquoted and decoded as UTF-8; flags are null.
 * Throws SipParseError on an empty parameter (RFC 4475 §3.1.2.1 `;;`) or stray text.
 */
export function parseHeaderParams(
  s: string,
  i: number,
  end: number,
  where: string,
  offset: number,
): Record<string, string | null> {
  const params: Record<string, string | null> = {};
  for (;;) {
    i = skipWs(s, i, end);
    if (i >= end) return params;
    if (s.charCodeAt(i) !== SEMI) {
      throw new SipParseError(
        `${where} has unexpected text ${JSON.stringify(excerpt(s.slice(i, end), 20))}`,
        offset + i,
      );
    }
    i = skipWs(s, i + 1, end);
    const nameEnd = scanToken(s, i, end);
    if (nameEnd === i) {
      const what =
        i >= end || s.charCodeAt(i) === SEMI || s.charCodeAt(i) === COMMA
          ? 'an empty parameter'
          : 'an invalid parameter name';
      throw new SipParseError(`${where} has ${what} (extra ';')`, offset + i);
    }
    const name = paramName(s, i, nameEnd);
    i = skipWs(s, nameEnd, end);
    if (i < end && s.charCodeAt(i) === EQUAL) {
      i = skipWs(s, i + 1, end);
      if (i < end && s.charCodeAt(i) === DQUOTE) {
        const q = scanQuoted(s, i, end);
        if (q === -1)
          throw new SipParseError(`${where} parameter ${name} has an unterminated quoted value`, offset + i);
        params[name] = latin1ToUtf8(unquote(s.slice(i, q)));
        i = q;
      } else {
        const from = i;
        while (i < end) {
          const c = s.charCodeAt(i);
          if (c === SEMI || c === COMMA || isWs(c) || c === DQUOTE) break;
          i++;
        }
        if (i === from) throw new SipParseError(`${where} parameter ${name} has '=' but no value`, offset + i);
        params[name] = s.slice(from, i);
      }
    } else {
      params[name] = null;
    }
  }
}
