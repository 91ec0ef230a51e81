import { type CustomerMatchOptions, compileCustomers, ownsDomain, ownsNumber } from './customer-identities';
import { normaliseNumber } from './phone-number';
import { type DeviceGroupScope, type Principal, callReach } from './principal';
import { normaliseDomain } from './sip-domain';

/**
 * What a principal may see, as plain lists a store query binds as parameters. A call matches when
 * it satisfies every clause present:
 * - `devices`: it passed through one of `deviceIds` or `pools`;
 * - `parties`: one of its numbers equals one of `numbers` or starts with one of `numberPrefixes`
 *   (compare with `startsWith`, never `LIKE`), or one of its hosts equals one of `domains` or ends
 *   with `'.' + domain` (IP literals: equal only).
 * Numbers are in `normaliseNumber` form, so the store's number index must hold that form too.
 */
export type SearchConstraints =
  { kind: 'all' } | { kind: 'none' } | { kind: 'restricted'; devices?: DeviceConstraint; parties?: PartyConstraint };

export interface DeviceConstraint {
  deviceIds: readonly string[];
  pools: readonly string[];
}

export interface PartyConstraint {
  numbers: readonly string[];
  numberPrefixes: readonly string[];
  domains: readonly string[];
}

/** What is known about a call for deciding who may see it. Values as they appear in the messages. */
export interface CallFacts {
  /** Every party number of the call: From/To/Request-URI/P-Asserted-Identity users. */
  numbers: readonly string[];
  domains: readonly string[];
  devices: readonly string[];
  pools: readonly string[];
}

const NONE: SearchConstraints = { kind: 'none' };

export function searchConstraints(principal: Principal, options: CustomerMatchOptions): SearchConstraints {
  const reach = callReach(principal);
  if (reach === 'none') return NONE;
  const { deviceGroups, customers } = principal.scopes;
  // A customer with no customer record sees nothing rather than everything.
  if (reach === 'own' && customers === undefined) return NONE;
  if (deviceGroups === undefined && customers === undefined) return { kind: 'all' };

  const devices = deviceGroups && deviceConstraint(deviceGroups);
  const parties = customers && compileCustomers(customers, options);
  if (devices && devices.deviceIds.length + devices.pools.length === 0) return NONE;
  if (parties && parties.numbers.size + parties.prefixes.length + parties.domains.length === 0) return NONE;
  return {
    kind: 'restricted',
    ...(devices && { devices }),
    ...(parties && {
      parties: { numbers: [...parties.numbers], numberPrefixes: parties.prefixes, domains: parties.domains },
    }),
  };
}

function deviceConstraint(groups: readonly DeviceGroupScope[]): DeviceConstraint {
  const clean = (values: readonly string[]) => [...new Set(values.map((v) => v.trim()).filter((v) => v.length > 0))];
  return {
    deviceIds: clean(groups.flatMap((group) => group.devices)),
    pools: clean(groups.flatMap((group) => group.pools)),
  };
}

/**
 * The same decision in memory, for a call already loaded (one call's view, the live tail). Kept
 * beside `searchConstraints` so that the query and the check cannot drift apart.
 */
export function matchesConstraints(
  constraints: SearchConstraints,
  facts: CallFacts,
  options: CustomerMatchOptions,
): boolean {
  if (constraints.kind !== 'restricted') return constraints.kind === 'all';
  const { devices, parties } = constraints;
  if (devices) {
    const ids = new Set(devices.deviceIds);
    const pools = new Set(devices.pools);
    if (!facts.devices.some((d) => ids.has(d.trim())) && !facts.pools.some((p) => pools.has(p.trim()))) return false;
  }
  if (parties) {
    const own = { numbers: new Set(parties.numbers), prefixes: parties.numberPrefixes, domains: parties.domains };
    const numberHit = facts.numbers.some((raw) => {
      const digits = normaliseNumber(raw, options.plan);
      return digits !== undefined && ownsNumber(own, digits);
    });
    const domainHit = facts.domains.some((raw) => {
      const host = normaliseDomain(raw);
      return host !== undefined && ownsDomain(own, host);
    });
    if (!numberHit && !domainHit) return false;
  }
  return true;
}
