import type { Scopes as AuthScopes } from '@sipflow/auth';
import type { Scopes } from '@sipflow/proto';
import { ApiError } from '../errors/api-error';

const MAX_ENTRIES = 10_000;

/** Wire scopes → libs/auth scopes. An absent list does not narrow; a present empty list narrows to nothing. */
export function scopesFromWire(scopes: Scopes | undefined | null): AuthScopes {
  const out: AuthScopes = {};
  const groups = scopes?.deviceGroups;
  if (groups) {
    out.deviceGroups = (groups.groups ?? []).map((g) => ({
      ...(g.name && { name: g.name }),
      devices: [...(g.devices ?? [])],
      pools: [...(g.pools ?? [])],
    }));
  }
  const customers = scopes?.customers;
  if (customers) {
    out.customers = (customers.customers ?? []).map((c, i) => {
      if (!c.id) throw ApiError.invalid(`scopes.customers[${i}].id is required`);
      return {
        id: c.id,
        ...(c.name && { name: c.name }),
        numbers: [...(c.numbers ?? [])],
        prefixes: [...(c.prefixes ?? [])],
        domains: [...(c.domains ?? [])],
      };
    });
  }
  const size = JSON.stringify(out).length;
  if (size > MAX_ENTRIES * 32) throw ApiError.invalid('scopes: too large for a token');
  return out;
}

export function scopesToWire(scopes: AuthScopes): Scopes {
  return {
    deviceGroups: scopes.deviceGroups && {
      groups: scopes.deviceGroups.map((g) => ({ name: g.name ?? '', devices: [...g.devices], pools: [...g.pools] })),
    },
    customers: scopes.customers && {
      customers: scopes.customers.map((c) => ({
        id: c.id,
        name: c.name ?? '',
        numbers: [...c.numbers],
        prefixes: [...c.prefixes],
        domains: [...c.domains],
      })),
    },
  };
}
