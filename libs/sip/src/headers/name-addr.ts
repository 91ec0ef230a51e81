import type { PartyHeader } from '../model/sip-uri';
import { SipParseError } from '../model/parse-result';
import { DQUOTE, LAQUOT, TOKEN, isWs, scanQuoted, skipWs, skipWsBack, unquote } from '../parser/chars';
import { excerpt, latin1ToUtf8 } from '../parser/text';
import { parseHeaderParams } from './params';
import { EMPTY_PARAMS, parseUri } from './uri';

/**
 * One name-addr or addr-spec with header parameters (RFC 3261 §20.10, §25.1): From, To, Contact,
 * Route, Record-Route, P-Asserted-Identity, Refer-To… `where` names the header for error reasons.
 *
 * - name-addr: [ display-name ] LAQUOT addr-spec RAQUOT, where LAQUOT/RAQUOT admit whitespace only
 *   outside the brackets (RFC 4475 §3.1.2.14) and an unquoted display name is tokens and
 *   whitespace only (§3.1.2.15).
 * - addr-spec: semicolon parameters belong to the header, not the URI, and a URI containing ',',
 *   '?' or ';' must therefore be enclosed in <> (§20.10; RFC 4475 §3.1.2.13).
 *
 * The result always carries `tag` (undefined unless a tag parameter is present). Throws SipParseError.
 */
export function parseNameAddr(value: string, where: string, offset = 0): PartyHeader {
  let i = skipWs(value, 0);
  const end = skipWsBack(value, value.length, i);
  if (i >= end) throw new SipParseError(`${where} is empty`, offset);
  let displayName: string | undefined;
  let uriText: string;
  let uriStart: number;
  let after: number;
  let angle = false;
  if (value.charCodeAt(i) === DQUOTE) {
    const q = scanQuoted(value, i, end);
    if (q === -1) throw new SipParseError(`${where} has an unterminated quoted string in its display name`, offset + i);
    displayName = latin1ToUtf8(unquote(value.slice(i, q)));
    i = skipWs(value, q, end);
    if (value.charCodeAt(i) !== LAQUOT) {
      throw new SipParseError(`${where}: the quoted display name is not followed by <URI>`, offset + i);
    }
    angle = true;
  } else {
    const lt = value.indexOf('<', i);
    const semi = value.indexOf(';', i);
    if (lt !== -1 && lt < end && (semi === -1 || lt < semi)) {
      for (let j = i; j < lt; j++) {
        const c = value.charCodeAt(j);
        if (c < 0x80 && TOKEN[c] !== 1 && !isWs(c)) {
          throw new SipParseError(
            `${where} display name "${excerpt(value.slice(i, lt).trim(), 40)}" contains ${JSON.stringify(value[j])}, ` +
              'which is not allowed unless the name is quoted (RFC 3261 §25.1)',
            offset + j,
          );
        }
      }
      const name = value.slice(i, skipWsBack(value, lt, i));
      if (name.length > 0) displayName = latin1ToUtf8(name);
      i = lt;
      angle = true;
    }
  }
  if (angle) {
    const gt = value.indexOf('>', i + 1);
    if (gt === -1 || gt >= end) throw new SipParseError(`${where} has '<' without a closing '>'`, offset + i);
    uriStart = i + 1;
    uriText = value.slice(uriStart, gt);
    if (uriText.length > 0 && (isWs(uriText.charCodeAt(0)) || isWs(uriText.charCodeAt(uriText.length - 1)))) {
      throw new SipParseError(
        `${where} has whitespace inside <…> around the URI (RFC 3261 §25.1 LAQUOT/RAQUOT)`,
        offset + uriStart,
      );
    }
    after = gt + 1;
  } else {
    uriStart = i;
    let semi = value.indexOf(';', i);
    if (semi === -1 || semi > end) semi = end;
    uriText = value.slice(i, skipWsBack(value, semi, i));
    for (const c of ['?', ',']) {
      if (uriText.indexOf(c) !== -1) {
        throw new SipParseError(
          `${where} URI containing '${c}' is not enclosed in <> (RFC 3261 §20.10: such a URI must be a name-addr)`,
          offset + i,
        );
      }
    }
    after = semi;
  }
  const uri = parseUri(uriText, `${where} URI`, offset + uriStart);
  const params = after < end ? parseHeaderParams(value, after, end, where, offset) : EMPTY_PARAMS;
  const tag = params.tag ?? undefined;
  return { displayName, uri, params, raw: value.slice(skipWs(value, 0), end), tag };
}
