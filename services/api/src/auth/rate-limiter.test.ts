import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows a burst of perMinute calls, then refills at perMinute a minute, per subject', () => {
    let now = 0;
    const limiter = new RateLimiter(3, () => now);
    expect([1, 2, 3, 4].map(() => limiter.take('alice'))).toEqual([true, true, true, false]);
    expect(limiter.take('bob')).toBe(true);
    now += 20_000; // one token back
    expect(limiter.take('alice')).toBe(true);
    expect(limiter.take('alice')).toBe(false);
  });
});
