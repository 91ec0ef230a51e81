import { describe, expect, it } from 'vitest';
import { claimsFromPrincipal, principalFromClaims } from '../index';

describe('claims of a principal', () => {
  it('carries sub, roles, scopes and name, leaving out what is empty', () => {
    expect(claimsFromPrincipal({ subject: 'u1', roles: ['engineer'], scopes: {} })).toEqual({
      sub: 'u1',
      roles: ['engineer'],
    });
    const scoped = { subject: 'c1', roles: ['customer' as const], scopes: { customers: [] }, name: 'Acme' };
    expect(claimsFromPrincipal(scoped)).toEqual({
      sub: 'c1',
      roles: ['customer'],
      scopes: { customers: [] },
      name: 'Acme',
    });
  });

  it('reads back what it wrote, with optional lists defaulting to empty', () => {
    const result = principalFromClaims({
      sub: 'u1',
      roles: ['support', 'support'],
      scopes: { deviceGroups: [{ devices: ['fb1'] }], customers: [{ id: 'acme', domains: ['acme.example'] }] },
    });
    expect(result).toEqual({
      ok: true,
      principal: {
        subject: 'u1',
        roles: ['support'],
        scopes: {
          deviceGroups: [{ devices: ['fb1'], pools: [] }],
          customers: [{ id: 'acme', numbers: [], prefixes: [], domains: ['acme.example'] }],
        },
      },
    });
  });

  it('keeps an empty scope list, which narrows to nothing, rather than dropping it', () => {
    const result = principalFromClaims({ sub: 'u1', roles: ['engineer'], scopes: { deviceGroups: [] } });
    expect(result.ok && result.principal.scopes).toEqual({ deviceGroups: [] });
  });

  it('refuses oversized claims', () => {
    const many = Array.from({ length: 10_001 }, (_, i) => `+4420794${i}`);
    const result = principalFromClaims({
      sub: 'u1',
      roles: ['customer'],
      scopes: { customers: [{ id: 'x', numbers: many }] },
    });
    expect(result.ok || result.error.code).toBe('invalid-claims');
    const long = principalFromClaims({ sub: 'u'.repeat(257), roles: ['customer'] });
    expect(long.ok || long.error.code).toBe('invalid-claims');
  });
});
