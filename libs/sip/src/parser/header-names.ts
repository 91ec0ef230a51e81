/**
 * Header names: case-insensitive (RFC 3261 §7.3.1) with single-letter compact forms (§7.3.3 and
 * the IANA "Header Fields" registry). Each distinct name is interned once as a HeaderName, so the
 * parser compares identities and switches on a small number instead of comparing strings.
 */

/** Ids of the headers the parser reads eagerly; every other header has id 0. */
export enum HeaderId {
  Other = 0,
  CallId,
  From,
  To,
  CSeq,
  Via,
  MaxForwards,
  ContentLength,
  ContentType,
  Contact,
  Date,
  Require,
  ProxyRequire,
  Accept,
  Authorization,
  Expires,
}

export interface HeaderName {
  /** Canonical lower-case long form, e.g. 'call-id' for 'i' or 'Call-ID'. */
  readonly canonical: string;
  readonly id: HeaderId;
  /** Values are comma-separated lists (§7.3.1: only headers whose grammar is a list may be split). */
  readonly list: boolean;
}

const COMPACT: Readonly<Record<string, string>> = {
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
  n: 'identity-info',
  o: 'event',
  r: 'refer-to',
  s: 'subject',
  t: 'to',
  u: 'allow-events',
  v: 'via',
  x: 'session-expires',
  y: 'identity',
};

const IDS: Readonly<Record<string, HeaderId>> = {
  'call-id': HeaderId.CallId,
  from: HeaderId.From,
  to: HeaderId.To,
  cseq: HeaderId.CSeq,
  via: HeaderId.Via,
  'max-forwards': HeaderId.MaxForwards,
  'content-length': HeaderId.ContentLength,
  'content-type': HeaderId.ContentType,
  contact: HeaderId.Contact,
  date: HeaderId.Date,
  require: HeaderId.Require,
  'proxy-require': HeaderId.ProxyRequire,
  accept: HeaderId.Accept,
  authorization: HeaderId.Authorization,
  'proxy-authorization': HeaderId.Authorization,
  'www-authenticate': HeaderId.Authorization,
  'proxy-authenticate': HeaderId.Authorization,
  expires: HeaderId.Expires,
};

/** Headers whose ABNF is `name HCOLON value *(COMMA value)` (RFC 3261 §20 and extensions). */
const LIST_HEADERS = new Set([
  'accept',
  'accept-contact',
  'accept-encoding',
  'accept-language',
  'accept-resource-priority',
  'alert-info',
  'allow',
  'allow-events',
  'call-info',
  'contact',
  'content-encoding',
  'content-language',
  'error-info',
  'history-info',
  'in-reply-to',
  'p-asserted-identity',
  'p-associated-uri',
  'p-preferred-identity',
  'path',
  'permission-missing',
  'proxy-require',
  'reason',
  'record-route',
  'reject-contact',
  'request-disposition',
  'require',
  'resource-priority',
  'route',
  'security-client',
  'security-server',
  'security-verify',
  'service-route',
  'supported',
  'unsupported',
  'via',
  'warning',
]);

function makeName(lower: string): HeaderName {
  const canonical = lower.length === 1 ? (COMPACT[lower] ?? lower) : lower;
  return { canonical, id: IDS[canonical] ?? HeaderId.Other, list: LIST_HEADERS.has(canonical) };
}

const byCanonical = new Map<string, HeaderName>();
/** Names as written → interned name. Bounded, so hostile input with endless new names cannot grow it. */
const byWritten = new Map<string, HeaderName>();
const MAX_CACHED = 4096;

function canonicalName(lower: string): HeaderName {
  const canonical = lower.length === 1 ? (COMPACT[lower] ?? lower) : lower;
  let name = byCanonical.get(canonical);
  if (name === undefined) {
    name = makeName(canonical);
    if (byCanonical.size < MAX_CACHED) byCanonical.set(canonical, name);
  }
  return name;
}

/** The interned name for a header name as written (any case, long or compact form). */
export function headerName(written: string): HeaderName {
  let name = byWritten.get(written);
  if (name === undefined) {
    name = canonicalName(written.toLowerCase());
    if (byWritten.size < MAX_CACHED) byWritten.set(written, name);
  }
  return name;
}

/**
 * Spellings already seen, by (first char, length): the header block checks these with one
 * startsWith on the message text before it cuts a name out and hashes it. Learned from traffic
 * and bounded (a few spellings per slot), so hostile names cannot grow it.
 */
interface Spelling {
  written: string;
  name: HeaderName;
}
const SLOTS_PER_KEY = 4;
const spellings = new Map<number, Spelling[]>();

/** The interned name of the header name at s[from, to), without slicing when the spelling is known. */
export function headerNameAt(s: string, from: number, to: number): { written: string; name: HeaderName } {
  const key = (s.charCodeAt(from) << 10) | (to - from);
  const known = spellings.get(key);
  if (known !== undefined) {
    for (let i = 0; i < known.length; i++) {
      const k = known[i]!;
      if (s.startsWith(k.written, from)) return k;
    }
  }
  const written = s.slice(from, to);
  const spelling = { written, name: headerName(written) };
  if (known === undefined) {
    if (spellings.size < MAX_CACHED) spellings.set(key, [spelling]);
  } else if (known.length < SLOTS_PER_KEY) {
    known.push(spelling);
  }
  return spelling;
}

/** A header name's canonical long lower-case form ('i' and 'Call-ID' are both 'call-id'). */
export function canonicalHeaderName(written: string): string {
  return headerName(written).canonical;
}
