import { newReplayJob, type ReplayJob, type ViewDefinition } from '@tidemark/core';
import { createMemorySeriesStore, createMemoryViewStore } from '@tidemark/core/testing';
import { createLogger } from '@tidemark/runtime';
import type { Admin } from 'kafkajs';
import { describe, expect, test } from 'vitest';
import { createRebuildViews } from './replay-rebuild-views.ts';

const t0 = Date.UTC(2026, 10, 26, 12);
const signups: ViewDefinition = {
  id: 'signups',
  title: 'Signups',
  filter: { names: ['signup'], properties: {} },
  groupBy: [],
  metrics: ['count'],
  groupCap: 100,
};

/** An admin whose projector group has committed the replay topic's end: every rebuild has caught up. */
const caughtUp = {
  fetchTopicOffsets: async () => [{ partition: 0, offset: '10', high: '10', low: '0' }],
  fetchOffsets: async () => [
    { topic: 'replay', partitions: [{ partition: 0, offset: '10', metadata: null }] },
  ],
} as unknown as Admin;

function rebuild(generation: number): ReplayJob & { scope: { mode: 'rebuild' } } {
  return newReplayJob(
    { tenant: 'acme', mode: 'rebuild', view: 'signups', generation, since: t0, startedBy: 'test' },
    `0190c3a0-0000-7000-8000-00000000000${generation}`,
    t0,
  ) as ReplayJob & { scope: { mode: 'rebuild' } };
}

describe('rebuild views', () => {
  test('a second flip within the grace period deletes the generation the first one retired', async () => {
    const views = createMemoryViewStore();
    const series = createMemorySeriesStore();
    await views.save('acme', signups, 'alice', t0);
    const docOf = (generation: number) => ({
      key: { tenant: 'acme', view: 'signups', generation, bucket: t0, group: '[]', topic: 't', partition: 0 },
      partial: { count: 1, values: 0, sum: 0 },
      version: 1n,
      dirty: true,
    });
    await series.write([docOf(1), docOf(2), docOf(3)]);
    const rebuilds = createRebuildViews({
      views,
      series,
      admin: caughtUp,
      liveTopic: 'live',
      replayTopic: 'replay',
      projectorGroup: 'projector',
      pollIntervalMs: 10,
      retiredGraceMs: 60_000,
      logger: createLogger('test', 'silent'),
    });

    for (const generation of [2, 3]) {
      await rebuilds.begin(rebuild(generation));
      expect(await rebuilds.finish(rebuild(generation), new AbortController().signal)).toBe(true);
    }
    expect(await views.get('acme', 'signups')).toMatchObject({ activeGeneration: 3, retiredGeneration: 2 });
    const generations = [...series.docs.values()].map((doc) => doc.key.generation).sort();
    expect(generations).toEqual([2, 3]); // 1 is gone, 2 waits for its grace period

    await rebuilds.dropRetired(Date.now() + 120_000);
    expect([...series.docs.values()].map((doc) => doc.key.generation)).toEqual([3]);
  });
});
