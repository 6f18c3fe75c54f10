import { setTimeout as sleep } from 'node:timers/promises';
import { bucketOf, defaultViewDefinition, type TrackedEvent, type ViewDefinition } from '@tidemark/core';
import { waitFor } from '@tidemark/core/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createProjectorHarness, retriedCopy, salesView, sampleEvent } from './projector.fixture.ts';

// Invariants 4 and 6 through rebuilds: the warehouse, projector and replay roles together, as deployed.
const harness = createProjectorHarness('projr');
const minute = 60_000;
const day = 24 * 60 * minute;
/** Its groups fit its cap, so a rebuilt generation compares with the oracle group by group. */
const ordersView: ViewDefinition = {
  id: 'orders',
  title: 'Orders by country',
  filter: { names: ['purchase'], properties: {} },
  groupBy: ['country'],
  metrics: ['count', 'sum', 'min', 'max', 'avg', 'uniques', 'p50', 'p90', 'p99'],
  value: 'amount',
  groupCap: 50,
};
let serial = 0;
let range: { from: number; to: number };

function traffic(n: number, at = Date.now()): TrackedEvent[] {
  const events = Array.from({ length: n }, () => {
    serial += 1;
    return sampleEvent(serial % 4 === 0 ? 'globex' : 'acme', serial, at - (serial % 5) * minute, 8);
  });
  return [...events, ...events.filter((_, i) => i % 10 === 0).map((event) => retriedCopy(event, 5000))];
}

/** Publishes live traffic until stopped (pacing only; nothing waits on it for correctness). */
function liveTraffic() {
  let flowing = true;
  const done = (async () => {
    while (flowing) {
      await harness.publish(traffic(20));
      await sleep(100);
    }
  })();
  return async () => {
    flowing = false;
    await done;
  };
}

async function settled() {
  await harness.committedToEnd(harness.engines.names.groups.warehouse, harness.topics.events);
  await harness.committedToEnd(harness.engines.names.groups.projector, harness.topics.events);
  await harness.committedToEnd(harness.engines.names.groups.projector, harness.topics.replay);
}

/** Starts a rebuild and waits until it is done and its generation is the view's active one. */
async function rebuilt(tenant: string, view: string, options: { rateLimit?: number } = {}) {
  const { job, generation } = await harness.startRebuild(tenant, view, options);
  await harness.jobEnded(job.id, 'done');
  const current = await harness.views.get(tenant, view);
  expect({ active: current?.activeGeneration, building: current?.buildingGeneration }).toEqual({
    active: generation,
    building: undefined,
  });
  return { job, generation };
}

const cellsOf = (view: ViewDefinition, generation: number, allGroups = false) =>
  harness.storedCells('acme', view, generation, range, allGroups);

let roles: ReturnType<typeof harness.startRole>[] = [];

beforeAll(async () => {
  await harness.setUp();
  const now = Date.now();
  range = { from: bucketOf(now - day), to: bucketOf(now + day) };
  for (const view of [salesView, ordersView]) await harness.views.save('acme', view, 'test', now);
  roles = [harness.startRole('warehouse'), harness.startRole('projector'), harness.startRole('replay')];
  // History: minutes to hours old, with retried copies.
  for (let back = 0; back < 6; back += 1) await harness.publish(traffic(150, now - back * 20 * minute));
  await settled();
}, 120_000);

afterAll(async () => {
  for (const role of roles) role.child.kill('SIGTERM');
  await Promise.all(roles.map((role) => role.exited));
  await harness.tearDown();
});

describe('rebuilds', () => {
  let underLoad: Awaited<ReturnType<typeof cellsOf>>;
  let salesUnderLoad: Awaited<ReturnType<typeof cellsOf>>;

  test('a rebuild under live traffic equals the from-scratch computation once it is active', async () => {
    const stop = liveTraffic();
    const { generation } = await rebuilt('acme', 'orders');
    const sales = await rebuilt('acme', 'sales');
    await stop();
    await settled();

    underLoad = await cellsOf(ordersView, generation);
    expect(underLoad).toEqual(await harness.oracleCells('acme', ordersView));
    // Past the cap, replay partitions keep other groups than live ones did: compare totals per bucket.
    salesUnderLoad = await cellsOf(salesView, sales.generation, true);
    expect(salesUnderLoad).toEqual(await harness.oracleCells('acme', salesView, true));
    // History came through the replay topic, the live part from the cut on through the live topic.
    const topics = new Set(
      [...(await harness.storedVersions({ tenant: 'acme', definition: ordersView, generation })).values()]
        .filter((doc) => doc.count > 0)
        .map((doc) => doc.topic),
    );
    expect(topics).toEqual(new Set([harness.topics.events, harness.topics.replay]));
  }, 150_000);

  test('a rebuild on a quiet system gives the same numbers', async () => {
    const { generation } = await rebuilt('acme', 'orders');
    expect(await cellsOf(ordersView, generation)).toEqual(underLoad);
    const sales = await rebuilt('acme', 'sales');
    expect(await cellsOf(salesView, sales.generation, true)).toEqual(salesUnderLoad);
  }, 120_000);

  test('a retried copy straddling the cut and a minute edge is counted once', async () => {
    const edge = bucketOf(Date.now()) - 2 * minute;
    const first: TrackedEvent = {
      ...sampleEvent('acme', 1, edge - 400),
      name: 'purchase',
      timestamp: edge - 300, // the last second of one minute
      properties: { country: 'edge', amount: 7 },
    };
    // After the cut both copies are live: the first counts, its retry doesn't.
    const afterCut: TrackedEvent = { ...first, id: sampleEvent('acme', 2, edge - 200).id };
    await harness.publish([first]);
    await settled(); // the first copy lies below any cut taken from now on
    const { job, generation } = await harness.startRebuild('acme', 'orders', { rateLimit: 500 });
    await waitFor('every live partition to have its cut', async () =>
      (await harness.jobs.rebuildCut('acme', 'orders', generation)).size === 3 ? true : undefined,
    );
    // The retry's clock puts it in the next minute; it lands on the live topic past the cut.
    await harness.publish([
      retriedCopy(first, 0),
      { ...first, sentAt: first.sentAt + 900, timestamp: edge + 600 },
      afterCut,
      { ...afterCut, sentAt: afterCut.sentAt + 900, timestamp: edge + 700 },
    ]);
    await harness.jobEnded(job.id, 'done');
    await settled();
    expect((await harness.views.get('acme', 'orders'))?.activeGeneration).toBe(generation);
    const cells = await cellsOf(ordersView, generation);
    const edgeCells = Object.entries(cells).filter(([id]) => id.endsWith('["edge"]'));
    expect(edgeCells).toEqual([
      [`${edge - minute} ["edge"]`, expect.objectContaining({ count: 2, sum: 14, min: 7, max: 7 })],
    ]);
    expect(cells).toEqual(await harness.oracleCells('acme', ordersView));
  }, 120_000);

  test('a view created after its events is backfilled by a rebuild to the whole history', async () => {
    const fresh: ViewDefinition = {
      ...ordersView,
      id: 'signups',
      title: 'Signups by country',
      filter: { names: ['signup'], properties: {} },
    };
    await harness.views.save('acme', fresh, 'test', Date.now());
    const { generation } = await rebuilt('acme', 'signups');
    await settled();
    const expected = await harness.oracleCells('acme', fresh);
    expect(Object.keys(expected).length).toBeGreaterThan(10);
    expect(await cellsOf(fresh, generation)).toEqual(expected);
  }, 120_000);

  test('the default view, which has no stored row until its first change, rebuilds too', async () => {
    const byName = defaultViewDefinition();
    const { generation } = await rebuilt('acme', byName.id);
    expect(generation).toBe(2);
    await settled();
    expect(await cellsOf(byName, generation)).toEqual(await harness.oracleCells('acme', byName));
  }, 120_000);

  test('a cancelled rebuild leaves the active generation in place', async () => {
    const before = await harness.views.get('acme', 'orders');
    const { job, generation } = await harness.startRebuild('acme', 'orders', { rateLimit: 20 });
    await waitFor('the rebuild to emit', async () =>
      ((await harness.jobs.get(job.id))?.progress.emitted ?? 0) > 0 ? true : undefined,
    );
    await harness.jobs.cancel(job.id, Date.now());
    await harness.jobEnded(job.id, 'cancelled');
    // The job reads cancelled at once; its worker stops emission, then abandons the generation.
    const after = await waitFor('the cancelled generation to be abandoned', async () => {
      const view = await harness.views.get('acme', 'orders');
      return view?.buildingGeneration === undefined ? view : undefined;
    });
    expect({ active: after?.activeGeneration, building: after?.buildingGeneration }).toEqual({
      active: before?.activeGeneration,
      building: undefined,
    });
    // Its worker acknowledges the cancel once the generation's documents are gone for good.
    await waitFor(
      'the worker to acknowledge the cancel',
      async () => ((await harness.jobs.get(job.id))?.finishedAt !== undefined ? true : undefined),
      90_000,
    );
    await settled();
    expect(await cellsOf(ordersView, after?.activeGeneration ?? 0)).toEqual(
      await harness.oracleCells('acme', ordersView),
    );
    // The abandoned generation's documents are gone, and nothing wrote them back.
    const idsOf = (of: number) =>
      harness.storedIds({ tenant: 'acme', definition: ordersView, generation: of });
    expect((await idsOf(after?.activeGeneration ?? 0)).length).toBeGreaterThan(0);
    expect(await idsOf(generation)).toEqual([]);
  }, 120_000);
});
