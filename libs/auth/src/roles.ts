/**
 * Roles and the actions they allow. The matrix is the whole policy for "may this person do X at
 * all"; which calls they may do it to is the business of scopes (call-visibility.policy.ts) and
 * how much of a message they see is the business of redaction (sip-redaction.ts).
 */

export const ROLES = ['admin', 'engineer', 'support', 'customer'] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  'calls:search',
  'calls:read',
  'calls:correct',
  'messages:read',
  'messages:read-secrets',
  'stats:read',
  'live:watch',
  'audit:read',
  'admin:users',
  'admin:devices',
  'admin:retention',
] as const;
export type Action = (typeof ACTIONS)[number];

const READ_CALLS: readonly Action[] = ['calls:search', 'calls:read', 'messages:read'];
const OPERATE: readonly Action[] = [...READ_CALLS, 'stats:read', 'live:watch'];

/**
 * What each role may do. Customers get no stats or live tail: both are per device, and a device
 * carries other customers' traffic. `calls:correct` (re-linking legs by hand) changes what every
 * viewer sees, so it stays with engineers and admins.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Action[]>> = {
  admin: [...ACTIONS],
  engineer: [...OPERATE, 'messages:read-secrets', 'calls:correct'],
  support: OPERATE,
  customer: READ_CALLS,
};

/**
 * Roles that see every call (before scopes narrow them). A customer sees only calls that touch
 * their own numbers or domains, and sees other parties' identities redacted.
 */
const ALL_CALLS_ROLES: ReadonlySet<Role> = new Set(['admin', 'engineer', 'support']);

/** True only for the four known role names; `__proto__`, `Admin` or '' are not roles. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isAction(value: unknown): value is Action {
  return typeof value === 'string' && (ACTIONS as readonly string[]).includes(value);
}

/** Actions a role grants; nothing for anything that is not a known role (deny by default). */
export function permissionsOf(role: unknown): readonly Action[] {
  return isRole(role) ? ROLE_PERMISSIONS[role] : [];
}

export function seesAllCalls(role: unknown): boolean {
  return isRole(role) && ALL_CALLS_ROLES.has(role);
}
