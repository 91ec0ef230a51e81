import { type NumberPlan, normaliseNumber, normaliseUriUser } from './phone-number';
import type { CustomerScope } from './principal';
import { domainWithin, normaliseDomain } from './sip-domain';

/**
 * A prefix shorter than this (after normalising, so including the country code) is ignored: `44`
 * or `4420` in a customer record would hand them a whole country or city. A DDI block such as
 * `+44 20 7946 0` is 9 digits.
 */
export const DEFAULT_MIN_PREFIX_DIGITS = 6;

export interface CustomerMatchOptions {
  plan: NumberPlan;
  minPrefixDigits?: number;
}

/**
 * The numbers, prefixes and domains of one or more customers, normalised once. Entries that do not
 * normalise (typos, wildcards, too-short prefixes) are dropped and listed in `ignored`, so the
 * admin screen can show them; dropping can only narrow what the customer sees.
 */
export interface CustomerIdentities extends OwnParties {
  ignored: readonly string[];
}

/** Normalised numbers, number prefixes and domains that make a party "the customer's own". */
export interface OwnParties {
  numbers: ReadonlySet<string>;
  prefixes: readonly string[];
  domains: readonly string[];
}

export function compileCustomers(
  customers: readonly CustomerScope[],
  options: CustomerMatchOptions,
): CustomerIdentities {
  const minPrefix = Math.max(1, options.minPrefixDigits ?? DEFAULT_MIN_PREFIX_DIGITS);
  const numbers = new Set<string>();
  const prefixes = new Set<string>();
  const domains = new Set<string>();
  const ignored: string[] = [];
  const keep = <T>(set: Set<T>, raw: string, value: T | undefined): void => {
    if (value === undefined) ignored.push(raw);
    else set.add(value);
  };
  for (const customer of customers) {
    for (const raw of customer.numbers) keep(numbers, raw, normaliseNumber(raw, options.plan));
    for (const raw of customer.prefixes) {
      const prefix = normaliseNumber(raw, options.plan);
      keep(prefixes, raw, prefix !== undefined && prefix.length >= minPrefix ? prefix : undefined);
    }
    for (const raw of customer.domains) keep(domains, raw, normaliseDomain(raw));
  }
  return { numbers, prefixes: [...prefixes], domains: [...domains], ignored };
}

/** Is this normalised number one of the customer's, or inside one of their prefixes? */
export function ownsNumber(identities: OwnParties, digits: string): boolean {
  return identities.numbers.has(digits) || identities.prefixes.some((prefix) => digits.startsWith(prefix));
}

/** Is this normalised host the customer's domain or a subdomain of it? */
export function ownsDomain(identities: OwnParties, host: string): boolean {
  return identities.domains.some((domain) => domainWithin(host, domain));
}

/**
 * Is the party `user@host` the customer's own? A user part that is a telephone number is judged by
 * the number alone: a carrier often puts the caller's number in the callee's domain, so the domain
 * says nothing about whose number it is. Any other user (`alice`) is judged by the domain.
 */
export function ownsParty(identities: OwnParties, party: { user: string; host: string }, plan: NumberPlan): boolean {
  const digits = normaliseUriUser(party.user, plan);
  if (digits !== undefined) return ownsNumber(identities, digits);
  if (!/[a-z]/i.test(party.user)) return false;
  const host = normaliseDomain(party.host);
  return host !== undefined && ownsDomain(identities, host);
}
