import { type TextEdit, FIXED_MASK, maskSameLength } from './text-edits';

/**
 * `sip:user:password@host` (RFC 3261 §19.1.1 allows a password in the userinfo, and says not to use
 * it, so a device that does anyway leaks a credential into every log). Found anywhere in a header:
 * a Contact, a Request-URI, the `uri=` of a digest response, a Refer-To… Hierarchical URIs
 * (`http://user:password@host/`, RFC 3986 §3.2.1) in Call-Info or Alert-Info are covered too.
 */
const URI_PASSWORD = /\b(?:sips?:|[a-z][a-z0-9+.-]*:\/\/)[^\s"<>@:,/?#]+:([^\s"<>@,/?#]*)@/gi;

/**
 * `;password=…`-style parameters in URIs, header parameters or URI headers, quoted or not.
 */
const PASSWORD_PARAM = /(^|[;?&\s])(password|passwd|pwd|secret)(\s*=\s*)("(?:[^"\\]|\\.)*"|[^;,&\s>"]*)/gi;

export interface SecretScanOptions {
  where: string;
  /** Same-length masks in bodies, where Content-Length must not change; fixed masks elsewhere. */
  sameLength: boolean;
}

export function findUriPasswords(text: string, options: SecretScanOptions): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const match of text.matchAll(URI_PASSWORD)) {
    const password = match[1] ?? '';
    if (password.length === 0) continue;
    const start = (match.index ?? 0) + match[0].length - 1 - password.length;
    edits.push({
      start,
      end: start + password.length,
      replacement: options.sameLength ? maskSameLength(password) : FIXED_MASK,
      redaction: { kind: 'uri-password', where: options.where },
    });
  }
  return edits;
}

export function findPasswordParams(text: string, options: SecretScanOptions): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const match of text.matchAll(PASSWORD_PARAM)) {
    const [, lead = '', name = '', equals = '', value = ''] = match;
    const quoted = value.startsWith('"');
    const inner = quoted ? value.slice(1, value.endsWith('"') && value.length > 1 ? -1 : undefined) : value;
    if (inner.length === 0) continue;
    const start = (match.index ?? 0) + lead.length + name.length + equals.length + (quoted ? 1 : 0);
    edits.push({
      start,
      end: start + inner.length,
      replacement: options.sameLength ? maskSameLength(inner) : FIXED_MASK,
      redaction: { kind: 'password-param', where: options.where, name: name.toLowerCase() },
    });
  }
  return edits;
}

/** Where the user part of a SIP, SIPS or TEL URI lies within `uri`, and the host it belongs to. */
export interface UriUser {
  start: number;
  end: number;
  user: string;
  host: string;
}

/**
 * The user of `sip:user[:password]@host…` or the number of `tel:+44…;params`; undefined for a URI
 * without a user (`sip:proxy.example.com`) or of another scheme.
 */
export function uriUser(uri: string): UriUser | undefined {
  const scheme = /^\s*(sips?|tel):/i.exec(uri);
  if (!scheme) return undefined;
  const start = scheme[0].length;
  if (scheme[1]?.toLowerCase() === 'tel') {
    const end = endOf(uri, start, /[;?>\s]/);
    return end > start ? { start, end, user: uri.slice(start, end), host: '' } : undefined;
  }
  const at = uri.indexOf('@', start);
  if (at < 0) return undefined;
  const colon = uri.indexOf(':', start);
  const end = colon >= 0 && colon < at ? colon : at;
  const hostEnd = uri[at + 1] === '[' ? endOf(uri, at + 1, /\]/) + 1 : endOf(uri, at + 1, /[;?>:\s]/);
  const host = uri.slice(at + 1, hostEnd);
  return end > start ? { start, end, user: uri.slice(start, end), host } : undefined;
}

function endOf(text: string, from: number, stop: RegExp): number {
  let i = from;
  while (i < text.length && !stop.test(text[i] ?? '')) i++;
  return i;
}
