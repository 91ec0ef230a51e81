import { describe, expect, it } from 'vitest';
import { buildSearchCalls } from './search-calls.query';

const layout = { database: 'sipflow' };

describe('buildSearchCalls', () => {
  it('binds every user value as a parameter', () => {
    const hostile = "x') OR 1=1 --";
    const q = buildSearchCalls(layout, {
      limit: 50,
      device: hostile,
      finding: hostile,
      sipCallId: hostile,
      kind: hostile,
      outcome: hostile,
      number: '4416',
      numberMatch: 'prefix',
    });
    expect(q.query).not.toContain(hostile);
    expect(q.query).not.toContain('4416');
    expect(Object.values(q.params)).toEqual(expect.arrayContaining([hostile, 'n:4416']));
  });

  it('searches suffixes through the reversed-digit keys', () => {
    const q = buildSearchCalls(layout, { limit: 10, number: '+44 1632 960123', numberMatch: 'suffix' });
    expect(q.params.numberKey).toBe('r:321069236144');
    expect(q.query).toContain('startsWith(key, {numberKey:String})');
  });

  it('finds a full number typed in any form by the same exact keys', () => {
    const keys = (number: string) =>
      buildSearchCalls(layout, { limit: 10, number }, 'GB').params.numberKeys as string[] | undefined;
    for (const typed of ['01632 960123', '+44 1632 960123', '441632960123', '0044 (1632) 960-123'])
      expect(keys(typed)).toEqual(expect.arrayContaining(['n:441632960123', 'n:01632960123']));
    // The last digits are a suffix search.
    expect(buildSearchCalls(layout, { limit: 10, number: '960123' }, 'GB').params.numberKey).toBe('r:321069');
  });

  it('matches nothing for text that is not a number', () => {
    const q = buildSearchCalls(layout, { limit: 10, number: "1' OR '1'='1" }, 'GB');
    expect(q.query).toMatch(/AND 0\b/);
    expect(q.query).not.toContain("'1'='1");
  });

  it('caps the page size and keeps access constraints whatever the filter says', () => {
    const q = buildSearchCalls(layout, { limit: 1_000_000, allowed: { numbers: ['441632960123'] } });
    expect(q.params.limit).toBe(1000);
    expect(q.query).toContain('hasAny(numbers, {allowedNumbers:Array(String)})');
  });

  it('denies everything to a principal whose constraints name nothing', () => {
    const q = buildSearchCalls(layout, { limit: 10, allowed: {} });
    expect(q.query).toMatch(/AND 0\b/);
  });

  it('pages with a keyset cursor in the sort order', () => {
    const q = buildSearchCalls(layout, { limit: 10, after: { start: 1_000_000, callId: 'abc' }, order: 'oldest' });
    expect(q.query).toContain('(start, call_id) > ({afterStart:DateTime64(6)}, {afterId:String})');
    expect(q.query).toContain('ORDER BY start ASC, call_id ASC');
  });

  it('ANDs device/pool constraints with party (number, prefix, domain) constraints, all bound', () => {
    const q = buildSearchCalls(layout, {
      limit: 10,
      allowed: {
        numbers: ['441632960123'],
        domains: ["acme.example' OR 1=1"],
        devices: ['cs-b'],
        pools: ['recorders'],
      },
    });
    expect(q.query).toMatch(
      /\(hasAny\(numbers, \{allowedNumbers:Array\(String\)\}\) OR arrayExists\(h -> .*allowedDomains.*\)\) AND \(hasAny\(devices, \{allowedDevices:Array\(String\)\}\) OR hasAny\(.*allowedPools/s,
    );
    expect(q.query).not.toContain('acme.example');
    expect(q.params).toMatchObject({ allowedDomains: ["acme.example' OR 1=1"], allowedPools: ['recorders'] });
  });
});
