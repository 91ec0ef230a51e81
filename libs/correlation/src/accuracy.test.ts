import { copyOf, seedCallCopies, seedCallDevices } from '@sipflow/testing';
import { describe, expect, it } from 'vitest';
import { correlate } from './engine/correlator';

// Precision under load: many copies of the seed call (samples/seed-call) running at the same time
// through the same call servers, recorders and gateways. Nothing in the SIP links a B2BUA's legs,
// so any cross-linking between concurrent calls would show here.
describe('concurrent seed calls through the same devices', () => {
  it.each([
    ['distinct callers, 40 calls 50 ms apart', 40, 50_000, true],
    ['the same caller and number, 20 calls 300 ms apart', 20, 300_000, false],
  ])('%s: every call comes out whole and alone', (_name, n, spacingUs, distinctNumbers) => {
    const records = seedCallCopies(n, { startAtUs: Date.UTC(2026, 10, 20, 9) * 1000, spacingUs, distinctNumbers });
    const { calls, rejected } = correlate(records, {}, seedCallDevices());
    expect(rejected).toEqual([]);
    const grouping = calls.map((c) => [...new Set(c.sipCallIds.map(copyOf))]);
    expect(grouping.filter((copies) => copies.length > 1)).toEqual([]);
    expect(calls.map((c) => c.legs.length)).toEqual(Array(n).fill(8));
  });
});
