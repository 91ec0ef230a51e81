/**
 * Compact header forms: RFC 3261 §7.3.3 (i, m, e, l, c, f, s, k, t, v), RFC 3515 (r Refer-To),
 * RFC 3892 (b Referred-By), RFC 3265 (o Event, u Allow-Events), RFC 4028 (x Session-Expires),
 * RFC 8224 (y Identity), RFC 3841 (a Accept-Contact, j Reject-Contact, d Request-Disposition).
 */
const COMPACT_FORMS: Readonly<Record<string, string>> = {
  a: 'accept-contact',
  b: 'referred-by',
  c: 'content-type',
  d: 'request-disposition',
  e: 'content-encoding',
  f: 'from',
  i: 'call-id',
  j: 'reject-contact',
  k: 'supported',
  l: 'content-length',
  m: 'contact',
  o: 'event',
  r: 'refer-to',
  s: 'subject',
  t: 'to',
  u: 'allow-events',
  v: 'via',
  x: 'session-expires',
  y: 'identity',
};

/** Header names are case-insensitive (RFC 3261 §7.3.1): lower-case, compact form expanded. */
export function canonicalHeaderName(name: string): string {
  const lower = name.trim().toLowerCase();
  return COMPACT_FORMS[lower] ?? lower;
}

/** Headers carrying digest challenges, credentials or their follow-up (RFC 3261 §22, §20.6). */
export const AUTH_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'www-authenticate',
  'proxy-authenticate',
  'authentication-info',
]);

/** Headers naming a party of the call by name-addr: what a customer must not see of others. */
export const IDENTITY_HEADERS: ReadonlySet<string> = new Set([
  'from',
  'to',
  'contact',
  'p-asserted-identity',
  'p-preferred-identity',
  'p-called-party-id',
  'p-associated-uri',
  'remote-party-id',
  'diversion',
  'history-info',
  'referred-by',
  'refer-to',
  'reply-to',
]);

/** A header whose whole value is a secret by its name: X-Password, X-Api-Key, X-Auth-Token… */
export function isSecretHeader(canonicalName: string): boolean {
  return /(^|-)(password|passwd|pwd|secret|token|api-?key)(-|$)/.test(canonicalName);
}
