export interface BackoffOptions {
  /** First ceiling, ms. */
  readonly baseMs: number;
  /** Highest ceiling, ms. */
  readonly maxMs: number;
}

/**
 * Exponential backoff with full jitter (a uniform draw in [0, min(max, base · 2^attempt)]), so that many
 * clients cut off by one outage do not come back in step. A server's Retry-After is a floor.
 */
export function backoffDelay(
  options: BackoffOptions,
  attempt: number,
  random: () => number,
  retryAfterMs?: number,
): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(attempt, 30));
  const jittered = Math.floor(random() * ceiling);
  return retryAfterMs === undefined ? jittered : Math.max(retryAfterMs, jittered);
}
