import { describe, expect, it } from 'vitest';
import { DependencyUnavailableError } from './errors';
import { retryOnDependencyUnavailable } from './retry';

describe('retryOnDependencyUnavailable', () => {
  const noSleep = async () => {};

  it('retries an outage with doubling, capped delays until it succeeds', async () => {
    const delays: number[] = [];
    let calls = 0;
    const result = await retryOnDependencyUnavailable(
      async () => {
        if (++calls < 6) throw new DependencyUnavailableError('kafka', 'broker down');
        return 'done';
      },
      { initialDelayMs: 100, maxDelayMs: 500, sleep: noSleep, onRetry: (_e, _a, d) => delays.push(d) },
    );
    expect(result).toBe('done');
    expect(delays).toEqual([100, 200, 400, 500, 500]);
  });

  it('rethrows other errors at once: bad data is not an outage', async () => {
    let calls = 0;
    await expect(
      retryOnDependencyUnavailable(
        async () => {
          calls++;
          throw new TypeError('bug');
        },
        { sleep: noSleep },
      ),
    ).rejects.toThrow(TypeError);
    expect(calls).toBe(1);
  });

  it('gives up after maxAttempts with the last outage error', async () => {
    await expect(
      retryOnDependencyUnavailable(
        async () => {
          throw new DependencyUnavailableError('clickhouse', 'refused');
        },
        { maxAttempts: 3, sleep: noSleep },
      ),
    ).rejects.toThrow('clickhouse unavailable: refused');
  });
});
