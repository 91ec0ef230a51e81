export interface PollOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Describes what was awaited, for the timeout message. */
  what?: string;
}

/**
 * Re-evaluates `probe` until it returns a value other than undefined/false, or fails with the
 * last value seen. For integration tests waiting on real servers; unit tests never sleep.
 */
export async function pollUntil<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  { timeoutMs = 30_000, intervalMs = 100, what = 'condition' }: PollOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${String(last)}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
