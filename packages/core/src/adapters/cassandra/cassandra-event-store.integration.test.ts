import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newUuidV7 } from '../../domain/uuidv7.ts';
import { warehouseKeyOf } from '../../domain/warehouse-key.ts';
import type { WarehouseRow } from '../../ports/event-store.ts';
import { migrateTestKeyspace } from '../../testing/cassandra-keyspace.ts';
import { testEngineConfig, uniqueName } from '../../testing/engines.ts';
import { createCassandraClient } from './cassandra-client.ts';
import { createCassandraEventStore } from './cassandra-event-store.ts';

const config = testEngineConfig();
const client = createCassandraClient({ ...config.cassandra, keyspace: undefined });
const keyspace = uniqueName('test');
const store = createCassandraEventStore(client, { keyspace });
const shards = 4;

const row = (id: string, offset: number, tenant = 'acme'): WarehouseRow => ({
  key: warehouseKeyOf(tenant, id, shards),
  id,
  name: 'page_view',
  eventTime: Date.now() - 1000,
  receivedAt: Date.now(),
  payload: new Uint8Array([1, 2, offset % 256]),
  source: { partition: 2, offset: String(offset) },
});

beforeAll(async () => {
  await migrateTestKeyspace(client, keyspace);
});
afterAll(async () => {
  await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`).catch(() => {});
  await client.shutdown();
});

describe('Cassandra event store', () => {
  test('inserted rows are found by id with their canonical source; absent ids are not', async () => {
    const stored = Array.from({ length: 50 }, (_, i) => row(newUuidV7(Date.now()), 1000 + i));
    await store.insert(stored);
    const absent = row(newUuidV7(Date.now()), 1);
    const found = await store.canonicalSources([...stored, absent]);
    expect(found.size).toBe(50);
    expect(found.get(stored[7]?.id ?? '')).toEqual({ partition: 2, offset: '1007' });
    expect(found.has(absent.id)).toBe(false);
  });

  test('a tenant only ever finds its own rows', async () => {
    const id = newUuidV7(Date.now());
    await store.insert([row(id, 5, 'tenant-a')]);
    expect((await store.canonicalSources([row(id, 5, 'tenant-b')])).size).toBe(0);
  });

  test('scan pages through one partition and returns every row whole', async () => {
    const key = warehouseKeyOf('scanner', newUuidV7(Date.now()), 1);
    const rows = Array.from({ length: 25 }, (_, i) => ({ ...row(newUuidV7(Date.now()), i, 'scanner'), key }));
    await store.insert(rows);
    const seen: WarehouseRow[] = [];
    let after: string | undefined;
    do {
      const page = await store.scan(key, { size: 10, ...(after ? { after } : {}) });
      seen.push(...page.rows);
      after = page.next;
    } while (after);
    expect(seen.map((r) => r.id).sort()).toEqual(rows.map((r) => r.id).sort());
    const sample = seen.find((r) => r.id === rows[3]?.id);
    expect(sample).toEqual({ ...rows[3], payload: Buffer.from(rows[3]?.payload ?? []) });
  });

  test('rows of one partition are written in batches of batchRows, whole, and beside other partitions', async () => {
    const batched = createCassandraEventStore(client, { keyspace, batchRows: 7, concurrency: 3 });
    const key = warehouseKeyOf('batcher', newUuidV7(Date.now()), 1);
    const inOne = Array.from({ length: 30 }, (_, i) => ({
      ...row(newUuidV7(Date.now()), i, 'batcher'),
      key,
    }));
    const elsewhere = Array.from({ length: 12 }, (_, i) =>
      row(newUuidV7(Date.now()), 100 + i, 'batcher-other'),
    );
    await batched.insert([...inOne, ...elsewhere]);
    const found = await store.canonicalSources([...inOne, ...elsewhere]);
    expect(found.size).toBe(42);
    expect(found.get(elsewhere[5]?.id ?? '')).toEqual({ partition: 2, offset: '105' });
    const page = await store.scan(key, { size: 100 });
    expect(page.rows.map((r) => r.id).sort()).toEqual(inOne.map((r) => r.id).sort());
    const sample = page.rows.find((r) => r.id === inOne[20]?.id);
    expect(sample).toEqual({ ...inOne[20], payload: Buffer.from(inOne[20]?.payload ?? []) });
  });

  test('the shard count is fixed by the first caller', async () => {
    expect(await store.fixShards(4)).toBe(4);
    expect(await store.fixShards(16)).toBe(4);
  });
});
