import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { viewIndexName } from '../../domain/names.ts';
import {
  applyRecord,
  docKeysFor,
  emptyDoc,
  manifestGroup,
  type PartialDoc,
  type PartialKey,
  type ProjectedRecord,
  partialDocId,
  type ViewTarget,
} from '../../domain/projection.ts';
import type { SeriesCell } from '../../domain/series.ts';
import { otherGroup, type ViewDefinition } from '../../domain/view.ts';
import { emptyPartial, mergePartial, sketchesToJson, type ViewPartial } from '../../domain/view-partial.ts';
import { testEngineConfig, uniqueName } from '../../testing/engines.ts';
import { createOpenSearchClient } from './opensearch-client.ts';
import { createOpenSearchSeriesStore } from './opensearch-series-store.ts';
import { putViewIndexTemplate } from './opensearch-templates.ts';

const config = testEngineConfig();
const client = createOpenSearchClient(config.opensearch);
const prefix = uniqueName('test-series').toLowerCase();
const store = createOpenSearchSeriesStore(client, { prefix, refresh: 'wait_for' });
const t0 = Date.UTC(2026, 2, 1, 12, 0);
const minute = 60_000;
const live = 'tidemark.events';

const definition: ViewDefinition = {
  id: 'orders',
  title: 'Orders by plan',
  filter: { names: [], properties: {} },
  groupBy: ['plan'],
  metrics: ['count', 'sum', 'min', 'max', 'uniques', 'p90'],
  value: 'amount',
  groupCap: 3,
};
const definitionOf = () => definition;

function record(
  offset: number,
  partition: number,
  at: number,
  plan: string | undefined,
  amount?: number,
  user?: string,
): ProjectedRecord {
  return {
    topic: live,
    partition,
    offset: BigInt(offset),
    event: {
      id: `019c0000-0000-7000-8000-${String(offset).padStart(12, '0')}`,
      tenant: 'acme',
      name: 'order',
      timestamp: at,
      sentAt: at,
      receivedAt: at,
      ...(user ? { userId: user } : {}),
      properties: { ...(plan ? { plan } : {}), ...(amount !== undefined ? { amount } : {}) },
      context: { transport: 'http' },
    },
  };
}

/** The documents a projector would hold after applying the records to one view generation. */
function project(target: ViewTarget, records: readonly ProjectedRecord[]): PartialDoc[] {
  const docs = new Map<string, PartialDoc>();
  for (const r of records) {
    for (const key of docKeysFor(target, r))
      if (!docs.has(partialDocId(key))) docs.set(partialDocId(key), emptyDoc(key, target.definition));
    applyRecord(docs, target, r);
  }
  return [...docs.values()].filter((doc) => doc.dirty);
}

/** What a document says, for whole comparisons across a round trip. */
const stateOf = (doc: PartialDoc) => ({
  key: doc.key,
  version: doc.version,
  groups: doc.groups,
  count: doc.partial.count,
  values: doc.partial.values,
  sum: doc.partial.sum,
  min: doc.partial.min,
  max: doc.partial.max,
  sketches: sketchesToJson(doc.partial),
});

const numbersOf = (partial: ViewPartial) => ({
  count: partial.count,
  values: partial.values,
  sum: partial.sum,
  min: partial.min,
  max: partial.max,
});

const byCell = (cells: readonly SeriesCell[]) =>
  Object.fromEntries(
    [...cells]
      .sort((a, b) => a.bucket - b.bucket || (a.group < b.group ? -1 : 1))
      .map((cell) => [`${new Date(cell.bucket).toISOString()} ${cell.group}`, numbersOf(cell.partial)]),
  );

beforeAll(async () => {
  await putViewIndexTemplate(client, { prefix, replicas: 0 });
});
afterAll(async () => {
  await client.indices.delete({ index: `${prefix}-*` }).catch(() => {});
  await client.indices.deleteIndexTemplate({ name: prefix }).catch(() => {});
  await client.close();
});

describe('OpenSearch series store', () => {
  const target: ViewTarget = { tenant: 'acme', definition, generation: 1 };

  test('absent documents load empty at version −1, with or without their index', async () => {
    const key: PartialKey = {
      tenant: 'acme',
      view: 'orders',
      generation: 9,
      bucket: t0,
      group: '["pro"]',
      topic: live,
      partition: 0,
    };
    const manifest = { ...key, group: manifestGroup };
    expect(await store.load([key, manifest], definitionOf)).toEqual([
      emptyDoc(key, definition),
      emptyDoc(manifest, definition),
    ]);

    await store.write(project({ ...target, generation: 9 }, [record(0, 0, t0, 'free', 1)]));
    expect(await store.load([key, manifest], definitionOf)).toEqual([
      emptyDoc(key, definition),
      { ...emptyDoc(manifest, definition), ...(await store.load([manifest], definitionOf))[0] },
    ]);
    expect((await store.load([manifest], definitionOf))[0]?.groups).toEqual(['["free"]']);
    expect(await store.load([], definitionOf)).toEqual([]);
  });

  test('written documents load back whole: numbers, sketches, manifest groups and version', async () => {
    const records = ['a', 'b', 'a', 'c', 'd', undefined, 'b'].map((plan, i) =>
      record(i, 1, t0 + (i % 2) * minute, plan, i % 3 === 0 ? undefined : i * 1.5 - 4, `u${i % 4}`),
    );
    const docs = project({ ...target, generation: 2 }, records);
    expect(docs.some((doc) => doc.key.group === otherGroup)).toBe(false);
    const outcome = await store.write(docs);
    expect(outcome).toEqual({ written: docs.length, stale: 0, failed: [] });
    const loaded = await store.load(
      docs.map((doc) => doc.key),
      definitionOf,
    );
    expect(loaded.map(stateOf)).toEqual(docs.map(stateOf));
    expect(loaded.every((doc) => !doc.dirty)).toBe(true);
    expect(loaded.find((doc) => doc.key.group === manifestGroup && doc.key.bucket === t0)?.groups).toEqual([
      '["a"]',
      '["d"]',
      '["b"]',
    ]);
  });

  test('offset 0 is a version; a version at or below the stored one is stale and changes nothing', async () => {
    const [doc] = project({ ...target, generation: 3 }, [record(0, 0, t0, 'pro', 5)]).filter(
      (d) => d.key.group === '["pro"]',
    ) as [PartialDoc];
    expect(await store.write([doc])).toEqual({ written: 1, stale: 0, failed: [] });

    const newer = { ...doc, partial: { ...doc.partial, count: 2, sum: 12 }, version: 7n };
    expect(await store.write([newer])).toEqual({ written: 1, stale: 0, failed: [] });
    for (const version of [7n, 3n, 0n]) {
      const stale = { ...doc, partial: { ...doc.partial, count: 99 }, version };
      expect(await store.write([stale])).toEqual({ written: 0, stale: 1, failed: [] });
    }
    const [loaded] = await store.load([doc.key], definitionOf);
    expect({ version: loaded?.version, count: loaded?.partial.count, sum: loaded?.partial.sum }).toEqual({
      version: 7n,
      count: 2,
      sum: 12,
    });
  });

  test('an item that fails is reported with its id; the others are written', async () => {
    const [good] = project({ ...target, generation: 4 }, [record(1, 0, t0, 'pro', 5)]);
    const bad = { ...(good as PartialDoc), key: { ...(good as PartialDoc).key, tenant: 'Not*Valid' } };
    const outcome = await store.write([good as PartialDoc, bad]);
    expect({ written: outcome.written, stale: outcome.stale, ids: outcome.failed.map((f) => f.id) }).toEqual({
      written: 1,
      stale: 0,
      ids: [partialDocId(bad.key)],
    });
    expect(outcome.failed[0]?.reason).toMatch(/^400 .*Invalid index name/i);
  });

  test('read: the aggregated and the sketch path agree per interval bucket and group, over partitions; manifests are left out', async () => {
    const generation = 5;
    const docs: PartialDoc[] = [];
    for (const partition of [0, 1, 2]) {
      const records = Array.from({ length: 40 }, (_, i) =>
        record(
          i,
          partition,
          t0 + ((i * 7 + partition) % 12) * minute,
          ['a', 'b', 'c', 'd', 'e'][(i + partition) % 5],
          i % 5 === 0 ? undefined : ((i * 13) % 17) - 8,
          `u${i % 9}`,
        ),
      );
      docs.push(...project({ ...target, generation }, records));
    }
    // A group whose events never had the numeric property: no min or max anywhere.
    docs.push(...project({ ...target, generation }, [record(0, 3, t0, 'plain'), record(1, 3, t0, 'plain')]));
    expect((await store.write(docs)).failed).toEqual([]);

    // The oracle: the same documents merged in memory per 5-minute bucket and group.
    const from = t0;
    const to = t0 + 10 * minute;
    const intervalMs = 5 * minute;
    const expected = new Map<string, SeriesCell>();
    for (const doc of docs) {
      if (doc.key.group === manifestGroup || doc.key.bucket < from || doc.key.bucket >= to) continue;
      const bucket = Math.floor(doc.key.bucket / intervalMs) * intervalMs;
      const id = `${bucket} ${doc.key.group}`;
      const cell = expected.get(id) ?? { bucket, group: doc.key.group, partial: emptyPartial() };
      expected.set(id, cell);
      mergePartial(cell.partial, doc.partial);
    }
    expect([...expected.values()].some((cell) => cell.group === otherGroup)).toBe(true);
    expect(numbersOf(expected.get(`${t0} ["plain"]`)?.partial as ViewPartial)).toEqual({
      count: 2,
      values: 0,
      sum: 0,
      min: undefined,
      max: undefined,
    });

    const request = { tenant: 'acme', view: 'orders', generation, from, to, intervalMs };
    const aggregated = await store.read({ ...request, sketches: false });
    const sketched = await store.read({ ...request, sketches: true });
    expect(byCell(aggregated)).toEqual(byCell([...expected.values()]));
    expect(byCell(sketched)).toEqual(byCell([...expected.values()]));
    const sketchesOf = (cells: readonly SeriesCell[]) =>
      Object.fromEntries(cells.map((cell) => [`${cell.bucket} ${cell.group}`, sketchesToJson(cell.partial)]));
    expect(sketchesOf(sketched)).toEqual(sketchesOf([...expected.values()]));
    expect(aggregated.every((cell) => cell.partial.uniques === undefined)).toBe(true);
  });

  test('read pages through more cells than one page holds, on both paths', async () => {
    const generation = 6;
    const many = 5_200;
    const docs = Array.from({ length: many }, (_, i): PartialDoc => {
      const key: PartialKey = {
        tenant: 'acme',
        view: 'orders',
        generation,
        bucket: t0 + (i % 2) * minute,
        group: JSON.stringify([`g${i}`]),
        topic: live,
        partition: 0,
      };
      return {
        key,
        partial: { count: 1, values: 1, sum: i, min: i, max: i },
        version: BigInt(i),
        dirty: true,
      };
    });
    for (let i = 0; i < many; i += 2_000)
      expect((await store.write(docs.slice(i, i + 2_000))).failed).toEqual([]);
    const request = {
      tenant: 'acme',
      view: 'orders',
      generation,
      from: t0,
      to: t0 + 2 * minute,
      intervalMs: minute,
    };
    for (const sketches of [false, true]) {
      const cells = await store.read({ ...request, sketches });
      expect({
        sketches,
        cells: cells.length,
        sum: cells.reduce((n, cell) => n + cell.partial.sum, 0),
      }).toEqual({
        sketches,
        cells: many,
        sum: (many * (many - 1)) / 2,
      });
    }
  });

  // `<prefix>-a-b-c-g1` is the index of both views below, so reads must filter by tenant and view. Dropping
  // one of them still deletes both: see the report of the series store's tests.
  test('views whose tenant and id join alike read apart', async () => {
    const one: ViewTarget = { tenant: 'a-b', definition: { ...definition, id: 'c' }, generation: 1 };
    const two: ViewTarget = { tenant: 'a', definition: { ...definition, id: 'b-c' }, generation: 1 };
    const recordOf = (tenant: string, amount: number) => {
      const r = record(0, 0, t0, 'pro', amount);
      return { ...r, event: { ...r.event, tenant } };
    };
    const request = { from: t0, to: t0 + minute, intervalMs: minute, generation: 1 };
    const sums = async (tenant: string, view: string, sketches: boolean) =>
      (await store.read({ ...request, tenant, view, sketches })).map((cell) => cell.partial.sum);
    await store.write(project(one, [recordOf('a-b', 1)]));
    expect({ aggregated: await sums('a', 'b-c', false), sketched: await sums('a', 'b-c', true) }).toEqual({
      aggregated: [],
      sketched: [],
    });
    await store.write(project(two, [recordOf('a', 2)]));
    for (const sketches of [false, true])
      expect({
        sketches,
        one: await sums('a-b', 'c', sketches),
        two: await sums('a', 'b-c', sketches),
      }).toEqual({
        sketches,
        one: [1],
        two: [2],
      });
  });

  test('newestBucket is the newest projected minute of a tenant, or of every tenant', async () => {
    const late = record(0, 0, t0 + 100 * minute, 'pro', 1);
    await store.write(
      project({ ...target, tenant: 'fresh' }, [{ ...late, event: { ...late.event, tenant: 'fresh' } }]),
    );
    expect(await store.newestBucket('fresh')).toBe(t0 + 100 * minute);
    expect(await store.newestBucket('nobody')).toBeUndefined();
    expect(await store.newestBucket()).toBeGreaterThanOrEqual(t0 + 100 * minute);
  });

  test('makeReadable makes documents written without a refresh readable, even with scheduled refreshes off', async () => {
    const unrefreshed = createOpenSearchSeriesStore(client, { prefix });
    const generation = 11;
    const index = viewIndexName(prefix, { tenant: 'acme', view: 'orders', generation });
    await client.indices.create({ index, body: { settings: { refresh_interval: '-1' } } });
    await unrefreshed.write(project({ ...target, generation }, [record(0, 0, t0, 'pro', 1)]));
    const request = {
      tenant: 'acme',
      view: 'orders',
      generation,
      from: t0,
      to: t0 + minute,
      intervalMs: minute,
    };
    expect(await unrefreshed.read({ ...request, sketches: false })).toEqual([]);

    await unrefreshed.makeReadable([
      { tenant: 'acme', view: 'orders', generation },
      { tenant: 'acme', view: 'orders', generation },
      { tenant: 'acme', view: 'never-written', generation: 1 },
    ]);
    expect(
      (await unrefreshed.read({ ...request, sketches: false })).map((cell) => cell.partial.count),
    ).toEqual([1]);
  });

  test('dropGeneration deletes one generation and leaves the others; dropping again is fine', async () => {
    const generation = 7;
    const docs = project({ ...target, generation }, [record(0, 0, t0, 'pro', 1)]);
    const kept = project({ ...target, generation: generation + 1 }, [record(0, 0, t0, 'pro', 1)]);
    await store.write([...docs, ...kept]);
    const request = {
      tenant: 'acme',
      view: 'orders',
      from: t0,
      to: t0 + minute,
      intervalMs: minute,
      sketches: false,
    };
    expect((await store.read({ ...request, generation })).length).toBe(1);

    await store.dropGeneration('acme', 'orders', generation);
    await store.dropGeneration('acme', 'orders', generation);
    expect(await store.read({ ...request, generation })).toEqual([]);
    expect(await store.read({ ...request, generation, sketches: true })).toEqual([]);
    expect(
      await store.load(
        docs.map((doc) => doc.key),
        definitionOf,
      ),
    ).toEqual(docs.map((doc) => emptyDoc(doc.key, definition)));
    expect((await store.read({ ...request, generation: generation + 1 })).length).toBe(1);
  });
});
