import { describe, expect, it } from 'vitest';
import { ratesByDevice, ratesOverTime, type Rate } from './rate-series';

const minute = 60_000;
const t0 = Date.UTC(2026, 10, 24, 10, 0);
const rate = (minutes: number, device: string, status: number, count: number): Rate => ({
  bucketStartUs: (t0 + minutes * minute) * 1000,
  device,
  status,
  statusClass: Math.floor(status / 100),
  count,
});
const rates = [
  rate(0, 'cs-b', 200, 10),
  rate(0, 'cs-b', 486, 2),
  rate(0, 'cs-c', 403, 1),
  rate(2, 'cs-c', 200, 4),
  rate(2, 'cs-c', 503, 3),
];

describe('ratesOverTime', () => {
  it('stacks by class with every bucket present, quiet ones as zero', () => {
    expect(ratesOverTime(rates, minute)).toEqual({
      categories: [t0, t0 + minute, t0 + 2 * minute],
      series: [
        { name: '2xx', values: [10, 0, 4] },
        { name: '4xx', values: [3, 0, 0] },
        { name: '5xx', values: [0, 0, 3] },
      ],
    });
  });

  it('drills into one class by code', () => {
    expect(ratesOverTime(rates, minute, 4).series).toEqual([
      { name: '403', values: [1] },
      { name: '486', values: [2] },
    ]);
    expect(ratesOverTime([], minute)).toEqual({ categories: [], series: [] });
  });
});

describe('ratesByDevice', () => {
  it('puts the device with the most failures first', () => {
    const byDevice = ratesByDevice(rates, (id) => id.toUpperCase());
    expect(byDevice.categories).toEqual(['CS-C', 'CS-B']);
    expect(byDevice.series).toEqual([
      { name: '2xx', values: [4, 10] },
      { name: '4xx', values: [1, 2] },
      { name: '5xx', values: [3, 0] },
    ]);
  });
});
