import { setTimeout as sleep } from 'node:timers/promises';
import { defaultViewDefinition, type TrackedEvent, type ViewTarget } from '@tidemark/core';
import { waitFor } from '@tidemark/core/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createProjectorHarness, retriedCopy, salesView, sampleEvent } from './projector.fixture.ts';

// Invariant 5: a projector frozen past its session timeout (a zombie) can't overwrite newer state.
const harness = createProjectorHarness('projz');
const minute = 60_000;
const fast = { KAFKA_SESSION_TIMEOUT_MS: '6000' };
const targets: ViewTarget[] = [
  { tenant: 'acme', definition: salesView, generation: 1 },
  { tenant: 'acme', definition: defaultViewDefinition(), generation: 1 },
  { tenant: 'globex', definition: defaultViewDefinition(), generation: 1 },
];
let serial = 0;

function traffic(n: number): TrackedEvent[] {
  const at = Date.now();
  const events = Array.from({ length: n }, () => {
    serial += 1;
    return sampleEvent(serial % 4 === 0 ? 'globex' : 'acme', serial, at - (serial % 3) * minute, 8);
  });
  return [...events, ...events.filter((_, i) => i % 10 === 0).map((event) => retriedCopy(event, 5000))];
}

type Snapshot = Map<string, { version: number; count: number }>;

async function snapshot(): Promise<Snapshot> {
  const all: Snapshot = new Map();
  for (const target of targets)
    for (const [id, doc] of await harness.storedVersions(target))
      all.set(`${target.definition.id}/${id}`, doc);
  return all;
}

/** Documents whose version or count is lower in `after` than in `before` (or that vanished). */
function backwards(before: Snapshot, after: Snapshot) {
  return [...before].flatMap(([id, was]) => {
    const now = after.get(id);
    return !now || now.version < was.version || now.count < was.count ? [{ id, was, now }] : [];
  });
}

/** Waits until the projector group has committed at least `ends` on every partition of the live topic. */
async function projectorCommitted(ends: { partition: number; high: string }[]) {
  await waitFor(
    'the projector group to commit past the offsets seen at the freeze',
    async () => {
      const [committed] = await harness.admin.fetchOffsets({
        groupId: harness.engines.names.groups.projector,
        topics: [harness.topics.events],
      });
      return ends.every(
        ({ partition, high }) =>
          BigInt(committed?.partitions.find((p) => p.partition === partition)?.offset ?? '-1') >=
          BigInt(high),
      )
        ? true
        : undefined;
    },
    60_000,
  );
}

beforeAll(async () => {
  await harness.setUp();
  await harness.views.save('acme', salesView, 'test', Date.now());
}, 120_000);

afterAll(() => harness.tearDown());

describe('zombie projector', () => {
  test('SIGSTOP past the session timeout, another takes over, SIGCONT: nothing goes backwards, numbers exact', async () => {
    const warehouse = harness.startRole('warehouse');
    const zombie = harness.startRole('projector', fast);
    await harness.publish(traffic(300));
    await harness.committedToEnd(harness.engines.names.groups.projector, harness.topics.events);

    let flowing = true;
    const publisher = (async () => {
      while (flowing) {
        await harness.publish(traffic(30));
        await sleep(50); // pacing only
      }
    })();
    // Freeze it while it works on a stream of batches, holding documents in memory.
    await projectorCommitted(await harness.admin.fetchTopicOffsets(harness.topics.events));
    zombie.child.kill('SIGSTOP');
    const frozenAt = await harness.admin.fetchTopicOffsets(harness.topics.events);
    const beforeTakeover = await snapshot();

    const successor = harness.startRole('projector', fast);
    // Only the successor can move the group's offsets past where the frozen one stood.
    await projectorCommitted(frozenAt);
    const afterTakeover = await snapshot();
    expect(backwards(beforeTakeover, afterTakeover)).toEqual([]);

    zombie.child.kill('SIGCONT');
    // The zombie wakes with stale documents in memory, finds its membership gone and joins again.
    await waitFor(
      'the woken projector to rejoin beside its successor',
      async () => {
        const { groups } = await harness.admin.describeGroups([harness.engines.names.groups.projector]);
        const group = groups[0];
        return group?.state === 'Stable' && group.members.length === 2 ? true : undefined;
      },
      60_000,
    );
    await projectorCommitted(await harness.admin.fetchTopicOffsets(harness.topics.events));
    const afterWake = await snapshot();
    expect(backwards(afterTakeover, afterWake)).toEqual([]);

    flowing = false;
    await publisher;
    await harness.committedToEnd(harness.engines.names.groups.warehouse, harness.topics.events);
    await harness.committedToEnd(harness.engines.names.groups.projector, harness.topics.events);
    const settled = await snapshot();
    expect(backwards(afterWake, settled)).toEqual([]);
    for (const target of targets) {
      const { expected, stored, expectedIds, storedIds } = await harness.exactness(target);
      expect(expected.length).toBeGreaterThan(0);
      expect(stored).toEqual(expected);
      expect(storedIds).toEqual(expectedIds);
    }
    expect(zombie.child.exitCode).toBeNull(); // it lived through it, as a zombie would
    for (const role of [zombie, successor, warehouse]) role.child.kill('SIGTERM');
    await Promise.all([zombie.exited, successor.exited, warehouse.exited]);
  }, 180_000);
});
