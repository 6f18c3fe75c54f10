import type { SeriesRead } from '@tidemark/core';
import { createMemorySeriesStore, createMemoryViewStore } from '@tidemark/core/testing';
import { describe, expect, test } from 'vitest';
import { type LiveMessage, openLiveFeed } from './live-feed.ts';
import { createLiveHub } from './live-hub.ts';
import { parseSeriesParams } from './query-params.ts';
import { readSeries } from './series-service.ts';

/** Series reads that wait until the test lets each one finish. */
function heldReads() {
  const store = createMemorySeriesStore();
  const held: { request: SeriesRead; finish(): void }[] = [];
  const series = {
    ...store,
    read: (request: SeriesRead) =>
      new Promise<Awaited<ReturnType<typeof store.read>>>((resolve) => {
        held.push({ request, finish: () => void store.read(request).then(resolve) });
      }),
  };
  return { series, held };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
const update = (at: number, bucket: number) => ({
  tenant: 'acme',
  view: 'events-by-name',
  generation: 1,
  buckets: [bucket],
  at,
});

describe('live feed', () => {
  test('the first update is read at once; updates during a read share the next read; answers keep order', async () => {
    const hub = createLiveHub();
    const { series, held } = heldReads();
    const deps = { views: createMemoryViewStore(), series, clock: Date.now, hub, isRevoked: () => false };
    const params = parseSeriesParams(new URLSearchParams({ view: 'events-by-name' }));
    const sent: LiveMessage[] = [];
    const snapshot = readSeries({ ...deps, series: createMemorySeriesStore() }, 'acme', params);
    const stop = openLiveFeed(
      deps,
      'acme',
      params,
      { jti: 'j', exp: Date.now() + 60_000 },
      { send: (message) => sent.push(message), close: () => {} },
      { cursor: 0, ...(await snapshot) },
    );

    hub.publish(update(1, 60_000));
    await tick();
    expect(held).toHaveLength(1); // read at once, not after the coalescing pause

    hub.publish(update(2, 120_000));
    hub.publish(update(3, 180_000));
    await tick();
    expect(held).toHaveLength(1); // never two reads at once

    held[0]?.finish();
    await tick();
    expect(sent.map((m) => m.type)).toEqual(['snapshot', 'update']);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(held).toHaveLength(2);
    held[1]?.finish();
    await tick();
    expect(sent.slice(1).map((m) => (m.type === 'update' ? [m.cursor, m.buckets] : m.type))).toEqual([
      [1, [60_000]],
      [3, [120_000, 180_000]],
    ]);
    stop();
  });
});
