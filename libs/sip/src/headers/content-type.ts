import { skipWsBack } from '../parser/chars';
import { parseHeaderParams } from './params';

/** The media type of a Content-Type value (RFC 3261 §20.15): lower-cased type/subtype, no parameters. */
export function mediaType(value: string): string {
  const semi = value.indexOf(';');
  const type = semi === -1 ? value : value.slice(0, skipWsBack(value, semi, 0));
  const lower = type.toLowerCase();
  return lower.indexOf(' ') === -1 && lower.indexOf('\t') === -1 ? lower : lower.replace(/[ \t]+/g, '');
}

/** The parameters of a Content-Type value (boundary, charset…), or {} when they do not parse. */
export function mediaTypeParams(value: string): Readonly<Record<string, string | null>> {
  const semi = value.indexOf(';');
  if (semi === -1) return {};
  try {
    return parseHeaderParams(value, semi, value.length, 'Content-Type', 0);
  } catch {
    return {};
  }
}
