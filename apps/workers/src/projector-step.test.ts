import {
  defaultViewDefinition,
  newUuidV7,
  partialDocId,
  replayHeaders,
  type SourcePosition,
  type TrackedEvent,
  type ViewTarget,
} from '@tidemark/core';
import { createMemorySeriesStore, createMemoryViewStore } from '@tidemark/core/testing';
import { encodeTrackedEvent } from '@tidemark/proto';
import { describe, expect, test } from 'vitest';
import {
  dirtyDocs,
  type IncomingRecord,
  newPartitionState,
  type ProjectorStepDeps,
  projectBatch,
} from './projector-step.ts';
import { createViewRegistry } from './projector-views.ts';

const t0 = Date.UTC(2026, 10, 26, 12, 0);
const event = (name: string, at = t0): TrackedEvent => ({
  id: newUuidV7(at),
  tenant: 'acme',
  name,
  timestamp: at,
  sentAt: at,
  receivedAt: at,
  properties: {},
  context: { transport: 'http' },
});
const record = (e: TrackedEvent, offset: number, headers?: Record<string, string>): IncomingRecord => ({
  offset: String(offset),
  value: Buffer.from(encodeTrackedEvent(e)),
  ...(headers ? { headers } : {}),
});

/** Step deps over in-memory stores; `rows` is the warehouse: id → canonical (partition, offset). */
async function setup(rows: Map<string, SourcePosition>, building?: number) {
  const viewStore = createMemoryViewStore();
  if (building) await viewStore.beginRebuild('acme', 'events-by-name', building, newUuidV7(t0), t0);
  const views = createViewRegistry(viewStore);
  await views.refresh();
  const series = createMemorySeriesStore();
  const cuts: { target: ViewTarget; partition: number; offset: bigint }[] = [];
  let waits = 0;
  const deps: ProjectorStepDeps = {
    series,
    views,
    shards: 4,
    events: {
      async canonicalSources(identities) {
        return new Map(
          identities.flatMap(({ id }) => {
            const source = rows.get(id);
            return source ? [[id, source] as const] : [];
          }),
        );
      },
    },
    async recordCut(target, partition, offset) {
      cuts.push({ target, partition, offset });
      return offset;
    },
    async waitForWarehouse() {
      waits += 1;
    },
  };
  return { deps, series, viewStore, views, cuts, waits: () => waits };
}

const countsOf = (docs: ReturnType<typeof dirtyDocs>) =>
  Object.fromEntries(
    docs
      .filter((doc) => doc.key.group.startsWith('['))
      .map((doc) => [`g${doc.key.generation}:${doc.key.group}`, doc.partial.count]),
  );

describe('projectBatch on a live partition', () => {
  test('counts only the canonical copy of each event; waits while the warehouse lacks the first row', async () => {
    const late = event('signup');
    const signup = event('signup');
    const click = event('click');
    const rows = new Map<string, SourcePosition>([
      [signup.id, { partition: 0, offset: '11' }],
      [click.id, { partition: 3, offset: '4' }], // its canonical copy is on another partition
    ]);
    const { deps, waits } = await setup(rows);
    const state = newPartitionState('t.events', 0, true);
    // The warehouse stores `late`, the batch's first record, only after the first lookup.
    const lookup = deps.events.canonicalSources;
    let calls = 0;
    const slowDeps: ProjectorStepDeps = {
      ...deps,
      events: {
        canonicalSources: async (identities) => {
          calls += 1;
          if (calls === 2) rows.set(late.id, { partition: 0, offset: '10' });
          return lookup(identities);
        },
      },
    };
    const result = await projectBatch(slowDeps, state, [
      record(late, 10),
      record(signup, 11),
      record(click, 12),
      record(signup, 13), // a retried copy of signup
      { offset: '14', value: Buffer.from('not an event') },
    ]);
    expect(result).toEqual({ counted: 2, copies: 2, undecodable: 1 });
    expect(waits()).toBe(1);
    expect(countsOf(dirtyDocs(state))).toEqual({ 'g1:["signup"]': 2 });
  });

  test('covers the records before the first row the warehouse lacks and leaves the rest', async () => {
    const [a, b, c, d] = [event('a'), event('b'), event('c'), event('d')];
    const rows = new Map<string, SourcePosition>([
      [a.id, { partition: 0, offset: '10' }],
      [b.id, { partition: 0, offset: '11' }],
      [d.id, { partition: 0, offset: '14' }], // stored before c: the warehouse writes partitions in parallel
    ]);
    const { deps, waits } = await setup(rows);
    const state = newPartitionState('t.events', 0, true);
    const first = await projectBatch(deps, state, [
      record(a, 10),
      record(b, 11),
      { offset: '12', value: Buffer.from('not an event') },
      record(c, 13),
      record(d, 14),
    ]);
    expect(first).toEqual({ counted: 2, copies: 0, undecodable: 1, coveredThrough: 12n });
    expect(waits()).toBe(0);
    expect(countsOf(dirtyDocs(state))).toEqual({ 'g1:["a"]': 1, 'g1:["b"]': 1 });
    // The next fetch starts at 13; by then the warehouse has c.
    rows.set(c.id, { partition: 0, offset: '13' });
    const rest = await projectBatch(deps, state, [record(c, 13), record(d, 14)]);
    expect(rest).toEqual({ counted: 2, copies: 0, undecodable: 0 });
    expect(countsOf(dirtyDocs(state))).toEqual({
      'g1:["a"]': 1,
      'g1:["b"]': 1,
      'g1:["c"]': 1,
      'g1:["d"]': 1,
    });
  });

  test('a generation being rebuilt is fed live only from its cut on', async () => {
    const events = [event('a'), event('b'), event('c')];
    const rows = new Map(events.map((e, i) => [e.id, { partition: 1, offset: String(20 + i) }]));
    const { deps, cuts } = await setup(rows, 2);
    const state = newPartitionState('t.events', 1, true);
    // Another instance recorded O[1] = 21 before: the first record stays out of generation 2.
    deps.recordCut = async (target, partition, offset) => {
      cuts.push({ target, partition, offset });
      return 21n;
    };
    await projectBatch(
      deps,
      state,
      events.map((e, i) => record(e, 20 + i)),
    );
    expect(cuts.map(({ partition, offset }) => ({ partition, offset }))).toEqual([
      { partition: 1, offset: 20n },
    ]);
    expect(countsOf(dirtyDocs(state))).toEqual({
      'g1:["a"]': 1,
      'g1:["b"]': 1,
      'g1:["c"]': 1,
      'g2:["b"]': 1,
      'g2:["c"]': 1,
    });
  });

  test('a record at or below a stored document version is not applied again', async () => {
    const e = event('a');
    const { deps, series } = await setup(new Map([[e.id, { partition: 0, offset: '5' }]]));
    const first = newPartitionState('t.events', 0, true);
    await projectBatch(deps, first, [record(e, 5)]);
    await series.write(dirtyDocs(first));
    // A restart redelivers the record: the reloaded document already holds it.
    const again = newPartitionState('t.events', 0, true);
    await projectBatch(deps, again, [record(e, 5)]);
    expect(dirtyDocs(again)).toEqual([]);
    const target = { tenant: 'acme', definition: defaultViewDefinition(), generation: 1 };
    const key = {
      tenant: 'acme',
      view: target.definition.id,
      generation: 1,
      bucket: t0,
      group: '["a"]',
      topic: 't.events',
      partition: 0,
    };
    expect(series.docs.get(partialDocId(key))?.partial.count).toBe(1);
  });
});

describe('projectBatch on a replay partition', () => {
  test('a rebuild record feeds only the generation its job builds; republish records touch no view', async () => {
    const { deps } = await setup(new Map(), 3);
    const state = newPartitionState('t.events.replay', 0, false);
    const rebuild = {
      [replayHeaders.job]: 'j',
      [replayHeaders.view]: 'events-by-name',
      [replayHeaders.generation]: '3',
    };
    const stale = { ...rebuild, [replayHeaders.generation]: '2' };
    await projectBatch(deps, state, [
      record(event('a'), 0, rebuild),
      record(event('b'), 1, { [replayHeaders.job]: 'republish' }),
      record(event('c'), 2, stale),
    ]);
    expect(countsOf(dirtyDocs(state))).toEqual({ 'g3:["a"]': 1 });
  });

  test('a record for a generation not known yet makes the projector look at the views again', async () => {
    const { deps, viewStore } = await setup(new Map());
    const state = newPartitionState('t.events.replay', 0, false);
    // The rebuild began after this projector last loaded the views.
    await viewStore.beginRebuild('acme', 'events-by-name', 2, newUuidV7(t0), t0);
    const headers = {
      [replayHeaders.job]: 'j',
      [replayHeaders.view]: 'events-by-name',
      [replayHeaders.generation]: '2',
    };
    await projectBatch(deps, state, [record(event('a'), 0, headers)]);
    expect(countsOf(dirtyDocs(state))).toEqual({ 'g2:["a"]': 1 });
  });
});
