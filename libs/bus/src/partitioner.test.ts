import { describe, expect, it } from 'vitest';
import { murmur2, partitionForKey } from './partitioner';

describe('murmur2 (Kafka default partitioner)', () => {
  // Reference values from the Java client's UtilsTest.testMurmur2.
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('hashes %s like the Java client', (key, expected) => {
    expect(murmur2(new TextEncoder().encode(key))).toBe(expected);
  });

  it('maps a key to a stable partition in range', () => {
    const p = partitionForKey('a84b4c76e66710@pc33.atlanta.com', 12);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThan(12);
    expect(partitionForKey('a84b4c76e66710@pc33.atlanta.com', 12)).toBe(p);
  });
});
