import { setTimeout as sleep } from 'node:timers/promises';
import { defaultViewDefinition, type TrackedEvent, type ViewTarget } from '@tidemark/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createProjectorHarness, retriedCopy, salesView, sampleEvent } from './projector.fixture.ts';

// Invariant 4 after crashes: each failpoint, random kill -9, late events into evicted buckets, the group cap.
const harness = createProjectorHarness('projf');
const minute = 60_000;
const hour = 60 * minute;
const targets: ViewTarget[] = [
  { tenant: 'acme', definition: salesView, generation: 1 },
  { tenant: 'acme', definition: defaultViewDefinition(), generation: 1 },
  { tenant: 'globex', definition: defaultViewDefinition(), generation: 1 },
];
// Killed members leave the group only when their session times out: keep that short.
const fast = { KAFKA_SESSION_TIMEOUT_MS: '6000' };
let serial = 0;

/** `n` new events of both tenants over the last few minutes, with some retried copies among them. */
function traffic(n: number, at = Date.now()): TrackedEvent[] {
  const events = Array.from({ length: n }, () => {
    serial += 1;
    return sampleEvent(serial % 4 === 0 ? 'globex' : 'acme', serial, at - (serial % 5) * minute, 8);
  });
  return [...events, ...events.filter((_, i) => i % 10 === 0).map((event) => retriedCopy(event, 5000))];
}

async function settled() {
  await harness.committedToEnd(harness.engines.names.groups.warehouse, harness.topics.events);
  await harness.committedToEnd(harness.engines.names.groups.projector, harness.topics.events);
}

async function expectViewsExact() {
  for (const target of targets) {
    const { expected, stored, expectedIds, storedIds } = await harness.exactness(target);
    expect(expected.length).toBeGreaterThan(0);
    expect(stored).toEqual(expected);
    expect(storedIds).toEqual(expectedIds);
  }
}

let warehouse: ReturnType<typeof harness.startRole>;

beforeAll(async () => {
  await harness.setUp();
  await harness.views.save('acme', salesView, 'test', Date.now());
  warehouse = harness.startRole('warehouse');
}, 120_000);

afterAll(() => harness.tearDown());

describe('projector crashes leave views exact', () => {
  test.each([
    ['projector-after-bulk', 'crash after the bulk, before the commit'],
    ['projector-half-bulk', 'half of the dirty documents written, then SIGKILL'],
  ])(
    'failpoint %s (%s), then a restart',
    async (failpoint) => {
      await harness.publish(traffic(600));
      const doomed = harness.startRole('projector', { ...fast, TM_FAILPOINT: failpoint });
      expect(await doomed.exited).toEqual({ code: null, signal: 'SIGKILL' });
      // Nothing it wrote was committed: the restart gets the same batches again over the documents it left.
      await harness.publish(traffic(200));
      const projector = harness.startRole('projector', fast);
      await settled();
      await expectViewsExact();
      projector.child.kill('SIGTERM');
      await projector.exited;
    },
    120_000,
  );

  test('kill -9 at random points while events flow, several rounds', async () => {
    let flowing = true;
    const publisher = (async () => {
      while (flowing) {
        await harness.publish(traffic(40));
        await sleep(50); // pacing only: traffic keeps arriving while the projector dies and restarts
      }
    })();
    for (let round = 0; round < 4; round += 1) {
      const projector = harness.startRole('projector', fast);
      await sleep(1500 + Math.random() * 2500);
      projector.child.kill('SIGKILL');
      expect(await projector.exited).toEqual({ code: null, signal: 'SIGKILL' });
    }
    flowing = false;
    await publisher;
    const projector = harness.startRole('projector', fast);
    await settled();
    await expectViewsExact();
    projector.child.kill('SIGTERM');
    await projector.exited;
  }, 120_000);

  test('late events into evicted buckets (reloaded with _mget) and more groups than the cap', async () => {
    const projector = harness.startRole('projector', fast);
    const old = Date.now() - 5 * hour;
    // Hours-old buckets first; once their batches are done they are older than the cache keeps (3 h).
    const early = traffic(150, old);
    await harness.publish(early);
    await settled();
    await harness.publish(traffic(150));
    await settled();
    // Late: more events into the same old buckets, retries of old events, and new countries past the cap.
    const late = Array.from({ length: 120 }, (_, i) => {
      serial += 1;
      const event = sampleEvent('acme', serial, old - (i % 5) * minute, 8);
      return { ...event, properties: { ...event.properties, country: `late-${i % 9}` } };
    });
    await harness.publish([
      ...traffic(100, old),
      ...late,
      ...early.slice(0, 40).map((e) => retriedCopy(e, hour)),
    ]);
    await settled();
    await expectViewsExact();
    // The cap bit: some partition-bucket of the sales view folded groups into the other-group.
    const { expected } = await harness.exactness(targets[0] as ViewTarget);
    expect(expected.some((doc) => doc.key.group === '\u0000other' && doc.count > 0)).toBe(true);
    projector.child.kill('SIGTERM');
    await projector.exited;
    warehouse.child.kill('SIGTERM');
    await warehouse.exited;
  }, 120_000);
});
