import { excerpt } from '../parser/text';
import { SipParseError } from '../model/parse-result';
import type { Via } from '../model/via';
import { COLON, HOST, SLASH, isDigit, isWs, scanToken, skipWs, skipWsBack } from '../parser/chars';
import { parseHeaderParams } from './params';
import { EMPTY_PARAMS, isIpv6, readUnbracketedIpv6 } from './uri';

/**
 * One via-parm (RFC 3261 §20.42, §25.1):
 *   sent-protocol LWS sent-by *( SEMI via-params )
 *   sent-protocol = protocol-name SLASH protocol-version SLASH transport   (SLASH = SWS "/" SWS)
 *   sent-by = host [ COLON port ]
 * Whitespace is allowed around the slashes and the colon (RFC 4475 §3.1.1.1). Throws SipParseError.
 */
export function parseVia(value: string, offset = 0): Via {
  const end = skipWsBack(value, value.length, 0);
  let i = skipWs(value, 0, end);
  if (i >= end) throw new SipParseError('Via has an empty element (extra comma)', offset + i);
  let protocol = 'SIP/2.0';
  if (value.startsWith('SIP/2.0/', i)) {
    // The form every real device sends; the general path below allows LWS around the slashes.
    i += 8;
  } else {
    const nameEnd = scanToken(value, i, end);
    const name = value.slice(i, nameEnd);
    i = expectSlash(value, nameEnd, end, offset);
    const versionEnd = scanToken(value, i, end);
    const version = value.slice(i, versionEnd);
    i = expectSlash(value, versionEnd, end, offset);
    if (name.length === 0 || version.length === 0) {
      throw new SipParseError(`Via "${excerpt(value, 40)}" does not start with protocol/version/transport`, offset + i);
    }
    protocol = `${name}/${version}`.toUpperCase();
  }
  const transportEnd = scanToken(value, i, end);
  if (transportEnd === i) {
    throw new SipParseError(`Via "${excerpt(value, 40)}" does not start with protocol/version/transport`, offset + i);
  }
  const transport = transportName(value, i, transportEnd);
  i = transportEnd;
  if (i >= end || !isWs(value.charCodeAt(i))) {
    throw new SipParseError(`Via "${excerpt(value, 40)}" has no space before the sent-by host`, offset + i);
  }
  i = skipWs(value, i, end);
  const hostStart = i;
  let host: string;
  let ipv6 = false;
  if (value.charCodeAt(i) === 0x5b) {
    const close = value.indexOf(']', i);
    if (close === -1 || close > end || !isIpv6(value.slice(i + 1, close).toLowerCase())) {
      throw new SipParseError(`Via "${excerpt(value, 40)}" has an invalid IPv6 reference`, offset + i);
    }
    host = value.slice(i + 1, close).toLowerCase();
    ipv6 = true;
    i = close + 1;
  } else {
    let upper = false;
    for (; i < end; i++) {
      const c = value.charCodeAt(i);
      if (HOST[c] !== 1) break;
      if (c >= 0x41 && c <= 0x5a) upper = true;
    }
    if (i === hostStart) throw new SipParseError(`Via "${excerpt(value, 40)}" has no sent-by host`, offset + i);
    host = upper ? value.slice(hostStart, i).toLowerCase() : value.slice(hostStart, i);
  }
  let port: number | undefined;
  let unbracketed = false;
  let j = skipWs(value, i, end);
  // An IPv6 sent-by without brackets (RFC 3261 §25.1 wants them), read as uri.ts explains.
  const bare =
    !ipv6 && j === i && value.indexOf(':', j + 1) !== -1 ? readUnbracketedIpv6(value, hostStart, end) : undefined;
  if (bare !== undefined) {
    ({ host, ipv6, port } = bare);
    unbracketed = true;
    i = bare.end;
  } else if (j < end && value.charCodeAt(j) === COLON) {
    j = skipWs(value, j + 1, end);
    const p = j;
    let n = 0;
    for (; j < end && isDigit(value.charCodeAt(j)); j++) n = n * 10 + value.charCodeAt(j) - 0x30;
    if (j === p || j - p > 5 || n > 65535) {
      throw new SipParseError(`Via "${excerpt(value, 40)}" has an invalid port`, offset + p);
    }
    port = n;
    i = j;
  }
  const params = i < end ? parseHeaderParams(value, i, end, 'Via', offset) : EMPTY_PARAMS;
  const rport = params.rport;
  const ttl = params.ttl;
  const via: Via = {
    protocol,
    transport,
    host,
    ipv6,
    port,
    branch: params.branch ?? undefined,
    received: params.received ?? undefined,
    rport: rport === undefined ? undefined : rport === null ? true : toNumber(rport, 'rport', offset),
    maddr: params.maddr ?? undefined,
    ttl: ttl === undefined || ttl === null ? undefined : toNumber(ttl, 'ttl', offset),
    params,
    raw: end === value.length && !isWs(value.charCodeAt(0)) ? value : value.slice(skipWs(value, 0, end), end),
  };
  if (unbracketed) via.unbracketedIpv6 = true;
  return via;
}

const TRANSPORTS = ['UDP', 'TCP', 'TLS', 'WSS', 'WS', 'SCTP'];

/** Upper-cased transport; the registered ones come back as constants. */
function transportName(value: string, from: number, to: number): string {
  for (let k = 0; k < TRANSPORTS.length; k++) {
    const t = TRANSPORTS[k]!;
    if (t.length === to - from && value.startsWith(t, from)) return t;
  }
  return value.slice(from, to).toUpperCase();
}

function expectSlash(value: string, i: number, end: number, offset: number): number {
  i = skipWs(value, i, end);
  if (value.charCodeAt(i) !== SLASH) {
    throw new SipParseError(`Via "${excerpt(value, 40)}" does not start with protocol/version/transport`, offset + i);
  }
  return skipWs(value, i + 1, end);
}

function toNumber(text: string, name: string, offset: number): number {
  if (text.length === 0 || text.length > 10 || !/^\d+$/.test(text)) {
    throw new SipParseError(`Via ${name} parameter "${excerpt(text, 20)}" is not a number`, offset);
  }
  return Number(text);
}
