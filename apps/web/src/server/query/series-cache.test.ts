import type { PartialDoc, SeriesCell, SeriesRead } from '@tidemark/core';
import { createMemorySeriesStore } from '@tidemark/core/testing';
import { describe, expect, test } from 'vitest';
import { createSeriesCache } from './series-cache.ts';

const minute = 60_000;
const hour = 3_600_000;
const day = 86_400_000;
const now = 100 * day + 10 * hour + 30 * minute; // 10:30 on day 100

/** A memory store with one event per group in every 7th minute of two days, and a log of its reads. */
function fixture(options: { maxBytes?: number; ttlMs?: number } = {}) {
  const store = createMemorySeriesStore();
  let offset = 0;
  const add = (bucket: number, group: string, count: number) => {
    offset += 1;
    const key = { tenant: 'acme', view: 'v', generation: 1, bucket, group, topic: 't', partition: 0 };
    const doc: PartialDoc = {
      key,
      partial: { count, values: count, sum: count * 2, min: 1, max: 3 },
      version: BigInt(offset),
      dirty: true,
    };
    return store.write([doc]);
  };
  for (let bucket = now - 2 * day; bucket < now; bucket += 7 * minute)
    for (const group of ['["a"]', '["b"]']) void add(bucket, group, 1);
  const reads: SeriesRead[] = [];
  const clock = { now };
  let gate: Promise<void> | undefined;
  const cache = createSeriesCache(
    {
      async read(request) {
        reads.push(request);
        await gate;
        return store.read(request);
      },
    },
    { clock: () => clock.now, maxBytes: options.maxBytes ?? 2 ** 20, ttlMs: options.ttlMs ?? 5 * minute },
  );
  return {
    store,
    cache,
    reads,
    clock,
    add,
    hold() {
      let release = () => {};
      gate = new Promise((resolve) => {
        release = resolve;
      });
      return () => {
        gate = undefined;
        release();
      };
    },
  };
}

const request = (from: number, to: number, intervalMs: number, sketches = false): SeriesRead => ({
  tenant: 'acme',
  view: 'v',
  generation: 1,
  from,
  to,
  intervalMs,
  sketches,
});
const dayAtMinute = request(now - day, now + minute, minute);
const sorted = (cells: SeriesCell[]) =>
  [...cells].sort((a, b) => a.bucket - b.bucket || (a.group < b.group ? -1 : 1));
const ranges = (reads: SeriesRead[]) => reads.map((r) => [(r.from - now) / minute, (r.to - now) / minute]);

describe('series cache', () => {
  test('reads straight through until it follows the updates', async () => {
    const { cache, store, reads } = fixture();
    expect(sorted(await cache.read(dayAtMinute))).toEqual(sorted(await store.read(dayAtMinute)));
    await cache.read(dayAtMinute);
    expect(reads).toEqual([dayAtMinute, dayAtMinute]);
  });

  test('answers closed chunks from memory and reads the live edge every time, with the same cells', async () => {
    const { cache, store, reads } = fixture();
    cache.follow();
    const expected = sorted(await store.read(dayAtMinute));
    expect(sorted(await cache.read(dayAtMinute))).toEqual(expected);
    expect(reads).toHaveLength(1); // cold: one read, as without the cache
    expect(sorted(await cache.read(dayAtMinute))).toEqual(expected);
    // Warm: 10-minute chunks ending more than 5 minutes ago are closed; 10:20 onwards is read again.
    expect(ranges(reads.slice(1))).toEqual([[-10, 1]]);
    expect(cache.stats()).toMatchObject({ hits: 143, misses: 143 });
  });

  test('an update drops the chunks it names, so late events in old chunks show', async () => {
    const { cache, store, reads, add } = fixture();
    cache.follow();
    await cache.read(dayAtMinute);
    const late = now - 5 * hour - 17 * minute; // 05:13, in the chunk of 05:10
    await add(late, '["c"]', 4);
    cache.invalidate({ tenant: 'acme', view: 'v', generation: 1, buckets: [late], at: now });
    const cells = await cache.read(dayAtMinute);
    expect(sorted(cells)).toEqual(sorted(await store.read(dayAtMinute)));
    expect(cells.find((cell) => cell.group === '["c"]')?.partial.count).toBe(4);
    expect(ranges(reads.slice(1))).toEqual([
      [-320, -310],
      [-10, 1],
    ]);
  });

  test('a chunk named by an update while a read of it runs is not cached from that read', async () => {
    const { cache, reads, hold, add } = fixture();
    cache.follow();
    const release = hold();
    const reading = cache.read(dayAtMinute);
    const late = now - 3 * hour; // 07:30
    await add(late, '["c"]', 1);
    cache.invalidate({ tenant: 'acme', view: 'v', generation: 1, buckets: [late], at: now });
    release();
    await reading;
    reads.splice(0);
    await cache.read(dayAtMinute);
    expect(ranges(reads.splice(0))).toEqual([
      [-180, -170],
      [-10, 1],
    ]);
    await cache.read(dayAtMinute);
    expect(ranges(reads)).toEqual([[-10, 1]]);
  });

  test('updates of other views, generations or tenants leave the cache alone', async () => {
    const { cache, reads } = fixture();
    cache.follow();
    await cache.read(dayAtMinute);
    const bucket = now - 5 * hour;
    for (const other of [
      { tenant: 'other', view: 'v', generation: 1 },
      { tenant: 'acme', view: 'w', generation: 1 },
      { tenant: 'acme', view: 'v', generation: 2 },
    ])
      cache.invalidate({ ...other, buckets: [bucket], at: now });
    await cache.read(dayAtMinute);
    expect(ranges(reads.slice(1))).toEqual([[-10, 1]]);
  });

  test('losing the updates drops everything and reads straight through until it follows again', async () => {
    const { cache, reads } = fixture();
    cache.follow();
    await cache.read(dayAtMinute);
    cache.lose();
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0, following: false });
    await cache.read(dayAtMinute);
    expect(reads.at(-1)).toEqual(dayAtMinute);
    cache.follow();
    await cache.read(dayAtMinute);
    await cache.read(dayAtMinute);
    expect(ranges(reads.slice(-1))).toEqual([[-10, 1]]);
  });

  test('a read in flight when the updates are lost caches nothing', async () => {
    const { cache, hold } = fixture();
    cache.follow();
    const release = hold();
    const reading = cache.read(dayAtMinute);
    cache.lose();
    cache.follow();
    release();
    await reading;
    expect(cache.stats().entries).toBe(0);
  });

  test('days are merged from cached hours, equal to the store read at one day; an update drops those too', async () => {
    const { cache, store, reads } = fixture();
    cache.follow();
    const days = request(now - (now % day) - day, now - (now % day) + day, day);
    const expected = sorted(await store.read(days));
    expect(sorted(await cache.read(days))).toEqual(expected);
    expect(sorted(await cache.read(days))).toEqual(expected);
    expect(reads.map((r) => r.intervalMs)).toEqual([hour, hour]);
    expect(ranges(reads.slice(1))).toEqual([[-30, 24 * 60 - 10 * 60 - 30]]);
    const late = now - 20 * hour; // 14:30 the day before
    cache.invalidate({ tenant: 'acme', view: 'v', generation: 1, buckets: [late], at: now });
    await cache.read(days);
    expect(ranges(reads.slice(2))).toEqual([
      [-20 * 60 - 30, -19 * 60 - 30],
      [-30, 24 * 60 - 10 * 60 - 30],
    ]);
  });

  test('an expired hour is read again', async () => {
    const { cache, reads, clock } = fixture({ ttlMs: 10 * minute });
    cache.follow();
    const past = request(now - 6 * hour, now - 3 * hour, minute);
    await cache.read(past);
    await cache.read(past);
    clock.now += 11 * minute;
    await cache.read(past);
    expect(reads).toHaveLength(2);
  });

  test('sketch reads are kept apart from plain ones', async () => {
    const { cache, reads } = fixture();
    cache.follow();
    const past = request(now - 6 * hour, now - 3 * hour, minute);
    await cache.read(past);
    await cache.read({ ...past, sketches: true });
    await cache.read({ ...past, sketches: true });
    expect(reads.map((r) => r.sketches)).toEqual([false, true]);
  });

  test('memory stays within its bound, the least recently used chunks going first', async () => {
    const { cache } = fixture({ maxBytes: 8_000 });
    cache.follow();
    await cache.read(dayAtMinute);
    expect(cache.stats().bytes).toBeLessThanOrEqual(8_000);
    expect(cache.stats().entries).toBeGreaterThan(0);
  });
});
