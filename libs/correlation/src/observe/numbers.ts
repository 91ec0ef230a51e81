/**
 * Telephone numbers as people and devices write them: +44 1632 960123, 01632960123,
 * 00441632960123, tel:+44-1632-960123 — all one number. Canonical form: international digits
 * without '+' ('441632960123'). National forms (a single leading 0, RFC 3966 "national number"
 * with a trunk prefix) are expanded with the configured country code; short numbers (extensions)
 * stay as they are.
 */
export interface NumberPlan {
  /** Country calling code used to expand national numbers, e.g. '44'. */
  countryCode: string;
  /** National numbers have at least this many digits including the trunk 0 (shorter: extensions). */
  minNationalLength: number;
}

export const DEFAULT_NUMBER_PLAN: NumberPlan = { countryCode: '44', minNationalLength: 9 };

const VISUAL_SEPARATORS = /[\s\-.()]/g;

/** Canonical digits of a user part that is a telephone number, or undefined if it is not one. */
export function canonicalNumber(user: string | undefined, plan: NumberPlan = DEFAULT_NUMBER_PLAN): string | undefined {
  if (!user) return undefined;
  // RFC 3966 parameters (;phone-context=…, ;isub=…) and SIP user params are not part of the number.
  const bare = user.split(';', 1)[0]!.replace(VISUAL_SEPARATORS, '');
  let digits: string;
  if (bare.startsWith('+')) digits = bare.slice(1);
  else if (bare.startsWith('00')) digits = bare.slice(2);
  else digits = bare;
  if (!/^\d{2,20}$/.test(digits)) return undefined;
  if (
    !bare.startsWith('+') &&
    !bare.startsWith('00') &&
    digits.startsWith('0') &&
    digits.length >= plan.minNationalLength
  ) {
    return plan.countryCode + digits.slice(1);
  }
  return digits;
}

/**
 * Whether two numbers name the same party as far as a B2BUA's translation goes: equal canonical
 * forms, or one is the other's trailing digits (an extension or a number with its prefix dropped),
 * with at least `minSuffix` digits in common.
 */
export function numbersMatch(a: string | undefined, b: string | undefined, minSuffix = 6): boolean {
  if (!a || !b) return false;
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= minSuffix && long.endsWith(short);
}
