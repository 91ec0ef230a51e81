/**
 * A small lexer for the values of WWW-Authenticate, Authorization, Proxy-Authenticate,
 * Proxy-Authorization and Authentication-Info (RFC 3261 §20.7, §20.27, §20.28, §20.44, §25.1;
 * RFC 7235 §2.1 for token68). It reports where each auth-param's value lies, so that a value can be
 * masked in place. Values may be quoted, contain escaped quotes and commas, or be folded over several
 * lines (LWS includes CRLF + SP), so a regular expression over the text would mis-read them.
 */

export interface AuthParam {
  /** Lower-cased parameter name. */
  name: string;
  /** Value bounds: inside the quotes when quoted. */
  start: number;
  end: number;
  quoted: boolean;
  /** Lower-cased scheme the parameter belongs to; undefined in Authentication-Info, which has none. */
  scheme?: string;
}

/** The credentials of a token68 scheme such as `Basic dXNlcjpwYXNz` or `Bearer eyJ…`. */
export interface Token68 {
  scheme: string;
  start: number;
  end: number;
}

export interface AuthValueScan {
  params: AuthParam[];
  tokens: Token68[];
}

const TOKEN68 = /[A-Za-z0-9\-._~+/]+=*/y;
const WORD = /[^\s,="]+/y;

export function scanAuthValue(text: string): AuthValueScan {
  const params: AuthParam[] = [];
  const tokens: Token68[] = [];
  let scheme: string | undefined;
  let i = 0;
  while (i < text.length) {
    i = skip(text, i, /[\s,]/);
    if (i >= text.length) break;
    WORD.lastIndex = i;
    const word = WORD.exec(text);
    if (!word) {
      i = nextTopLevelComma(text, i);
      continue;
    }
    const afterWord = skip(text, i + word[0].length, /\s/);
    if (text[afterWord] === '=') {
      const valueAt = skip(text, afterWord + 1, /\s/);
      if (text[valueAt] === '"') {
        const close = closingQuote(text, valueAt);
        params.push({ name: word[0].toLowerCase(), start: valueAt + 1, end: close, quoted: true, scheme });
        i = close + 1;
      } else {
        const end = until(text, valueAt, /[\s,]/);
        params.push({ name: word[0].toLowerCase(), start: valueAt, end, quoted: false, scheme });
        i = end;
      }
      continue;
    }
    // A word not followed by '=' is a scheme (Digest, Basic, Bearer…); what follows it is either
    // auth-params or one token68 credential.
    scheme = word[0].toLowerCase();
    const credential = token68At(text, afterWord);
    if (credential) {
      tokens.push({ scheme: word[0].toLowerCase(), start: afterWord, end: credential });
      i = credential;
    } else {
      i = afterWord;
    }
  }
  return { params, tokens };
}

/** End of a token68 starting at `at`, or undefined when what follows is a `name=value` param. */
function token68At(text: string, at: number): number | undefined {
  TOKEN68.lastIndex = at;
  const match = TOKEN68.exec(text);
  if (!match) return undefined;
  const end = at + match[0].length;
  if (end < text.length && !/[\s,]/.test(text[end] ?? '')) return undefined;
  return text[skip(text, end, /\s/)] === '=' ? undefined : end;
}

function skip(text: string, at: number, chars: RegExp): number {
  let i = at;
  while (i < text.length && chars.test(text[i] ?? '')) i++;
  return i;
}

function until(text: string, at: number, stop: RegExp): number {
  let i = at;
  while (i < text.length && !stop.test(text[i] ?? '')) i++;
  return i;
}

/** Index of the quote closing the quoted-string that opens at `open` (RFC 3261 §25.1 quoted-pair aware). */
export function closingQuote(text: string, open: number): number {
  let i = open + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return Math.min(i, text.length);
}

function nextTopLevelComma(text: string, at: number): number {
  let i = at;
  while (i < text.length && text[i] !== ',') i = text[i] === '"' ? closingQuote(text, i) + 1 : i + 1;
  return i + 1;
}
