import { describe, expect, it } from 'vitest';
import { type Principal, type SearchFilter, constrainSearch, searchConstraints } from './index';

const options = { plan: { countryCode: '44' } };
const customer: Principal = {
  subject: 'c1',
  roles: ['customer'],
  scopes: { customers: [{ id: 'acme', numbers: ['+442079460000'], prefixes: [], domains: ['acme.example'] }] },
};

describe('constrainSearch', () => {
  it("normalises the user's filter and keeps the principal's constraints as they are", () => {
    const result = constrainSearch(
      customer,
      { number: '020 7946 0000', domain: 'PBX.Acme.Example', device: ' fb1 ' },
      options,
    );
    expect(result).toEqual({
      ok: true,
      filter: { number: '442079460000', domain: 'pbx.acme.example', device: 'fb1' },
      constraints: searchConstraints(customer, options),
    });
  });

  it('treats empty fields as "any", never as a match-all pattern', () => {
    const result = constrainSearch(customer, { number: '', domain: '  ' }, options);
    expect(result).toEqual({ ok: true, filter: {}, constraints: searchConstraints(customer, options) });
  });

  it('refuses wildcards and tricks instead of passing them to the store', () => {
    const crafted: SearchFilter[] = [
      { number: '%' },
      { number: '*' },
      { number: '4420%' },
      { numberPrefix: '_' },
      { number: "' OR 1=1 --" },
      { number: '٤٤٢٠' },
      { number: '9'.repeat(64) },
      { domain: '*.example' },
      { domain: '%' },
      { device: 'fb1\u0000' },
      { pool: 'x'.repeat(1000) },
    ];
    for (const filter of crafted) {
      const result = constrainSearch(customer, filter, options);
      expect(result.ok, JSON.stringify(filter).slice(0, 40)).toBe(false);
      if (!result.ok) expect(result.reason).toBe('invalid-filter');
    }
  });

  it('cannot widen: whatever the filter, the constraints are those of the principal', () => {
    const filters: SearchFilter[] = [
      {},
      { number: '+15550100' },
      { domain: 'other.example' },
      { numberPrefix: '1' },
      { device: 'any' },
    ];
    for (const filter of filters) {
      const result = constrainSearch(customer, filter, options);
      expect(result.ok && result.constraints).toEqual(searchConstraints(customer, options));
    }
  });

  it('refuses principals that may not search', () => {
    expect(constrainSearch({ subject: 'x', roles: [], scopes: {} }, {}, options)).toEqual({
      ok: false,
      reason: 'not-allowed',
    });
  });
});
