import type { CustomerScope, DeviceGroupScope, Principal, Scopes } from '../principal';
import { type Role, isRole } from '../roles';
import { TokenError } from './token-error';

/**
 * The private claims (RFC 7519 §4.3) that carry a Principal beside the registered `sub`: `roles`,
 * `scopes` (same shape as `Scopes`) and `name`. Registered claims (iss, aud, iat, nbf, exp, jti)
 * are set and checked by the issuer and verifier.
 */
export interface PrincipalClaims {
  sub: string;
  roles: Role[];
  scopes?: Scopes;
  name?: string;
}

/** Bounds on claim sizes: a token is sent on every call, and the verifier must not be a DoS lever. */
const MAX_STRING = 256;
const MAX_LIST = 10_000;

export function claimsFromPrincipal(principal: Principal): PrincipalClaims {
  const scopes = principal.scopes;
  return {
    sub: principal.subject,
    roles: [...principal.roles],
    ...((scopes.deviceGroups !== undefined || scopes.customers !== undefined) && { scopes }),
    ...(principal.name !== undefined && { name: principal.name }),
  };
}

type Mapped = { ok: true; principal: Principal } | { ok: false; error: TokenError };

/**
 * A verified payload as a Principal. Every field is checked, since a signature proves who wrote
 * the token, not that they wrote it correctly. A role we do not know refuses the whole token: it
 * is either a typo or a newer release's role, and guessing what it meant is worse than refusing.
 */
export function principalFromClaims(payload: Record<string, unknown>): Mapped {
  const invalid = (detail: string): Mapped => ({ ok: false, error: new TokenError('invalid-claims', detail) });
  const { sub, roles, scopes, name } = payload;
  if (!isText(sub) || sub.length === 0) return invalid('"sub" must be a non-empty string');
  if (!Array.isArray(roles) || roles.length === 0 || roles.length > 16)
    return invalid('"roles" must list 1 to 16 roles');
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) {
    return { ok: false, error: new TokenError('unknown-role', `unknown role ${JSON.stringify(unknown[0])}`) };
  }
  if (name !== undefined && !isText(name)) return invalid('"name" must be a string');
  const parsedScopes = parseScopes(scopes);
  if (parsedScopes === undefined) return invalid('"scopes" is not a valid scope object');
  return {
    ok: true,
    principal: {
      subject: sub,
      roles: [...new Set(roles as Role[])],
      scopes: parsedScopes,
      ...(name !== undefined && { name }),
    },
  };
}

/**
 * Where an OpenID Connect provider puts roles, and how its role names map to ours. Keycloak:
 * `realm_access.roles` or `resource_access.<client>.roles`; Entra ID and Okta: `roles` or `groups`.
 */
export interface IdpClaimsMapping {
  /** Dotted path of the claim listing roles (an array, or a space-separated string). */
  rolesClaim: string;
  /** Only roles named with this prefix count, without it (`sipflow-engineer` → engineer). */
  rolePrefix?: string;
}

/** The value at a dotted path of a claim set (`realm_access.roles`); own properties only. */
function claimAt(payload: Record<string, unknown>, path: string): unknown {
  let value: unknown = payload;
  for (const key of path.split('.')) {
    if (!isRecord(value) || !Object.hasOwn(value, key)) return undefined;
    value = value[key];
  }
  return value;
}

/**
 * An identity provider's verified payload as a Principal. Unlike our own tokens, an IdP's role list
 * mixes in roles of its own (Keycloak's `offline_access`, `uma_authorization`,
 * `default-roles-<realm>`) and other applications': those are ignored, and the token is refused
 * only when no sipflow role is left. Scopes come from our `scopes` claim if the IdP adds it;
 * without it a customer sees nothing (deny by default).
 */
export function principalFromIdpClaims(payload: Record<string, unknown>, mapping: IdpClaimsMapping): Mapped {
  const invalid = (detail: string): Mapped => ({ ok: false, error: new TokenError('invalid-claims', detail) });
  const { sub, scopes } = payload;
  if (!isText(sub) || sub.length === 0) return invalid('"sub" must be a non-empty string');
  const listed = claimAt(payload, mapping.rolesClaim);
  const names = typeof listed === 'string' ? listed.split(' ') : Array.isArray(listed) ? listed : [];
  if (names.length > MAX_LIST) return invalid(`"${mapping.rolesClaim}" lists too many roles`);
  const prefix = mapping.rolePrefix ?? '';
  const roles = [
    ...new Set(
      names
        .filter((n): n is string => typeof n === 'string' && n.startsWith(prefix))
        .map((n) => n.slice(prefix.length))
        .filter(isRole),
    ),
  ];
  if (roles.length === 0)
    return {
      ok: false,
      error: new TokenError(
        'unknown-role',
        `no sipflow role (${prefix}admin, ${prefix}engineer…) in "${mapping.rolesClaim}"`,
      ),
    };
  const parsedScopes = parseScopes(scopes);
  if (parsedScopes === undefined) return invalid('"scopes" is not a valid scope object');
  const name = [payload['name'], payload['preferred_username']].find(isText);
  return {
    ok: true,
    principal: { subject: sub, roles, scopes: parsedScopes, ...(name !== undefined && { name }) },
  };
}

function parseScopes(value: unknown): Scopes | undefined {
  if (value === undefined) return {};
  if (!isRecord(value)) return undefined;
  const scopes: Scopes = {};
  if (value['deviceGroups'] !== undefined) {
    const groups = listOf(value['deviceGroups'], parseDeviceGroup);
    if (!groups) return undefined;
    scopes.deviceGroups = groups;
  }
  if (value['customers'] !== undefined) {
    const customers = listOf(value['customers'], parseCustomer);
    if (!customers) return undefined;
    scopes.customers = customers;
  }
  return scopes;
}

function parseDeviceGroup(value: unknown): DeviceGroupScope | undefined {
  if (!isRecord(value)) return undefined;
  const devices = strings(value['devices']);
  const pools = strings(value['pools']);
  const name = value['name'];
  if (!devices || !pools || (name !== undefined && !isText(name))) return undefined;
  return { devices, pools, ...(name !== undefined && { name }) };
}

function parseCustomer(value: unknown): CustomerScope | undefined {
  if (!isRecord(value)) return undefined;
  const { id, name } = value;
  const numbers = strings(value['numbers']);
  const prefixes = strings(value['prefixes']);
  const domains = strings(value['domains']);
  if (!isText(id) || !numbers || !prefixes || !domains || (name !== undefined && !isText(name))) return undefined;
  return { id, numbers, prefixes, domains, ...(name !== undefined && { name }) };
}

/** A list of strings; absent means empty. */
function strings(value: unknown): string[] | undefined {
  if (value === undefined) return [];
  return listOf(value, (item) => (isText(item) ? item : undefined));
}

function listOf<T>(value: unknown, parse: (item: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_LIST) return undefined;
  const out: T[] = [];
  for (const item of value) {
    const parsed = parse(item);
    if (parsed === undefined) return undefined;
    out.push(parsed);
  }
  return out;
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_STRING;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
