import { SipParseError } from '../model/parse-result';
import type { SipUri } from '../model/sip-uri';
import { HOST, isDigit } from '../parser/chars';
import { excerpt, unescapePercent } from '../parser/text';
import { paramName } from './params';

/** Shared empty parameter/header maps: most URIs have none, and they are read-only. */
export const EMPTY_PARAMS: Readonly<Record<string, string | null>> = Object.freeze({});
export const EMPTY_HEADERS: Readonly<Record<string, string>> = Object.freeze({});

/**
 * Characters never allowed unescaped in a URI (RFC 3986 §2 / RFC 3261 §25.1): controls, space,
 * DEL, '"', '<', '>', '\', '^', '{', '|', '}'. A URI containing one is not a URI.
 */
const FORBIDDEN = new Uint8Array(256);
for (let c = 0; c <= 0x20; c++) FORBIDDEN[c] = 1;
for (const c of '"<>\\^{|}\x7f') FORBIDDEN[c.charCodeAt(0)] = 1;

/** Where the URI appears; decides what is allowed (RFC 3261 §19.1.1 table). */
export type UriContext = 'Request-URI' | string;

function fail(reason: string, offset: number): never {
  throw new SipParseError(reason, offset);
}

/**
 * Parses a SIP/SIPS URI (RFC 3261 §19.1, §25.1), a TEL URI (RFC 3966) or any other absoluteURI
 * (kept opaque, scheme and raw text only). `where` names the place for error reasons; `offset` is
 * where `text` starts in the message. Throws SipParseError.
 */
export function parseUri(text: string, where: string, offset = 0): SipUri {
  const colon = text.indexOf(':');
  if (colon <= 0) fail(`${where} "${excerpt(text)}" has no URI scheme`, offset);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 256 && FORBIDDEN[c] === 1) {
      const what = c === 0x20 || c === 0x09 ? 'whitespace' : `character ${JSON.stringify(text[i])}`;
      fail(`${where} "${excerpt(text)}" contains ${what}`, offset + i);
    }
  }
  const scheme = schemeOf(text, colon, where, offset);
  if (scheme === 'sip' || scheme === 'sips') return parseSip(text, scheme, colon + 1, where, offset);
  if (scheme === 'tel') return parseTel(text, colon + 1, where, offset);
  if (colon + 1 >= text.length) fail(`${where} "${excerpt(text)}" is empty after the scheme`, offset);
  return opaqueUri(scheme, text);
}

/** A URI kept as text: another absoluteURI scheme (or none, for a missing header). */
export function opaqueUri(scheme: string, raw: string): SipUri {
  return {
    scheme,
    user: undefined,
    password: undefined,
    host: '',
    ipv6: false,
    port: undefined,
    params: EMPTY_PARAMS,
    headers: EMPTY_HEADERS,
    raw,
  };
}

/** parseUri that returns undefined instead of throwing (for lazily parsed, optional headers). */
export function tryParseUri(text: string): SipUri | undefined {
  try {
    return parseUri(text, 'URI');
  } catch {
    return undefined;
  }
}

function schemeOf(text: string, colon: number, where: string, offset: number): string {
  if (colon === 3 && text.startsWith('sip')) return 'sip';
  if (colon === 4 && text.startsWith('sips')) return 'sips';
  // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) (RFC 3986 §3.1)
  let lower = true;
  for (let i = 0; i < colon; i++) {
    const c = text.charCodeAt(i);
    const alpha = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
    if (c >= 0x41 && c <= 0x5a) lower = false;
    if (!alpha && (i === 0 || !(isDigit(c) || c === 0x2b || c === 0x2d || c === 0x2e))) {
      fail(`${where} "${excerpt(text)}" has an invalid scheme`, offset + i);
    }
  }
  const scheme = text.slice(0, colon);
  return lower ? scheme : scheme.toLowerCase();
}

/** A user or password: %-escapes resolved and UTF-8 decoded only when there are any. */
function userText(text: string, from: number, to: number): string {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x25 || c > 0x7f) return unescapePercent(text.slice(from, to));
  }
  return text.slice(from, to);
}

function parseSip(text: string, scheme: string, start: number, where: string, offset: number): SipUri {
  const end = text.length;
  // userinfo ends at the first '@': neither the host nor the user part may contain one (§25.1);
  // the user part may contain ';' and '?' (RFC 4475 §3.1.1.9, §3.1.1.2).
  const at = text.indexOf('@', start);
  let user: string | undefined;
  let password: string | undefined;
  let hostStart = start;
  if (at !== -1) {
    const pwColon = text.indexOf(':', start);
    if (pwColon !== -1 && pwColon < at) {
      user = userText(text, start, pwColon);
      password = userText(text, pwColon + 1, at);
    } else {
      user = userText(text, start, at);
    }
    hostStart = at + 1;
  }
  let i = hostStart;
  let ipv6 = false;
  let host: string;
  if (text.charCodeAt(i) === 0x5b) {
    const close = text.indexOf(']', i);
    if (close === -1) fail(`${where} "${excerpt(text)}" has an unterminated IPv6 reference`, offset + i);
    host = text.slice(i + 1, close).toLowerCase();
    if (!isIpv6(host)) fail(`${where} "${excerpt(text)}" has an invalid IPv6 address`, offset + i);
    ipv6 = true;
    i = close + 1;
  } else {
    let upper = false;
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (HOST[c] !== 1) break;
      if (c >= 0x41 && c <= 0x5a) upper = true;
    }
    if (i === hostStart) fail(`${where} "${excerpt(text)}" has no host`, offset + i);
    host = upper ? text.slice(hostStart, i).toLowerCase() : text.slice(hostStart, i);
    if (i < end && text.charCodeAt(i) === 0x3a && text.indexOf(':', i + 1) !== -1) {
      const bare = readUnbracketedIpv6(text, hostStart, end);
      if (bare !== undefined) return finishSip(text, scheme, user, password, bare, where, offset);
    }
  }
  let port: number | undefined;
  if (i < end && text.charCodeAt(i) === 0x3a) {
    const p = ++i;
    while (i < end && isDigit(text.charCodeAt(i))) i++;
    port = parsePort(text, p, i, where, offset);
  }
  return finishSip(text, scheme, user, password, { host, ipv6, port, end: i, unbracketed: false }, where, offset);
}

/** Where the host part of a SIP URI or Via sent-by ended, and what it was. */
export interface HostPort {
  host: string;
  ipv6: boolean;
  port: number | undefined;
  /** Index just after the host[:port]. */
  end: number;
  /** An IPv6 address written without the brackets RFC 3261 §25.1 requires. */
  unbracketed: boolean;
}

/**
 * Some deployed phones write IPv6 hosts without brackets (`sip:4321@fec0:0:0:0:216:d3ff:fe0d:22c:5060`).
 * RFC 3261 §25.1 requires an IPv6reference in brackets, and RFC 5118 §4.1 explains why: a trailing
 * `:digits` is ambiguous. Rejecting such a message would hide a real call from support staff, so it
 * is read the only way that yields an address — all eight groups, and a ninth group as the port —
 * and marked `unbracketed` so the semantic checks report it. Anything else stays an error.
 */
export function readUnbracketedIpv6(text: string, hostStart: number, end: number): HostPort | undefined {
  let j = hostStart;
  while (j < end) {
    const c = text.charCodeAt(j) | 0x20;
    if (!(isDigit(c) || (c >= 0x61 && c <= 0x66) || c === 0x3a || c === 0x2e)) break;
    j++;
  }
  const next = j < end ? text.charCodeAt(j) : 0x3b;
  if (next !== 0x3b && next !== 0x3f && next !== 0x20 && next !== 0x09) return undefined;
  const run = text.slice(hostStart, j).toLowerCase();
  if (isIpv6(run)) return { host: run, ipv6: true, port: undefined, end: j, unbracketed: true };
  const lastColon = run.lastIndexOf(':');
  const address = run.slice(0, lastColon);
  const port = run.slice(lastColon + 1);
  if (!isIpv6(address) || !/^[0-9]{1,5}$/.test(port) || Number(port) > 65535) return undefined;
  return { host: address, ipv6: true, port: Number(port), end: j, unbracketed: true };
}

function finishSip(
  text: string,
  scheme: string,
  user: string | undefined,
  password: string | undefined,
  hostPort: HostPort,
  where: string,
  offset: number,
): SipUri {
  const end = text.length;
  const { host, ipv6, port } = hostPort;
  let i = hostPort.end;
  let params = EMPTY_PARAMS;
  if (i < end && text.charCodeAt(i) === 0x3b) {
    let q = text.indexOf('?', i);
    if (q === -1) q = end;
    params = parseUriParams(text, i, q, where, offset);
    i = q;
  }
  let headers = EMPTY_HEADERS;
  if (i < end && text.charCodeAt(i) === 0x3f) {
    headers = parseUriHeaders(text, i + 1, where, offset);
    i = end;
  }
  if (i !== end)
    fail(`${where} "${excerpt(text)}" has unexpected ${JSON.stringify(text[i])} after the host`, offset + i);
  const uri: SipUri = { scheme, user, password, host, ipv6, port, params, headers, raw: text };
  if (hostPort.unbracketed) uri.unbracketedIpv6 = true;
  return uri;
}

function parsePort(text: string, from: number, to: number, where: string, offset: number): number {
  if (to === from || to - from > 5) fail(`${where} "${excerpt(text)}" has an invalid port`, offset + from);
  let port = 0;
  for (let i = from; i < to; i++) port = port * 10 + text.charCodeAt(i) - 0x30;
  if (port > 65535) fail(`${where} "${excerpt(text)}" has a port above 65535`, offset + from);
  return port;
}

/** uri-parameters = *( ";" pname [ "=" pvalue ] ), names case-insensitive (§19.1.4). */
function parseUriParams(
  text: string,
  from: number,
  to: number,
  where: string,
  offset: number,
): Record<string, string | null> {
  const params: Record<string, string | null> = {};
  let i = from;
  while (i < to) {
    // text[i] is ';'
    let next = text.indexOf(';', i + 1);
    if (next === -1 || next > to) next = to;
    const eq = text.indexOf('=', i + 1);
    const hasValue = eq !== -1 && eq < next;
    const nameEnd = hasValue ? eq : next;
    if (nameEnd === i + 1) fail(`${where} "${excerpt(text)}" has an empty URI parameter`, offset + i);
    const name =
      text.indexOf('%', i) !== -1 && text.indexOf('%', i) < nameEnd
        ? userText(text, i + 1, nameEnd).toLowerCase()
        : paramName(text, i + 1, nameEnd);
    params[name] = hasValue ? userText(text, eq + 1, next) : null;
    i = next;
  }
  return params;
}

/** headers = "?" header *( "&" header ) (§19.1.1), values unescaped. */
function parseUriHeaders(text: string, from: number, where: string, offset: number): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const part of text.slice(from).split('&')) {
    if (part.length === 0) continue;
    const eq = part.indexOf('=');
    const name = unescapePercent(eq === -1 ? part : part.slice(0, eq));
    if (name.length === 0) fail(`${where} "${excerpt(text)}" has an empty URI header name`, offset + from);
    headers[name] = eq === -1 ? '' : unescapePercent(part.slice(eq + 1));
  }
  return headers;
}

/** RFC 3966: telephone-subscriber *par; the number keeps its visual separators. */
function parseTel(text: string, start: number, where: string, offset: number): SipUri {
  const semi = text.indexOf(';', start);
  const numberEnd = semi === -1 ? text.length : semi;
  const user = unescapePercent(text.slice(start, numberEnd));
  if (user.length === 0) fail(`${where} "${excerpt(text)}" has no telephone number`, offset + start);
  const params = semi === -1 ? EMPTY_PARAMS : parseUriParams(text, semi, text.length, where, offset);
  return {
    scheme: 'tel',
    user,
    password: undefined,
    host: '',
    ipv6: false,
    port: undefined,
    params,
    headers: EMPTY_HEADERS,
    raw: text,
  };
}

/** A loose IPv6 check (RFC 4291 text forms, with an optional embedded IPv4 tail). */
export function isIpv6(s: string): boolean {
  if (s.length < 2 || s.length > 45) return false;
  let colons = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x3a) colons++;
    else if (!(isDigit(c) || (c >= 0x61 && c <= 0x66) || c === 0x2e)) return false;
  }
  return colons >= 2 && colons <= 7;
}
