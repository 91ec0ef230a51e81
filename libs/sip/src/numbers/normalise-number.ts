import {
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js';

/**
 * Telephone numbers as people type them and devices send them: `01632 960123`, `+44 1632 960123`,
 * `0044 1632 960123`, `441632960123`, `tel:+44-1632-960123` are one number. The numbering plans are
 * libphonenumber's (Google's metadata, kept current by libphonenumber-js) rather than hand rules, so
 * trunk and international prefixes are right for whichever default country a deployment sets.
 */
export interface PhoneNumber {
  /** E.164 (ITU-T E.164 §6) with '+': '+441632960123'. */
  e164: string;
  /** International digits without '+': '441632960123' (how sipflow stores a party's number). */
  international: string;
  /** National digits as dialled inside the country, trunk prefix included: '01632960123'. */
  national: string;
  /** Country calling code without '+': '44'. */
  countryCallingCode: string;
}

/** RFC 3966 §5.1.1 visual separators, plus the spaces people type. */
const VISUAL_SEPARATORS = /[\s\-.()/]/g;
const TYPED_NUMBER = /^\+?[0-9]+$/;

/** The default country as libphonenumber knows it, or undefined (unknown codes add no national rules). */
export function numberCountry(country: string | undefined): CountryCode | undefined {
  const code = country?.trim().toUpperCase();
  return code && isSupportedCountry(code) ? code : undefined;
}

/** Country calling code of an ISO 3166-1 alpha-2 country ('GB' → '44'), or undefined if unknown. */
export function countryCallingCode(country: string): string | undefined {
  const code = numberCountry(country);
  return code ? getCountryCallingCode(code) : undefined;
}

/**
 * The bare text of a number: the URI scheme (`tel:`, `sip:` user parts come without it), RFC 3966
 * parameters after ';' and visual separators removed. Undefined unless what remains is digits with
 * an optional leading '+' (letters, wildcards and Unicode digits are not a number).
 */
export function bareNumber(raw: string): string | undefined {
  const text = (raw.trim().replace(/^tel:/i, '').split(';', 1)[0] ?? '').replace(VISUAL_SEPARATORS, '');
  return TYPED_NUMBER.test(text) ? text : undefined;
}

/**
 * A number in every form support staff and devices write it, or undefined when it is not a
 * possible full number (an extension, a short code, the last few digits of a number). National
 * forms are read in `defaultCountry` (ISO 3166-1 alpha-2, e.g. 'GB'); '+', the country's
 * international prefix ('00') and a bare country code ('44…') are recognised as international.
 * Possible rather than valid: Ofcom's drama ranges (01632 960xxx) and new ranges must still match.
 */
export function normaliseNumber(raw: string, defaultCountry?: string): PhoneNumber | undefined {
  const text = bareNumber(raw);
  if (!text) return undefined;
  const country = numberCountry(defaultCountry);
  const parsed = parsePhoneNumberFromString(text, country ? { defaultCountry: country } : {});
  if (!parsed?.isPossible()) return undefined;
  return {
    e164: parsed.number,
    international: parsed.number.slice(1),
    national: parsed.formatNational().replace(/\D/g, ''),
    countryCallingCode: parsed.countryCallingCode,
  };
}
