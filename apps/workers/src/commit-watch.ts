import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Watches another consumer group's committed offsets, so a role can wait for it to pass an offset at the cost
 * of one offset fetch per poll for all waiters, instead of reading the rows it wrote again and again. Polls
 * only while someone waits; each wait also ends at its own deadline, so a group that never commits (or a
 * failing fetch) costs a caller no more than the time it gave.
 */
export function createCommitWatch(options: {
  /** The group's committed offsets, by partition (the next offset it will read). */
  readonly fetch: () => Promise<Map<number, bigint>>;
  readonly everyMs: number;
}): { reached(partition: number, offset: bigint, timeoutMs: number): Promise<void> } {
  const waiters = new Set<{ partition: number; offset: bigint; done(): void }>();
  let polling = false;

  async function poll(): Promise<void> {
    if (polling) return;
    polling = true;
    try {
      while (waiters.size > 0) {
        const committed = await options.fetch().catch(() => new Map<number, bigint>());
        for (const waiter of waiters)
          if ((committed.get(waiter.partition) ?? -1n) >= waiter.offset) waiter.done();
        if (waiters.size > 0) await sleep(options.everyMs);
      }
    } finally {
      polling = false;
    }
  }

  return {
    reached(partition, offset, timeoutMs) {
      return new Promise<void>((resolve) => {
        const waiter = {
          partition,
          offset,
          done() {
            clearTimeout(timer);
            waiters.delete(waiter);
            resolve();
          },
        };
        const timer = setTimeout(() => waiter.done(), timeoutMs);
        waiters.add(waiter);
        void poll();
      });
    },
  };
}
