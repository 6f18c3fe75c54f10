import { afterAll, describe, expect, test } from 'vitest';
import { testEngineConfig, uniqueName } from '../../testing/engines.ts';
import { createCassandraClient } from './cassandra-client.ts';
import { migrateCassandra } from './cassandra-migrations.ts';

const config = testEngineConfig();
const client = createCassandraClient({ ...config.cassandra, keyspace: undefined });
const keyspace = uniqueName('test');
const migrations = [
  {
    version: 1,
    name: 'notes',
    statements: [
      'CREATE TABLE IF NOT EXISTS {keyspace}.notes (tenant text, id timeuuid, body text, PRIMARY KEY (tenant, id))',
    ],
  },
  {
    version: 2,
    name: 'notes.size',
    statements: ['ALTER TABLE {keyspace}.notes ADD size int'],
  },
];
const options = { keyspace, replication: { class: 'SimpleStrategy', replication_factor: 1 }, migrations };

afterAll(async () => {
  await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`).catch(() => {});
  await client.shutdown();
});

describe('Cassandra through cassandra-driver', () => {
  test('migrations apply in order once, then are recorded and skipped', async () => {
    expect(await migrateCassandra(client, { ...options, migrations: migrations.slice(0, 1) })).toEqual([1]);
    expect(await migrateCassandra(client, options)).toEqual([2]);
    expect(await migrateCassandra(client, options)).toEqual([]);
    const rows = await client.execute(`SELECT version, name FROM ${keyspace}.schema_migrations`);
    expect(rows.rows.map((row) => [row.get('version'), row.get('name')]).sort()).toEqual([
      [1, 'notes'],
      [2, 'notes.size'],
    ]);
  });

  test('a row written with a prepared statement is read back whole', async () => {
    await migrateCassandra(client, options);
    const id = '50554d6e-29bb-11e5-b345-feff819cdc9f';
    await client.execute(
      `INSERT INTO ${keyspace}.notes (tenant, id, body, size) VALUES (?, ?, ?, ?)`,
      ['acme', id, 'hello', 5],
      { prepare: true },
    );
    const result = await client.execute(
      `SELECT tenant, id, body, size FROM ${keyspace}.notes WHERE tenant = ?`,
      ['acme'],
      {
        prepare: true,
      },
    );
    expect(
      result.rows.map((row) => ({
        tenant: row.get('tenant'),
        id: String(row.get('id')),
        body: row.get('body'),
        size: row.get('size'),
      })),
    ).toEqual([{ tenant: 'acme', id, body: 'hello', size: 5 }]);
  });

  test('an invalid keyspace name is refused before any CQL runs', async () => {
    await expect(migrateCassandra(client, { ...options, keyspace: 'x; DROP' })).rejects.toMatchObject({
      code: 'CASSANDRA_MIGRATION_FAILED',
      retriable: false,
    });
  });
});
