import { type Action, type Role, permissionsOf, seesAllCalls } from './roles';

/**
 * A group of devices a principal is limited to: device ids (as in the device map) and/or pool
 * names. A call is in the group when it passed through at least one of them.
 */
export interface DeviceGroupScope {
  name?: string;
  devices: readonly string[];
  pools: readonly string[];
}

/**
 * A customer: the numbers (E.164 `+44…` or national `0…`), number prefixes (ranges such as a DDI
 * block) and SIP domains that belong to them. A call is theirs when it touches at least one.
 */
export interface CustomerScope {
  id: string;
  name?: string;
  numbers: readonly string[];
  prefixes: readonly string[];
  domains: readonly string[];
}

/**
 * Scopes narrow what any role sees. `undefined` means "not narrowed"; an empty list narrows to
 * nothing (a principal limited to no device groups sees no calls), so a bug that loses the list
 * fails closed. When both kinds are present a call must satisfy both.
 */
export interface Scopes {
  deviceGroups?: readonly DeviceGroupScope[];
  customers?: readonly CustomerScope[];
}

/** Who is asking: the subject (user id), their roles and scopes, and a name for the audit log. */
export interface Principal {
  subject: string;
  roles: readonly Role[];
  scopes: Scopes;
  name?: string;
}

/**
 * May the principal perform this action at all? The union of what its roles grant; roles that
 * are not known (a typo in a token, a role from a newer release) grant nothing.
 */
export function can(principal: Principal, action: Action): boolean {
  return principal.roles.some((role) => permissionsOf(role).includes(action));
}

/**
 * How much of the call population a principal's roles open before scopes: every call, only the
 * customer's own calls, or none.
 */
export type CallReach = 'all' | 'own' | 'none';

export function callReach(principal: Principal): CallReach {
  if (!can(principal, 'calls:read')) return 'none';
  return principal.roles.some(seesAllCalls) ? 'all' : 'own';
}
