import { bareNumber, normaliseNumber } from './normalise-number';

/**
 * What a typed number should find. A full number — written with '+', an international or trunk
 * prefix, or its country code (so its digits are more than the national number) — matches every
 * stored form of itself exactly. Anything else, bare national digits or the last few digits, matches
 * stored numbers ending with those digits; search keys hold reversed digits for that (see numberKeys).
 */
export type NumberSearch = { match: 'exact'; forms: string[] } | { match: 'suffix'; digits: string };

export function numberSearch(typed: string, defaultCountry?: string): NumberSearch | undefined {
  const text = bareNumber(typed);
  if (!text) return undefined;
  const digits = text.replace(/^\+/, '');
  if (digits.length === 0) return undefined;
  const number = normaliseNumber(text, defaultCountry);
  // Digits beyond the national number mean a prefix or country code was typed: the number is whole.
  const national = number ? number.international.slice(number.countryCallingCode.length) : '';
  if (number && (text.startsWith('+') || digits.length > national.length)) {
    return { match: 'exact', forms: numberForms(text, defaultCountry) };
  }
  return { match: 'suffix', digits };
}

/**
 * Every form a stored number is found by: its digits as stored, international digits and national
 * digits. Stored numbers are international digits already (libs/correlation expands national forms),
 * so they are read with '+' first; a short number (extension) keeps only its own digits.
 */
export function numberForms(stored: string, defaultCountry?: string): string[] {
  const text = bareNumber(stored);
  if (!text) return [];
  const digits = text.replace(/^\+/, '');
  const number =
    (!text.startsWith('+') && !digits.startsWith('0') && normaliseNumber(`+${digits}`, defaultCountry)) ||
    normaliseNumber(text, defaultCountry);
  const forms = new Set([digits]);
  if (number) {
    forms.add(number.international);
    forms.add(number.national);
  }
  return [...forms].filter((f) => f.length > 0);
}

/** Index keys of a stored number: 'n:<form>' for exact and prefix search, 'r:<reversed form>' for suffix search. */
export function numberKeys(stored: string, defaultCountry?: string): string[] {
  return numberForms(stored, defaultCountry).flatMap((form) => [`n:${form}`, `r:${reverseDigits(form)}`]);
}

export const reverseDigits = (digits: string) => [...digits].reverse().join('');

/**
 * The number filter of a live view, in memory: whether a call whose parties' stored numbers are
 * `numbers` touches the typed number, with the same forms and suffix rule as the store's search
 * (so following 01632 960123 and searching for it agree). Undefined for text that is not a number.
 */
export function numberMatcher(
  typed: string,
  defaultCountry?: string,
): ((numbers: readonly string[]) => boolean) | undefined {
  const wanted = numberSearch(typed, defaultCountry);
  if (!wanted) return undefined;
  // A live view sees the same parties again and again: their forms are worked out once (bounded).
  const cache = new Map<string, string[]>();
  const formsOf = (n: string) => {
    let forms = cache.get(n);
    if (!forms) {
      if (cache.size >= 100_000) cache.clear();
      cache.set(n, (forms = numberForms(n, defaultCountry)));
    }
    return forms;
  };
  if (wanted.match === 'exact') {
    const forms = new Set(wanted.forms);
    return (numbers) => numbers.some((n) => formsOf(n).some((f) => forms.has(f)));
  }
  return (numbers) => numbers.some((n) => formsOf(n).some((f) => f.endsWith(wanted.digits)));
}
