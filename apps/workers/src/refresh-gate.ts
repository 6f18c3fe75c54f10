import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Shares refreshes among many waiters. `after(keys)` resolves once a refresh that started after the call has
 * covered those keys. One refresh runs at a time and starts at least `minGapMs` after the previous one, so a
 * busy caller costs a few refreshes a second however many batches ask.
 */
export function createRefreshGate<K>(options: {
  readonly refresh: (keys: K[]) => Promise<void>;
  readonly idOf: (key: K) => string;
  readonly minGapMs: number;
}): { after(keys: readonly K[]): Promise<void> } {
  let pending = new Map<string, K>();
  let waiters: { resolve(): void; reject(error: unknown): void }[] = [];
  let running = false;
  let lastStart = Number.NEGATIVE_INFINITY;

  async function pump(): Promise<void> {
    if (running || waiters.length === 0) return;
    running = true;
    try {
      const gap = lastStart + options.minGapMs - performance.now();
      if (gap > 0) await sleep(gap);
      // Whoever asked before this point is served by this refresh; later callers wait for the next.
      const keys = [...pending.values()];
      const served = waiters;
      pending = new Map();
      waiters = [];
      lastStart = performance.now();
      try {
        await options.refresh(keys);
        for (const waiter of served) waiter.resolve();
      } catch (error) {
        for (const waiter of served) waiter.reject(error);
      }
    } finally {
      running = false;
      void pump();
    }
  }

  return {
    after(keys) {
      for (const key of keys) pending.set(options.idOf(key), key);
      return new Promise<void>((resolve, reject) => {
        waiters.push({ resolve, reject });
        void pump();
      });
    },
  };
}
