import { describe, expect, it } from 'vitest';
import { ACTIONS, type Action, type Principal, type Role, ROLES, callReach, can, isRole, permissionsOf } from './index';

const as = (...roles: string[]): Principal => ({ subject: 'u1', roles: roles as Role[], scopes: {} });

describe('can', () => {
  // The matrix of libs/auth/README.md, row by row: changing the policy means changing this table.
  const matrix: Record<Action, Record<Role, boolean>> = {
    'calls:search': { admin: true, engineer: true, support: true, customer: true },
    'calls:read': { admin: true, engineer: true, support: true, customer: true },
    'messages:read': { admin: true, engineer: true, support: true, customer: true },
    'messages:read-secrets': { admin: true, engineer: true, support: false, customer: false },
    'stats:read': { admin: true, engineer: true, support: true, customer: false },
    'live:watch': { admin: true, engineer: true, support: true, customer: false },
    'calls:correct': { admin: true, engineer: true, support: false, customer: false },
    'audit:read': { admin: true, engineer: false, support: false, customer: false },
    'admin:users': { admin: true, engineer: false, support: false, customer: false },
    'admin:devices': { admin: true, engineer: false, support: false, customer: false },
    'admin:retention': { admin: true, engineer: false, support: false, customer: false },
  };

  it('covers every action and role', () => {
    expect(Object.keys(matrix).sort()).toEqual([...ACTIONS].sort());
    for (const row of Object.values(matrix)) expect(Object.keys(row).sort()).toEqual([...ROLES].sort());
  });

  for (const action of ACTIONS) {
    for (const role of ROLES) {
      it(`${role} ${matrix[action][role] ? 'may' : 'may not'} ${action}`, () => {
        expect(can(as(role), action)).toBe(matrix[action][role]);
      });
    }
  }

  it('grants the union of several roles', () => {
    expect(can(as('customer', 'support'), 'live:watch')).toBe(true);
    expect(can(as('customer', 'support'), 'messages:read-secrets')).toBe(false);
  });

  it('denies by default: no roles, unknown roles, look-alikes and prototype keys grant nothing', () => {
    for (const roles of [
      [],
      ['Admin'],
      ['ADMIN'],
      [' admin'],
      ['root'],
      ['__proto__'],
      ['constructor'],
      ['toString'],
      [''],
    ]) {
      for (const action of ACTIONS) expect(can(as(...roles), action)).toBe(false);
    }
    expect(permissionsOf('hasOwnProperty')).toEqual([]);
    expect(isRole('admin')).toBe(true);
    expect(isRole('valueOf')).toBe(false);
  });
});

describe('callReach', () => {
  it('is all for staff, own for customers, none without calls:read', () => {
    expect(callReach(as('support'))).toBe('all');
    expect(callReach(as('customer'))).toBe('own');
    expect(callReach(as('customer', 'engineer'))).toBe('all');
    expect(callReach(as('nobody'))).toBe('none');
  });
});
