import { describe, expect, test } from 'vitest';
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
} from './projection.ts';
import type { TrackedEvent } from './tracked-event.ts';
import { otherGroup, type ViewDefinition } from './view.ts';
import { metricValues, partialFromStored, sketchesToJson, type ViewPartial } from './view-partial.ts';

const t0 = Date.UTC(2026, 2, 1, 12, 0);
const minute = 60_000;
const topic = 'tidemark.events';

const definition: ViewDefinition = {
  id: 'orders',
  title: 'Orders by plan',
  filter: { names: ['order'], properties: {} },
  groupBy: ['plan'],
  metrics: ['count', 'sum', 'min', 'max', 'uniques', 'p90'],
  value: 'amount',
  groupCap: 3,
};
const target: ViewTarget = { tenant: 'acme', definition, generation: 2 };

function record(
  offset: number,
  plan: string | undefined,
  rest: {
    name?: string;
    at?: number;
    amount?: number;
    user?: string;
    tenant?: string;
    partition?: number;
  } = {},
): ProjectedRecord {
  const at = rest.at ?? t0;
  return {
    topic,
    partition: rest.partition ?? 3,
    offset: BigInt(offset),
    event: {
      id: `019c0000-0000-7000-8000-${String(offset).padStart(12, '0')}`,
      tenant: rest.tenant ?? 'acme',
      name: rest.name ?? 'order',
      timestamp: at,
      sentAt: at,
      receivedAt: at,
      ...(rest.user ? { userId: rest.user } : {}),
      properties: {
        ...(plan !== undefined ? { plan } : {}),
        ...(rest.amount !== undefined ? { amount: rest.amount } : {}),
      },
      context: { transport: 'http' },
    } satisfies TrackedEvent,
  };
}

/** Documents as a projector holds them, loaded lazily from a stored copy (empty where absent). */
class Projector {
  readonly docs = new Map<string, PartialDoc>();
  private readonly store: Store;
  constructor(store: Store = new Store()) {
    this.store = store;
  }
  apply(records: readonly ProjectedRecord[]): void {
    for (const r of records) {
      for (const key of docKeysFor(target, r)) {
        const id = partialDocId(key);
        if (!this.docs.has(id)) this.docs.set(id, this.store.load(key));
      }
      applyRecord(this.docs, target, r);
    }
  }
  dirty(): PartialDoc[] {
    return [...this.docs.values()].filter((doc) => doc.dirty);
  }
}

interface StoredDoc {
  readonly key: PartialKey;
  readonly version: bigint;
  readonly json: string;
}

/** OpenSearch as the projector sees it: documents with external versions; a write at or below is refused. */
class Store {
  readonly docs = new Map<string, StoredDoc>();
  write(docs: readonly PartialDoc[]): void {
    for (const doc of docs) {
      const id = partialDocId(doc.key);
      const before = this.docs.get(id);
      if (before && before.version >= doc.version) continue;
      this.docs.set(id, { key: doc.key, version: doc.version, json: storedJson(doc) });
      doc.dirty = false;
    }
  }
  load(key: PartialKey): PartialDoc {
    const doc = emptyDoc(key, definition);
    const stored = this.docs.get(partialDocId(key));
    if (!stored) return doc;
    const body = JSON.parse(stored.json);
    doc.partial = partialFromStored(body);
    doc.version = stored.version;
    if (key.group === manifestGroup) doc.groups = body.groups;
    return doc;
  }
}

function storedJson(doc: PartialDoc): string {
  const { count, values, sum, min, max } = doc.partial;
  return JSON.stringify({
    count,
    values,
    sum,
    min,
    max,
    sketches: sketchesToJson(doc.partial),
    groups: doc.groups,
  });
}

/** What a set of documents says, by id, for whole-result comparison (applied documents only). */
function snapshot(
  docs: Iterable<PartialDoc>,
): Record<string, { group: string; version: bigint; json: string }> {
  const out: Record<string, { group: string; version: bigint; json: string }> = {};
  for (const doc of docs)
    if (doc.version >= 0n)
      out[partialDocId(doc.key)] = { group: doc.key.group, version: doc.version, json: storedJson(doc) };
  return out;
}

function docOf(projector: Projector, group: string, bucket = t0, partition = 3): PartialDoc | undefined {
  return projector.docs.get(
    partialDocId({ tenant: 'acme', view: 'orders', generation: 2, bucket, group, topic, partition }),
  );
}

/** A document's numbers, or undefined when nothing was ever applied to it. */
const counts = (doc: PartialDoc | undefined) =>
  doc && doc.version >= 0n
    ? { version: doc.version, ...metricValues(doc.partial, ['count', 'sum', 'min', 'max']) }
    : undefined;

describe('partial document keys', () => {
  test('one manifest, the own group and the other-group per bucket and source partition', () => {
    const base = { tenant: 'acme', view: 'orders', generation: 2, bucket: t0 + minute, topic, partition: 3 };
    expect(docKeysFor(target, record(7, 'pro', { at: t0 + minute + 59_999 }))).toEqual([
      { ...base, group: manifestGroup },
      { ...base, group: '["pro"]' },
      { ...base, group: otherGroup },
    ]);
  });

  test.each<[string, ProjectedRecord]>([
    ['another tenant', record(1, 'pro', { tenant: 'globex' })],
    ['a name the view skips', record(1, 'pro', { name: 'page_view' })],
  ])('%s touches nothing', (_, r) => {
    expect(docKeysFor(target, r)).toEqual([]);
    const projector = new Projector();
    projector.apply([r]);
    expect(projector.docs.size).toBe(0);
  });

  test('ids are stable, short and differ in every part of the key', () => {
    const key: PartialKey = {
      tenant: 'acme',
      view: 'orders',
      generation: 2,
      bucket: t0,
      group: '["pro"]',
      topic,
      partition: 3,
    };
    const variants: PartialKey[] = [
      key,
      { ...key, tenant: 'acme2' },
      { ...key, view: 'orders2' },
      { ...key, generation: 3 },
      { ...key, bucket: t0 + minute },
      { ...key, group: '["free"]' },
      { ...key, topic: 'tidemark.events.replay' },
      { ...key, partition: 4 },
      { ...key, tenant: 'acm', view: 'eorders' },
    ];
    const ids = variants.map(partialDocId);
    expect(new Set(ids).size).toBe(variants.length);
    expect(partialDocId({ ...key })).toBe(ids[0]);
    expect(partialDocId({ ...key, group: JSON.stringify(['x'.repeat(10_000)]) }).length).toBeLessThan(512);
  });

  test('applying without the documents loaded fails loudly', () => {
    expect(() => applyRecord(new Map(), target, record(1, 'pro'))).toThrow('partial document not loaded');
  });
});

describe('applyRecord', () => {
  test('adds to its group and sets the version to its offset; the manifest records the group', () => {
    const projector = new Projector();
    projector.apply([
      record(5, 'pro', { amount: 10, user: 'u1' }),
      record(9, 'pro', { amount: 2, user: 'u2' }),
    ]);
    expect(counts(docOf(projector, '["pro"]'))).toEqual({ version: 9n, count: 2, sum: 12, min: 2, max: 10 });
    expect(metricValues((docOf(projector, '["pro"]') as PartialDoc).partial, ['uniques'])).toEqual({
      uniques: 2,
    });
    const manifest = docOf(projector, manifestGroup);
    expect({ groups: manifest?.groups, version: manifest?.version, count: manifest?.partial.count }).toEqual({
      groups: ['["pro"]'],
      version: 5n,
      count: 1,
    });
    expect(
      projector
        .dirty()
        .map((doc) => doc.key.group)
        .sort(),
    ).toEqual([manifestGroup, '["pro"]'].sort());
  });

  test('applying the same record twice changes nothing', () => {
    const projector = new Projector();
    const records = [record(1, 'pro', { amount: 3, user: 'u1' }), record(2, undefined, { amount: 4 })];
    projector.apply(records);
    const once = snapshot(projector.docs.values());
    for (const doc of projector.docs.values()) doc.dirty = false;
    projector.apply(records);
    projector.apply([records[1] as ProjectedRecord]);
    expect(snapshot(projector.docs.values())).toEqual(once);
    expect(projector.dirty()).toEqual([]);
  });

  test.each([
    { name: 'below the version', offset: 6, applied: false },
    { name: 'at the version', offset: 7, applied: false },
    { name: 'above the version', offset: 8, applied: true },
  ])('a record $name of its document is skipped unless above', ({ offset, applied }) => {
    const store = new Store();
    const first = new Projector(store);
    first.apply([record(7, 'pro', { amount: 1 })]);
    store.write(first.dirty());
    const later = new Projector(store);
    later.apply([record(offset, 'pro', { amount: 100 })]);
    expect(counts(docOf(later, '["pro"]'))).toEqual(
      applied
        ? { version: 8n, count: 2, sum: 101, min: 1, max: 100 }
        : { version: 7n, count: 1, sum: 1, min: 1, max: 1 },
    );
  });

  test('past the cap, later groups fold into the other-group, per bucket and partition, in arrival order', () => {
    const projector = new Projector();
    const plans = ['a', 'b', 'a', 'c', 'd', 'e', 'b', 'd', undefined];
    projector.apply(plans.map((plan, i) => record(i, plan, { amount: i })));
    projector.apply([record(20, 'e', { at: t0 + minute }), record(21, 'e', { partition: 4 })]);

    expect(docOf(projector, manifestGroup)?.groups).toEqual(['["a"]', '["b"]', '["c"]']);
    expect(
      Object.fromEntries(
        ['["a"]', '["b"]', '["c"]', '["d"]', '["e"]', '["(none)"]', otherGroup].map((g) => [
          g,
          counts(docOf(projector, g)),
        ]),
      ),
    ).toEqual({
      '["a"]': { version: 2n, count: 2, sum: 2, min: 0, max: 2 },
      '["b"]': { version: 6n, count: 2, sum: 7, min: 1, max: 6 },
      '["c"]': { version: 3n, count: 1, sum: 3, min: 3, max: 3 },
      '["d"]': undefined,
      '["e"]': undefined,
      '["(none)"]': undefined,
      [otherGroup]: { version: 8n, count: 4, sum: 4 + 5 + 7 + 8, min: 4, max: 8 },
    });
    // Another bucket and another partition have their own manifests with room.
    expect(docOf(projector, manifestGroup, t0 + minute)?.groups).toEqual(['["e"]']);
    expect(docOf(projector, manifestGroup, t0, 4)?.groups).toEqual(['["e"]']);
  });

  test('the cap decides alike in every run of a partition', () => {
    const records = ['x', 'y', 'z', 'w', 'x', 'v', 'w'].map((plan, i) => record(i, plan, { amount: 1 }));
    const runs = [0, 1].map(() => {
      const projector = new Projector();
      projector.apply(records);
      return snapshot(projector.docs.values());
    });
    expect(runs[1]).toEqual(runs[0]);
  });
});

/** A deterministic pseudo-random source (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomRecords(next: () => number, length: number): ProjectedRecord[] {
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
  const plans = ['a', 'b', 'c', 'd', 'e', 'f', undefined];
  return Array.from({ length }, (_, offset) =>
    record(offset, pick(plans), {
      name: next() < 0.1 ? 'page_view' : 'order',
      at: t0 + pick([0, 1, 2]) * minute + Math.floor(next() * minute),
      ...(next() < 0.8 ? { amount: pick([1, 2.5, -3, 0, 1000, 0.001]) } : {}),
      ...(next() < 0.9 ? { user: `u${Math.floor(next() * 20)}` } : {}),
    }),
  );
}

describe('crash and replay', () => {
  // A flush persisted everything before `committed`; the next one (records up to `crashed`) wrote only
  // some documents before the projector died. Its successor reloads what was stored and reapplies from any
  // offset at or before the committed one: the documents must equal those of one uninterrupted run.
  test.each(Array.from({ length: 200 }, (_, seed) => seed))('random sequence %i', (seed) => {
    const next = random(seed + 1);
    const records = randomRecords(next, 5 + Math.floor(next() * 60));
    const crashed = Math.floor(next() * (records.length + 1));
    const committed = Math.floor(next() * (crashed + 1));
    const restart = Math.floor(next() * (committed + 1));

    const once = new Projector();
    once.apply(records);

    const store = new Store();
    const first = new Projector(store);
    // The committed part in a few flushes, each fully written.
    let flushed = 0;
    while (flushed < committed) {
      const upTo = Math.min(committed, flushed + 1 + Math.floor(next() * 10));
      first.apply(records.slice(flushed, upTo));
      store.write(first.dirty());
      flushed = upTo;
    }
    expect(first.dirty()).toEqual([]);
    first.apply(records.slice(committed, crashed));
    store.write(first.dirty().filter(() => next() < 0.5));

    const second = new Projector(store);
    second.apply(records.slice(restart));
    const recovered = new Map(
      [...store.docs.values()].map((stored) => [partialDocId(stored.key), store.load(stored.key)]),
    );
    for (const [id, doc] of second.docs) recovered.set(id, doc);

    expect(snapshot(recovered.values())).toEqual(snapshot(once.docs.values()));
  });

  test('the random sequences do hit the cap and the other-group', () => {
    const next = random(7);
    const projector = new Projector();
    projector.apply(randomRecords(next, 60));
    const other = [...projector.docs.values()].filter(
      (doc) => doc.key.group === otherGroup && doc.version >= 0n,
    );
    expect(other.length).toBeGreaterThan(0);
    expect(other.reduce((n, doc) => n + (doc.partial as ViewPartial).count, 0)).toBeGreaterThan(0);
  });
});
