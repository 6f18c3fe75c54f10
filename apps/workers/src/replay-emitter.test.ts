import {
  type EventStore,
  InfraError,
  partitionName,
  type WarehouseKey,
  type WarehouseRow,
} from '@tidemark/core';
import { createMemoryEventLog } from '@tidemark/core/testing';
import { createLogger } from '@tidemark/runtime';
import { describe, expect, test } from 'vitest';
import { createFailpoints } from './failpoints.ts';
import { type Emission, type EmissionCounters, emitPartitions } from './replay-emitter.ts';

const keys: WarehouseKey[] = [0, 1, 2].map((shard) => ({ tenant: 'acme', day: '2026-03-01', shard }));
const rowsOf = (key: WarehouseKey, count: number): WarehouseRow[] =>
  Array.from({ length: count }, (_, i) => ({
    key,
    id: `${key.shard}-${i}`,
    name: i % 2 === 0 ? 'keep' : 'skip',
    eventTime: i,
    receivedAt: i,
    payload: new Uint8Array([key.shard, i]),
    source: { partition: 0, offset: String(i) },
  }));

/** A warehouse whose partitions page `size` rows at a time; `failScans` scans fail first. */
function fakeWarehouse(rows: Map<string, WarehouseRow[]>, failScans = 0): EventStore {
  let failures = failScans;
  return {
    async canonicalSources() {
      return new Map();
    },
    async insert() {},
    async fixShards(configured) {
      return configured;
    },
    async scan(key, page) {
      if (failures-- > 0) throw new InfraError('CASSANDRA_UNAVAILABLE', 'down', { retriable: true });
      const all = rows.get(partitionName(key)) ?? [];
      const start = Number(page.after ?? 0);
      const end = start + page.size;
      return { rows: all.slice(start, end), ...(end < all.length ? { next: String(end) } : {}) };
    },
  };
}

function setup(options: { failScans?: number } = {}) {
  const rows = new Map(keys.map((key) => [partitionName(key), rowsOf(key, 25)]));
  const eventLog = createMemoryEventLog();
  const checkpoints: { partition: string; emitted: number; logged: number }[] = [];
  const deps = {
    warehouse: fakeWarehouse(rows, options.failScans),
    eventLog,
    topic: 'replay',
    failpoints: createFailpoints(undefined),
    logger: createLogger('test', 'silent'),
    pageSize: 10,
    appendSize: 100,
    partitionsInParallel: 2,
    backoff: { initialMs: 1, maxMs: 2 },
  };
  const emission = (overrides: Partial<Emission> = {}): Emission => ({
    partitions: keys,
    finished: new Set(),
    accepts: (row) => row.name === 'keep',
    recordOf: (row) => ({ key: row.id, value: row.payload }),
    retryAppends: true,
    checkpoint: async (key, emitted) => {
      checkpoints.push({ partition: partitionName(key), emitted, logged: eventLog.records('replay').length });
    },
    signal: new AbortController().signal,
    ...overrides,
  });
  const counters = (): EmissionCounters => ({ emitted: 0, finishedPartitions: 0, emittedFromFinished: 0 });
  return { deps, emission, counters, eventLog, checkpoints };
}

const keptIds = (shard: number) =>
  rowsOf(keys[shard] as WarehouseKey, 25)
    .filter((row) => row.name === 'keep')
    .map((row) => row.id);

describe('emitPartitions', () => {
  test('emits the accepted rows of every unfinished partition and checkpoints each after its appends', async () => {
    const { deps, emission, counters, eventLog, checkpoints } = setup({ failScans: 2 });
    const count = counters();
    const finished = new Set([partitionName(keys[1] as WarehouseKey)]);
    expect(await emitPartitions(deps, emission({ finished }), count)).toBe(true);

    const emitted = eventLog.records('replay').map((record) => record.key);
    expect(emitted.sort()).toEqual([...keptIds(0), ...keptIds(2)].sort());
    expect(count).toEqual({ emitted: 26, finishedPartitions: 2, emittedFromFinished: 26 });
    expect(checkpoints.map((c) => [c.partition, c.emitted]).sort()).toEqual([
      ['2026-03-01/0', 13],
      ['2026-03-01/2', 13],
    ]);
    // Each checkpoint comes after the partition's own records were appended.
    for (const checkpoint of checkpoints) {
      const shard = Number(checkpoint.partition.split('/')[1]);
      const before = eventLog
        .records('replay')
        .slice(0, checkpoint.logged)
        .map((record) => record.key);
      expect(before).toEqual(expect.arrayContaining(keptIds(shard)));
    }
  });

  test('a failed append is retried for a republish and ends a rebuild run', async () => {
    const republish = setup();
    republish.eventLog.down = true;
    setTimeout(() => {
      republish.eventLog.down = false;
    }, 20);
    expect(await emitPartitions(republish.deps, republish.emission(), republish.counters())).toBe(true);
    expect(republish.eventLog.records('replay')).toHaveLength(39);

    const rebuild = setup();
    rebuild.eventLog.down = true;
    await expect(
      emitPartitions(rebuild.deps, rebuild.emission({ retryAppends: false }), rebuild.counters()),
    ).rejects.toMatchObject({ code: 'KAFKA_UNAVAILABLE' });
    expect(rebuild.checkpoints).toEqual([]);
  });

  test('an abort stops emission without checkpointing the partitions in progress', async () => {
    const { deps, emission, counters, eventLog, checkpoints } = setup();
    const control = new AbortController();
    let appends = 0;
    const append = eventLog.append;
    eventLog.append = async (topic, records) => {
      await append(topic, records);
      if (++appends === 2) control.abort();
    };
    const count = counters();
    expect(await emitPartitions(deps, emission({ signal: control.signal }), count)).toBe(false);
    expect(checkpoints).toEqual([]);
    expect(count.finishedPartitions).toBe(0);
    expect(count.emitted).toBe(eventLog.records('replay').length);
  });

  test('appends carry at most appendSize records, whatever the page size', async () => {
    const { deps, emission, counters, eventLog } = setup();
    const sizes: number[] = [];
    const append = eventLog.append;
    eventLog.append = async (topic, records) => {
      sizes.push(records.length);
      await append(topic, records);
    };
    expect(await emitPartitions({ ...deps, pageSize: 25, appendSize: 4 }, emission(), counters())).toBe(true);
    expect(eventLog.records('replay')).toHaveLength(39);
    expect(Math.max(...sizes)).toBe(4);
  });

  test('a rate limit paces appends of at most a tenth of a second of events', async () => {
    const { deps, emission, counters, eventLog } = setup();
    const sizes: number[] = [];
    const append = eventLog.append;
    eventLog.append = async (topic, records) => {
      sizes.push(records.length);
      await append(topic, records);
    };
    const started = performance.now();
    expect(await emitPartitions({ ...deps, pageSize: 100 }, emission({ rateLimit: 50 }), counters())).toBe(
      true,
    );
    const seconds = (performance.now() - started) / 1000;
    expect(eventLog.records('replay')).toHaveLength(39);
    expect(Math.max(...sizes)).toBe(5);
    // The first 5 leave at once, the other 34 at 50/s.
    expect(seconds).toBeGreaterThanOrEqual(0.65);
    expect(seconds).toBeLessThan(1.2);
  });
});
