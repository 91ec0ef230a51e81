/**
 * Telephone numbers as access control compares them: international digits without '+', so that
 * `+44 20 7946 0000`, `0044 20 7946 0000`, `442079460000` and the national `020 7946 0000` are one
 * number. Anything that is not plainly a number yields `undefined`, and an `undefined` number
 * matches nothing: odd input can only narrow what a customer sees, never widen it.
 */

/** How national numbers are written where the deployment runs (UK defaults shown). */
export interface NumberPlan {
  /** Country calling code without '+', e.g. '44'. */
  countryCode: string;
  /** National trunk prefix replaced by the country code, e.g. '0'. Default '0'. */
  trunkPrefix?: string;
  /** International call prefix meaning "country code follows", e.g. '00'. Default '00'. */
  internationalPrefix?: string;
}

/** E.164 §6.1: at most 15 digits including the country code. */
export const MAX_NUMBER_DIGITS = 15;

/** RFC 3966 §5.1.1 visual separators, plus the spaces people type. */
const VISUAL_SEPARATORS = /[\s\-.()]/g;
const ASCII_DIGITS = /^[0-9]+$/;

/**
 * Digits of the number in international form (no '+'), or undefined. Accepts '+', the
 * international prefix, the trunk prefix, and bare digits (taken as already international, as
 * many carriers send them). URI user parameters after ';' (`;npdi`, `;phone-context=…`) are
 * ignored. Only ASCII digits count: Unicode digits (`٤٤`, `４４`), wildcards (`*`, `%`, `_`) and
 * letters make the whole value not a number.
 */
export function normaliseNumber(raw: string, plan: NumberPlan): string | undefined {
  const trunk = plan.trunkPrefix ?? '0';
  const international = plan.internationalPrefix ?? '00';
  if (!ASCII_DIGITS.test(plan.countryCode) || plan.countryCode.startsWith('0')) return undefined;

  const text = (raw.split(';', 1)[0] ?? '').replace(VISUAL_SEPARATORS, '');
  let digits: string;
  if (text.startsWith('+')) {
    digits = text.slice(1);
  } else if (international && text.startsWith(international)) {
    digits = text.slice(international.length);
  } else if (trunk && text.startsWith(trunk)) {
    // A lone trunk prefix ('0') is not the country code itself.
    digits = text.length > trunk.length ? plan.countryCode + text.slice(trunk.length) : '';
  } else {
    digits = text;
  }
  // A country code never starts with 0, so '+0…' or '000…' is not a number but a trick or typo.
  if (!ASCII_DIGITS.test(digits) || digits.startsWith('0') || digits.length > MAX_NUMBER_DIGITS) return undefined;
  return digits;
}

/** The user part of a SIP URI as a number: %-escapes undone first (`%2B44…` is `+44…`). */
export function normaliseUriUser(user: string, plan: NumberPlan): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(user);
  } catch {
    return undefined;
  }
  return normaliseNumber(decoded, plan);
}
