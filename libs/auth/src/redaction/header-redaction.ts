import { ownsParty } from '../customer-identities';
import { scanAuthValue } from './auth-params';
import { scanNameAddrs } from './name-addr';
import type { RedactionPolicy } from './redaction-policy';
import { AUTH_HEADERS, IDENTITY_HEADERS, isSecretHeader } from './sip-header-names';
import { FIXED_MASK, IDENTITY_PLACEHOLDER, type TextEdit, maskSameLength } from './text-edits';
import { findPasswordParams, findUriPasswords, uriUser } from './uri-redaction';

/**
 * Digest values that prove or enable knowledge of the password (RFC 3261 §22.4, RFC 2617 §3.2,
 * RFC 7616 §3.3–3.5): with `nonce`, `cnonce` and `response` an offline dictionary attack on the
 * password is one loop away; `opaque`/`nextnonce` let a replay pass; `rspauth` is the mutual-auth
 * proof; `auts` carries AKA resynchronisation material (RFC 3310 §3.4).
 */
const DIGEST_SECRETS: ReadonlySet<string> = new Set([
  'response',
  'nonce',
  'cnonce',
  'opaque',
  'nextnonce',
  'rspauth',
  'auts',
]);

/**
 * Edits that redact one header value under a policy. `name` is canonical (see
 * `canonicalHeaderName`); `value` is what follows the colon, folded or unfolded.
 */
export function findHeaderEdits(name: string, value: string, policy: RedactionPolicy): TextEdit[] {
  if (policy.level === 'none') return [];
  if (isSecretHeader(name)) return wholeValue(name, value);

  const edits: TextEdit[] = [
    ...findUriPasswords(value, { where: name, sameLength: false }),
    ...findPasswordParams(value, { where: name, sameLength: false }),
  ];
  if (AUTH_HEADERS.has(name)) edits.push(...authEdits(name, value, policy));
  if (IDENTITY_HEADERS.has(name)) edits.push(...identityEdits(name, value, policy));
  return edits;
}

/** The whole value of a header named like a secret; same-length only when folded, to keep its lines. */
function wholeValue(name: string, value: string): TextEdit[] {
  const start = value.search(/\S/);
  if (start < 0) return [];
  const end = value.trimEnd().length;
  const text = value.slice(start, end);
  const replacement = /[\r\n]/.test(text) ? maskSameLength(text) : FIXED_MASK;
  return [{ start, end, replacement, redaction: { kind: 'password-header', where: name } }];
}

/** Headers that carry credentials rather than challenges (RFC 3261 §22.2, §22.3). */
const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization']);

/** Schemes whose parameters we know; every value of another scheme's credentials is masked. */
const KNOWN_SCHEMES: ReadonlySet<string> = new Set(['digest']);

function authEdits(name: string, value: string, policy: RedactionPolicy): TextEdit[] {
  const scan = scanAuthValue(value);
  const edits: TextEdit[] = scan.tokens.map((token) => ({
    start: token.start,
    end: token.end,
    replacement: FIXED_MASK,
    redaction: { kind: 'credentials', where: name, name: token.scheme },
  }));
  const realmOf = (scheme: string | undefined) =>
    scan.params.find((param) => param.name === 'realm' && param.scheme === scheme);
  for (const param of scan.params) {
    const text = value.slice(param.start, param.end);
    if (text.length === 0) continue;
    const unknownCredentials =
      CREDENTIAL_HEADERS.has(name) && param.scheme !== undefined && !KNOWN_SCHEMES.has(param.scheme);
    if (DIGEST_SECRETS.has(param.name) || unknownCredentials) {
      edits.push({
        start: param.start,
        end: param.end,
        replacement: unknownCredentials ? FIXED_MASK : maskSameLength(text),
        redaction: { kind: unknownCredentials ? 'credentials' : 'digest-secret', where: name, name: param.name },
      });
    } else if (policy.level === 'customer' && param.name === 'username') {
      // A digest user name is the customer's own when it is their number, or a name in their realm.
      const realm = realmOf(param.scheme);
      const host = realm ? value.slice(realm.start, realm.end) : '';
      if (!isOwn(policy, text, host)) edits.push(identityEdit(name, param.start, param.end, 'username'));
    } else if (policy.level === 'customer' && param.name === 'uri') {
      edits.push(...uriIdentityEdits(name, text, param.start, policy));
    }
  }
  return edits;
}

function identityEdits(name: string, value: string, policy: RedactionPolicy): TextEdit[] {
  if (policy.level !== 'customer') return [];
  const edits: TextEdit[] = [];
  for (const span of scanNameAddrs(value)) {
    const uri = value.slice(span.uri.start, span.uri.end);
    const user = uriUser(uri);
    const own = user !== undefined && isOwn(policy, user.user, user.host);
    if (user && !own) edits.push(identityEdit(name, span.uri.start + user.start, span.uri.start + user.end, 'user'));
    const display = span.displayName;
    if (display && !own && display.end > display.start) {
      edits.push({
        start: display.start,
        end: display.end,
        replacement: IDENTITY_PLACEHOLDER,
        redaction: { kind: 'display-name', where: name },
      });
    }
  }
  return edits;
}

/** A Request-URI (RFC 3261 §7.1): a password in it; for customers, the callee unless their own. */
export function findRequestUriEdits(uri: string, policy: RedactionPolicy): TextEdit[] {
  if (policy.level === 'none') return [];
  return [
    ...findUriPasswords(uri, { where: 'request-line', sameLength: false }),
    ...findPasswordParams(uri, { where: 'request-line', sameLength: false }),
    ...uriIdentityEdits('request-line', uri, 0, policy),
  ];
}

/** The user part of one URI (a Request-URI, a digest `uri=`), when it is not the customer's own. */
function uriIdentityEdits(where: string, uri: string, offset: number, policy: RedactionPolicy): TextEdit[] {
  if (policy.level !== 'customer') return [];
  const user = uriUser(uri);
  if (!user || isOwn(policy, user.user, user.host)) return [];
  return [identityEdit(where, offset + user.start, offset + user.end, 'user')];
}

function identityEdit(where: string, start: number, end: number, name: string): TextEdit {
  return { start, end, replacement: IDENTITY_PLACEHOLDER, redaction: { kind: 'identity', where, name } };
}

function isOwn(policy: RedactionPolicy & { level: 'customer' }, user: string, host: string): boolean {
  return ownsParty(policy.own, { user, host }, policy.plan);
}
