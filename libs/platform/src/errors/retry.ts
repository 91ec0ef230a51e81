import { DependencyUnavailableError } from './errors';

export interface RetryOptions {
  /** First delay; doubles per attempt up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Give up after this many attempts (default: never, i.e. keep applying back-pressure). */
  maxAttempts?: number;
  signal?: AbortSignal;
  onRetry?: (error: DependencyUnavailableError, attempt: number, delayMs: number) => void;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

/**
 * Runs `fn` again, with capped exponential back-off, for as long as it fails with
 * DependencyUnavailableError (an outage is not bad data: wait, don't drop, don't commit).
 * Any other error is rethrown at once.
 */
export async function retryOnDependencyUnavailable<T>(fn: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { initialDelayMs = 100, maxDelayMs = 10_000, maxAttempts = Infinity, signal, onRetry } = options;
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!(error instanceof DependencyUnavailableError) || attempt >= maxAttempts) throw error;
      const delayMs = Math.min(maxDelayMs, initialDelayMs * 2 ** (attempt - 1));
      onRetry?.(error, attempt, delayMs);
      await sleep(delayMs, signal);
    }
  }
}
