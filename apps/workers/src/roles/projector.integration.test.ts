import { defaultViewDefinition } from '@tidemark/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createProjectorHarness, salesView, sampleEvent } from './projector.fixture.ts';

const harness = createProjectorHarness('proj');
const minute = 60_000;
beforeAll(async () => {
  await harness.setUp();
  await harness.views.save('acme', salesView, 'test', Date.now());
}, 120_000);

afterAll(() => harness.tearDown());

describe('projector role', () => {
  test('views equal the from-scratch computation over the warehouse, with retries, late events and the group cap', async () => {
    const now = Date.now();
    const events = [
      ...Array.from({ length: 400 }, (_, i) => sampleEvent('acme', i, now - (i % 5) * minute)),
      ...Array.from({ length: 100 }, (_, i) => sampleEvent('globex', i, now - (i % 3) * minute)),
    ];
    await harness.publish(events);
    // Retried copies: the same ids, sent again later with other clocks (one an hour late).
    await harness.publish(
      events.slice(0, 60).map((event, i) => ({
        ...event,
        sentAt: event.sentAt + (i % 2 === 0 ? 60 * minute : 5000),
        timestamp: event.timestamp + (i % 2 === 0 ? 61 * minute : 4000),
      })),
    );
    const warehouse = harness.startRole('warehouse');
    const projector = harness.startRole('projector');
    await harness.committedToEnd(harness.engines.names.groups.warehouse, harness.topics.events);
    await harness.committedToEnd(harness.engines.names.groups.projector, harness.topics.events);

    for (const target of [
      { tenant: 'acme', definition: salesView, generation: 1 },
      { tenant: 'acme', definition: defaultViewDefinition(), generation: 1 },
      { tenant: 'globex', definition: defaultViewDefinition(), generation: 1 },
    ]) {
      const { expected, stored } = await harness.compareWithStore(target);
      expect(expected.length).toBeGreaterThan(0);
      expect(stored).toEqual(expected);
    }
    // Globex has no sales view: nothing of its purchases leaks into acme's.
    const acmeTotal = (await harness.canonicalRecords()).filter(
      (r) => r.event.tenant === 'acme' && r.event.name === 'purchase',
    ).length;
    const cells = await harness.series.read({
      tenant: 'acme',
      view: 'sales',
      generation: 1,
      from: now - 3 * 60 * minute,
      to: now + 3 * 60 * minute,
      intervalMs: minute,
      sketches: false,
    });
    expect(cells.reduce((sum, cell) => sum + cell.partial.count, 0)).toBe(acmeTotal);
    projector.child.kill('SIGTERM');
    warehouse.child.kill('SIGTERM');
    await Promise.all([projector.exited, warehouse.exited]);
  }, 240_000);
});
