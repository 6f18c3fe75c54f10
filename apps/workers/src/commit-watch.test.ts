import { describe, expect, test } from 'vitest';
import { createCommitWatch } from './commit-watch.ts';

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

describe('commit watch', () => {
  test('a wait ends once the group commits at or past the offset; one fetch serves every waiter', async () => {
    const committed = new Map<number, bigint>([[0, 5n]]);
    let fetches = 0;
    const watch = createCommitWatch({
      fetch: async () => {
        fetches += 1;
        return new Map(committed);
      },
      everyMs: 10,
    });
    const done: string[] = [];
    void watch.reached(0, 8n, 60_000).then(() => done.push('p0@8'));
    void watch.reached(0, 10n, 60_000).then(() => done.push('p0@10'));
    void watch.reached(1, 1n, 60_000).then(() => done.push('p1@1'));
    await tick(30);
    expect(done).toEqual([]);
    const before = fetches;
    committed.set(0, 8n);
    await tick(30);
    expect(done).toEqual(['p0@8']);
    expect(fetches - before).toBeLessThan(6); // polls are shared, about one per everyMs
    committed.set(0, 12n);
    committed.set(1, 1n);
    await tick(30);
    expect(done.sort()).toEqual(['p0@10', 'p0@8', 'p1@1']);
    const settled = fetches;
    await tick(40);
    expect(fetches).toBe(settled); // nobody waits: no polling
  });

  test('a wait also ends at its deadline, when the group never commits or the fetch fails', async () => {
    const watch = createCommitWatch({
      fetch: () => Promise.reject(new Error('coordinator not available')),
      everyMs: 5,
    });
    const started = performance.now();
    await watch.reached(3, 100n, 50);
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
  });
});
