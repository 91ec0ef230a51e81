import type { CustomerMatchOptions } from './customer-identities';
import { normaliseNumber } from './phone-number';
import { type Principal, can } from './principal';
import { type SearchConstraints, searchConstraints } from './search-constraints';
import { normaliseDomain } from './sip-domain';

/** What a user typed into the search form. Empty fields mean "any". */
export interface SearchFilter {
  number?: string;
  numberPrefix?: string;
  domain?: string;
  device?: string;
  pool?: string;
}

/** The filter in the forms the store compares: numbers as `normaliseNumber` digits, hosts lower-cased. */
export type NormalisedSearchFilter = { [K in keyof SearchFilter]?: string };

/**
 * A search the store may run: the user's filter AND the principal's constraints. The filter can
 * only narrow: it is never merged into the constraints, and the store binds both as parameters.
 */
export type ConstrainedSearch =
  | { ok: true; filter: NormalisedSearchFilter; constraints: SearchConstraints }
  | { ok: false; reason: 'not-allowed' }
  | { ok: false; reason: 'invalid-filter'; field: keyof SearchFilter };

const MAX_NAME_LENGTH = 256;

export function constrainSearch(
  principal: Principal,
  filter: SearchFilter,
  options: CustomerMatchOptions,
): ConstrainedSearch {
  if (!can(principal, 'calls:search')) return { ok: false, reason: 'not-allowed' };
  const normalised: NormalisedSearchFilter = {};
  const normalisers: Record<keyof SearchFilter, (value: string) => string | undefined> = {
    number: (value) => normaliseNumber(value, options.plan),
    numberPrefix: (value) => normaliseNumber(value, options.plan),
    domain: normaliseDomain,
    device: plainName,
    pool: plainName,
  };
  for (const field of Object.keys(normalisers) as (keyof SearchFilter)[]) {
    const raw = filter[field];
    if (raw === undefined || raw.trim() === '') continue;
    const value = normalisers[field](raw);
    if (value === undefined) return { ok: false, reason: 'invalid-filter', field };
    normalised[field] = value;
  }
  return { ok: true, filter: normalised, constraints: searchConstraints(principal, options) };
}

/** Device ids and pool names are compared exactly; control characters are refused. */
function plainName(raw: string): string | undefined {
  const value = raw.trim();
  // eslint-disable-next-line no-control-regex
  return value.length <= MAX_NAME_LENGTH && !/[\u0000-\u001f\u007f]/.test(value) ? value : undefined;
}
