/**
 * Query parameters of the ClickHouse HTTP interface (`param_<name>=<value>`, bound to `{name:Type}`
 * placeholders) turned back into the values the embedded engine's binder takes. The HTTP client
 * sends each value in the "escaped" text form of its declared type
 * (https://clickhouse.com/docs/interfaces/http#cli-queries-with-parameters); the chDB binder
 * escapes strings itself, so strings are unescaped here and string arrays parsed, and every other
 * type (numbers, dates) passes through as text.
 */

const PLACEHOLDER = /\{\s*(\w+)\s*:\s*([^}]+?)\s*\}/g;

/** Each placeholder's declared type in a statement. */
export function placeholderTypes(sql: string): Map<string, string> {
  const types = new Map<string, string>();
  for (const [, name, type] of sql.matchAll(PLACEHOLDER)) types.set(name!, type!);
  return types;
}

/** Nullable(…) and LowCardinality(…) change storage, not the text form. */
function baseType(type: string): string {
  const wrapped = /^(?:Nullable|LowCardinality)\((.*)\)$/.exec(type.trim());
  return wrapped ? baseType(wrapped[1]!) : type.trim();
}

const isString = (type: string) => /^(String|FixedString\(\d+\))$/.test(baseType(type));

const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', '0': '\0', a: '\x07', v: '\v' };

/** The inverse of the escaped text format: `\n`, `\t`, `\\`, `\'` … back to the characters. */
export function unescapeText(text: string): string {
  return text.replace(/\\(.)/gs, (_m, c: string) => ESCAPES[c] ?? c);
}

/** `['a','b\'c']` → ['a', "b'c"]; quoted strings only (an Array(String) literal). */
export function parseStringArray(text: string): string[] {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[') || !trimmed.endsWith(']')) throw new Error(`not an array literal: ${text}`);
  const values: string[] = [];
  let i = 1;
  const end = trimmed.length - 1;
  const skipSpaces = () => {
    while (i < end && /\s/.test(trimmed[i]!)) i += 1;
  };
  skipSpaces();
  while (i < end) {
    if (trimmed[i] !== "'") throw new Error(`expected a quoted string at ${i}: ${text}`);
    let value = '';
    i += 1;
    for (; i < end && trimmed[i] !== "'"; i += 1) {
      if (trimmed[i] === '\\') {
        i += 1;
        value += ESCAPES[trimmed[i]!] ?? trimmed[i];
      } else value += trimmed[i];
    }
    if (trimmed[i] !== "'") throw new Error(`unterminated string: ${text}`);
    values.push(value);
    i += 1;
    skipSpaces();
    if (trimmed[i] === ',') i += 1;
    skipSpaces();
  }
  return values;
}

/** The `param_*` entries of a request as binder values, typed by the statement's placeholders. */
export function bindableParams(sql: string, search: URLSearchParams): Record<string, unknown> {
  const types = placeholderTypes(sql);
  const params: Record<string, unknown> = {};
  for (const [key, text] of search) {
    if (!key.startsWith('param_')) continue;
    const name = key.slice('param_'.length);
    const type = types.get(name);
    if (type === undefined) continue;
    if (text === '\\N') params[name] = null;
    else if (isString(type)) params[name] = unescapeText(text);
    else if (/^Array\(/.test(baseType(type)) && isString(baseType(type).slice(6, -1))) {
      params[name] = parseStringArray(text);
    } else params[name] = text;
  }
  return params;
}
