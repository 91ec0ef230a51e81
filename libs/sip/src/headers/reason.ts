import type { ReasonValue } from '../model/message';
import { scanToken, skipWs } from '../parser/chars';
import { parseDigits } from './scalar';
import { parseHeaderParams } from './params';

/**
 * Reason = protocol *(SEMI reason-params), reason-params = cause / text / extension (RFC 3326 §2):
 * e.g. `Q.850;cause=16;text="Normal call clearing"`. Returns undefined when it does not parse.
 */
export function parseReason(element: string): ReasonValue | undefined {
  const start = skipWs(element, 0);
  const end = scanToken(element, start);
  if (end === start) return undefined;
  const params = parseHeaderParams(element, end, element.length, 'Reason', 0);
  const cause = params.cause ? parseDigits(params.cause) : -1;
  return {
    protocol: element.slice(start, end),
    cause: cause >= 0 ? cause : undefined,
    text: params.text ?? undefined,
  };
}
