/**
 * Per-user token bucket: `perMinute` calls a minute on average, bursts up to the same number.
 * In memory, per API process: a limit against a runaway script or a scraping account, not a quota.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  take(subject: string): boolean {
    const now = this.now();
    const bucket = this.buckets.get(subject) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + ((now - bucket.at) * this.perMinute) / 60_000);
    bucket.at = now;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.buckets.set(subject, bucket);
    if (this.buckets.size > 100_000) this.buckets.clear();
    return allowed;
  }
}
