export interface RateLimit {
  /** Sustained events per second. */
  readonly ratePerSecond: number;
  /** How many events may arrive at once after a quiet period. */
  readonly burst: number;
}

export type RateDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterMs: number };

/**
 * Token buckets by key (an ingest token, or a token and a client IP for browser traffic). Buckets idle
 * long enough to be full again are forgotten, so memory follows the active keys only.
 */
export function createRateLimiter(
  limit: RateLimit,
  clock: () => number,
): {
  take(key: string, cost: number): RateDecision;
  readonly size: number;
} {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refillMs = (limit.burst / limit.ratePerSecond) * 1000;
  let lastSweep = clock();

  const sweep = (now: number) => {
    if (now - lastSweep < refillMs) return;
    lastSweep = now;
    for (const [key, bucket] of buckets) if (now - bucket.at >= refillMs) buckets.delete(key);
  };

  return {
    take(key, cost) {
      const now = clock();
      sweep(now);
      const bucket = buckets.get(key) ?? { tokens: limit.burst, at: now };
      const tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * limit.ratePerSecond);
      if (cost > tokens) {
        buckets.set(key, { tokens, at: now });
        const missing = Math.min(cost, limit.burst) - tokens;
        return {
          allowed: false,
          retryAfterMs: Math.max(1, Math.ceil((missing / limit.ratePerSecond) * 1000)),
        };
      }
      buckets.set(key, { tokens: tokens - cost, at: now });
      return { allowed: true };
    },
    get size() {
      return buckets.size;
    },
  };
}
