import cassandra from 'cassandra-driver';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newUuidV7 } from '../../domain/uuidv7.ts';
import { defaultView, defaultViewDefinition, type ViewDefinition } from '../../domain/view.ts';
import { migrateTestKeyspace } from '../../testing/cassandra-keyspace.ts';
import { testEngineConfig, uniqueName } from '../../testing/engines.ts';
import { createCassandraClient } from './cassandra-client.ts';
import { createCassandraViewStore } from './cassandra-view-store.ts';

const config = testEngineConfig();
const client = createCassandraClient({ ...config.cassandra, keyspace: undefined });
const keyspace = uniqueName('test');
const store = createCassandraViewStore(client, { keyspace });
const t0 = Date.parse('2026-03-01T12:00:00Z');

const signups: ViewDefinition = {
  id: 'signups',
  title: 'Signups by plan',
  filter: { names: ['signup'], properties: { beta: true } },
  groupBy: ['plan'],
  metrics: ['count', 'uniques', 'p90'],
  value: 'seats',
  groupCap: 50,
};

beforeAll(async () => {
  await migrateTestKeyspace(client, keyspace);
});
afterAll(async () => {
  await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`).catch(() => {});
  await client.shutdown();
});

describe('Cassandra view store', () => {
  test('a tenant without stored views lists and gets the implicit default view', async () => {
    expect(await store.list('nobody')).toEqual([defaultView('nobody')]);
    expect(await store.get('nobody', 'events-by-name')).toEqual(defaultView('nobody'));
    expect(await store.get('nobody', 'signups')).toBeUndefined();
  });

  test('save creates a view at generation 1, then changes its definition only', async () => {
    const created = await store.save('acme', signups, 'alice', t0);
    expect(created).toEqual({
      tenant: 'acme',
      definition: signups,
      activeGeneration: 1,
      createdAt: t0,
      updatedAt: t0,
      updatedBy: 'alice',
    });
    const changed = { ...signups, title: 'Signups', groupBy: ['plan', '$name'] };
    expect(await store.save('acme', changed, 'bob', t0 + 1000)).toEqual({
      ...created,
      definition: changed,
      updatedAt: t0 + 1000,
      updatedBy: 'bob',
    });
    expect(await store.get('acme', 'signups')).toEqual({
      ...created,
      definition: changed,
      updatedAt: t0 + 1000,
      updatedBy: 'bob',
    });
    expect(await store.get('globex', 'signups')).toBeUndefined();
    expect((await store.list('acme')).map((view) => view.definition.id)).toEqual([
      'events-by-name',
      'signups',
    ]);
    expect((await store.list('globex')).map((view) => view.definition.id)).toEqual(['events-by-name']);
  });

  test('a rebuild: begin, replace a crashed run, flip, clear the retired generation', async () => {
    const tenant = 'rebuilds';
    await store.save(tenant, signups, 'alice', t0);
    const job = newUuidV7(t0);
    expect(await store.beginRebuild(tenant, 'signups', 2, job, t0 + 1)).toEqual({});
    expect(await store.beginRebuild(tenant, 'signups', 2, job, t0 + 2)).toEqual({});
    expect(await store.get(tenant, 'signups')).toMatchObject({
      activeGeneration: 1,
      buildingGeneration: 2,
      buildingJob: job,
    });

    // A crashed run restarts into a fresh generation; the one it replaces is returned for dropping.
    const retry = newUuidV7(t0 + 3);
    expect(await store.beginRebuild(tenant, 'signups', 3, retry, t0 + 3)).toEqual({ replaced: 2 });
    expect(await store.flip(tenant, 'signups', 2, t0 + 4)).toBe(false);
    expect(await store.get(tenant, 'signups')).toMatchObject({ activeGeneration: 1, buildingGeneration: 3 });

    expect(await store.flip(tenant, 'signups', 3, t0 + 5)).toBe(true);
    const flipped = await store.get(tenant, 'signups');
    expect(flipped).toEqual({
      tenant,
      definition: signups,
      activeGeneration: 3,
      retiredGeneration: 1,
      retiredAt: t0 + 5,
      createdAt: t0,
      updatedAt: t0 + 5,
      updatedBy: 'alice',
    });
    expect(await store.flip(tenant, 'signups', 3, t0 + 6)).toBe(false);

    await store.clearRetired(tenant, 'signups', 2);
    expect((await store.get(tenant, 'signups'))?.retiredGeneration).toBe(1);
    await store.clearRetired(tenant, 'signups', 1);
    expect(await store.get(tenant, 'signups')).toEqual({
      tenant,
      definition: signups,
      activeGeneration: 3,
      createdAt: t0,
      updatedAt: t0 + 5,
      updatedBy: 'alice',
    });
  });

  test('abandoning stops only the generation being built', async () => {
    const tenant = 'abandons';
    await store.save(tenant, signups, 'alice', t0);
    await store.beginRebuild(tenant, 'signups', 2, newUuidV7(t0), t0 + 1);
    await store.abandonRebuild(tenant, 'signups', 7, t0 + 2);
    expect((await store.get(tenant, 'signups'))?.buildingGeneration).toBe(2);
    await store.abandonRebuild(tenant, 'signups', 2, t0 + 3);
    const after = await store.get(tenant, 'signups');
    expect({
      building: after?.buildingGeneration,
      job: after?.buildingJob,
      active: after?.activeGeneration,
    }).toEqual({
      building: undefined,
      job: undefined,
      active: 1,
    });
    expect(await store.flip(tenant, 'signups', 2, t0 + 4)).toBe(false);
    expect((await store.get(tenant, 'signups'))?.activeGeneration).toBe(1);
  });

  test('rebuilding the default view gives it a row; the definition stays the default', async () => {
    const tenant = 'defaults';
    expect(await store.listStored().then((views) => views.filter((view) => view.tenant === tenant))).toEqual(
      [],
    );
    const job = newUuidV7(t0);
    expect(await store.beginRebuild(tenant, 'events-by-name', 2, job, t0)).toEqual({});
    const stored = (await store.listStored()).filter((view) => view.tenant === tenant);
    expect(stored).toEqual([
      {
        tenant,
        definition: defaultViewDefinition(),
        activeGeneration: 1,
        buildingGeneration: 2,
        buildingJob: job,
        createdAt: t0,
        updatedAt: t0,
        updatedBy: 'tidemark',
      },
    ]);
    expect(await store.list(tenant)).toEqual(stored);
    expect(await store.flip(tenant, 'events-by-name', 2, t0 + 1)).toBe(true);
    expect((await store.get(tenant, 'events-by-name'))?.activeGeneration).toBe(2);
  });

  test('saving the default view gives it a row with the new definition', async () => {
    const tenant = 'default-edits';
    const edited = { ...defaultViewDefinition(), groupCap: 20 };
    const saved = await store.save(tenant, edited, 'carol', t0);
    expect(saved).toEqual({
      tenant,
      definition: edited,
      activeGeneration: 1,
      createdAt: t0,
      updatedAt: t0,
      updatedBy: 'carol',
    });
    expect(await store.list(tenant)).toEqual([saved]);
  });

  test('a rebuild of an unknown view fails', async () => {
    await expect(store.beginRebuild('acme', 'nope', 2, newUuidV7(t0), t0)).rejects.toThrow(
      'no view acme/nope',
    );
    expect(await store.flip('acme', 'nope', 2, t0)).toBe(false);
  });

  test('concurrent flips of one generation: exactly one wins', async () => {
    const tenant = 'races';
    await store.save(tenant, signups, 'alice', t0);
    await store.beginRebuild(tenant, 'signups', 2, newUuidV7(t0), t0);
    const results = await Promise.all([0, 1, 2, 3].map((i) => store.flip(tenant, 'signups', 2, t0 + i)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.get(tenant, 'signups')).toMatchObject({ activeGeneration: 2, retiredGeneration: 1 });
  });

  test('listStored and list read past the first page of rows', async () => {
    const many = 5_001;
    const row = JSON.stringify(signups);
    await cassandra.concurrent.executeConcurrent(
      client,
      `INSERT INTO ${keyspace}.views (tenant, id, definition, active_generation) VALUES (?, ?, ?, 1)`,
      Array.from({ length: many }, (_, i) => ['crowded', `view-${i}`, row]),
      { concurrencyLevel: 64, executionProfile: undefined },
    );
    expect((await store.list('crowded')).length).toBe(many + 1);
    expect((await store.listStored()).filter((view) => view.tenant === 'crowded').length).toBe(many);
  });
});
