import { describe, expect, it } from 'vitest';
import {
  type CallFacts,
  type CustomerScope,
  type Principal,
  type Role,
  type Scopes,
  canSeeCall,
  matchesConstraints,
  searchConstraints,
} from './index';

const options = { plan: { countryCode: '44' } };
const acme: CustomerScope = {
  id: 'acme',
  numbers: ['+44 20 7946 0000', '01632 960123'],
  prefixes: ['+44 161 496 05'],
  domains: ['acme.example', '203.0.113.5'],
};
const principal = (roles: Role[], scopes: Scopes = {}): Principal => ({ subject: 'u1', roles, scopes });
const customer = principal(['customer'], { customers: [acme] });
const facts = (over: Partial<CallFacts>): CallFacts => ({ numbers: [], domains: [], devices: [], pools: [], ...over });
const strangers = facts({
  numbers: ['+15550100', '07700900123'],
  domains: ['other.example'],
  devices: ['fb1'],
  pools: ['core'],
});

describe('canSeeCall', () => {
  it('lets staff see every call and nobody without a role see any', () => {
    for (const role of ['admin', 'engineer', 'support'] as const)
      expect(canSeeCall(principal([role]), strangers, options)).toBe(true);
    expect(canSeeCall(principal([]), strangers, options)).toBe(false);
    expect(canSeeCall(principal(['intern' as Role]), strangers, options)).toBe(false);
  });

  it("shows a customer calls touching their numbers, in any written form, but not others'", () => {
    for (const number of ['+442079460000', '020 7946 0000', '0044 20 7946 0000', '442079460000', '+44 1632 960123']) {
      expect(canSeeCall(customer, facts({ numbers: ['+15550100', number] }), options), number).toBe(true);
    }
    expect(canSeeCall(customer, strangers, options)).toBe(false);
  });

  it('matches number prefixes and domains with their subdomains, case-insensitively', () => {
    expect(canSeeCall(customer, facts({ numbers: ['0161 496 0599'] }), options)).toBe(true);
    expect(canSeeCall(customer, facts({ numbers: ['0161 496 0699'] }), options)).toBe(false);
    expect(canSeeCall(customer, facts({ domains: ['ACME.example'] }), options)).toBe(true);
    expect(canSeeCall(customer, facts({ domains: ['pbx.acme.example.'] }), options)).toBe(true);
    expect(canSeeCall(customer, facts({ domains: ['notacme.example', 'acme.example.evil'] }), options)).toBe(false);
    expect(canSeeCall(customer, facts({ domains: ['203.0.113.5'] }), options)).toBe(true);
    expect(canSeeCall(customer, facts({ domains: ['pbx.acme.example:5061', '[2001:db8::1]:5060'] }), options)).toBe(
      true,
    );
    expect(canSeeCall(customer, facts({ domains: ['1.203.0.113.5'] }), options)).toBe(false);
  });

  it('shows a customer without a customer record nothing', () => {
    expect(canSeeCall(principal(['customer']), facts({ numbers: ['+442079460000'] }), options)).toBe(false);
    expect(canSeeCall(principal(['customer'], { customers: [] }), facts({ numbers: ['+442079460000'] }), options)).toBe(
      false,
    );
  });

  it('narrows any role by device groups and by customers, both at once when both are given', () => {
    const groups = { deviceGroups: [{ name: 'north', devices: ['fb1'], pools: ['edge'] }] };
    const scopedSupport = principal(['support'], groups);
    expect(canSeeCall(scopedSupport, facts({ devices: ['fb1'] }), options)).toBe(true);
    expect(canSeeCall(scopedSupport, facts({ devices: ['fb2'], pools: ['edge'] }), options)).toBe(true);
    expect(canSeeCall(scopedSupport, facts({ devices: ['fb2'], pools: ['core'] }), options)).toBe(false);
    expect(canSeeCall(principal(['engineer'], { deviceGroups: [] }), strangers, options)).toBe(false);

    const both = principal(['support'], { ...groups, customers: [acme] });
    expect(canSeeCall(both, facts({ devices: ['fb1'], numbers: ['02079460000'] }), options)).toBe(true);
    expect(canSeeCall(both, facts({ devices: ['fb2'], numbers: ['02079460000'] }), options)).toBe(false);
    expect(canSeeCall(both, facts({ devices: ['fb1'], numbers: ['+15550100'] }), options)).toBe(false);
  });

  it('is never widened by crafted call facts', () => {
    const crafted = [
      '',
      ' ',
      '%',
      '*',
      '_',
      '4420%',
      '%4420794600%',
      '442079460000*',
      '0',
      '+0',
      '+44',
      '44',
      '0442079460000', // national form of +44 44 20…, not +44 20…
      '+440207946000',
      '٤٤٢٠٧٩٤٦٠٠٠٠',
      '４４２０７９４６００００',
      '4420794600001', // longer than the customer's exact number
      '44207946000012345', // longer than E.164
      '9'.repeat(100_000),
      'acme.example',
      'sip:+442079460000@x', // a URI is not a number
    ];
    for (const value of crafted) {
      expect(canSeeCall(customer, facts({ numbers: [value] }), options), `number ${value.slice(0, 24)}`).toBe(false);
    }
    for (const domain of [
      '',
      '*',
      '%',
      '*.example',
      '%acme.example',
      'acme.example%',
      'example',
      'xample',
      'cme.example',
      '.acme.example.',
      'аcme.example',
      'acme.example\u0000',
      'a'.repeat(100_000),
    ]) {
      expect(canSeeCall(customer, facts({ domains: [domain] }), options), `domain ${domain.slice(0, 24)}`).toBe(false);
    }
  });

  it('ignores customer entries that would widen a customer: wildcards, short prefixes, bare TLDs', () => {
    const sloppy = principal(['customer'], {
      customers: [{ id: 'x', numbers: ['*', '%', ''], prefixes: ['44', '+44 20', '0'], domains: ['*', 'com', '%'] }],
    });
    expect(searchConstraints(sloppy, options)).toEqual({
      kind: 'restricted',
      parties: { numbers: [], numberPrefixes: [], domains: ['com'] },
    });
    expect(canSeeCall(sloppy, facts({ numbers: ['+442079460000'], domains: ['acme.com'] }), options)).toBe(false);
    expect(
      canSeeCall(
        principal(['customer'], { customers: [{ id: 'y', numbers: ['%'], prefixes: [], domains: [] }] }),
        strangers,
        options,
      ),
    ).toBe(false);
  });
});

describe('searchConstraints', () => {
  it('gives lists a query binds, in the form the number index holds', () => {
    expect(searchConstraints(customer, options)).toEqual({
      kind: 'restricted',
      parties: {
        numbers: ['442079460000', '441632960123'],
        numberPrefixes: ['4416149605'],
        domains: ['acme.example', '203.0.113.5'],
      },
    });
    expect(
      searchConstraints(
        principal(['support'], { deviceGroups: [{ devices: ['fb1', ' ', 'fb1'], pools: [] }] }),
        options,
      ),
    ).toEqual({
      kind: 'restricted',
      devices: { deviceIds: ['fb1'], pools: [] },
    });
    expect(searchConstraints(principal(['engineer']), options)).toEqual({ kind: 'all' });
    expect(searchConstraints(principal(['admin'], { deviceGroups: [] }), options)).toEqual({ kind: 'none' });
  });

  it('decides exactly as canSeeCall does', () => {
    const principals = [
      customer,
      principal(['support'], { deviceGroups: [{ devices: ['fb1'], pools: [] }] }),
      principal(['admin']),
    ];
    const calls = [
      strangers,
      facts({ numbers: ['02079460000'] }),
      facts({ devices: ['fb1'] }),
      facts({ domains: ['x.acme.example'] }),
    ];
    for (const p of principals) {
      for (const call of calls) {
        expect(matchesConstraints(searchConstraints(p, options), call, options)).toBe(canSeeCall(p, call, options));
      }
    }
  });
});
