import type cassandra from 'cassandra-driver';
import { InfraError } from '../../errors.ts';

/** One schema step. Statements must be idempotent (IF NOT EXISTS) since a crash can repeat a step. */
export interface CassandraMigration {
  readonly version: number;
  readonly name: string;
  /** CQL with `{keyspace}` standing for the keyspace name. */
  readonly statements: readonly string[];
}

export interface CassandraMigrationOptions {
  readonly keyspace: string;
  /** e.g. { class: 'SimpleStrategy', replication_factor: 1 } locally, NetworkTopologyStrategy in production. */
  readonly replication: Readonly<Record<string, string | number>>;
  readonly migrations: readonly CassandraMigration[];
}

/**
 * Creates the keyspace and applies, in version order, every migration not yet recorded in
 * `<keyspace>.schema_migrations`. Returns the versions applied by this call.
 */
export async function migrateCassandra(
  client: cassandra.Client,
  options: CassandraMigrationOptions,
): Promise<number[]> {
  const { keyspace } = options;
  if (!/^[a-z][a-z0-9_]{0,47}$/.test(keyspace)) {
    throw new InfraError('CASSANDRA_MIGRATION_FAILED', `invalid keyspace name ${JSON.stringify(keyspace)}`, {
      retriable: false,
    });
  }
  const replication = JSON.stringify(options.replication).replaceAll('"', "'");
  const run = async (cql: string) => {
    try {
      await client.execute(cql.replaceAll('{keyspace}', keyspace));
    } catch (error) {
      throw new InfraError('CASSANDRA_MIGRATION_FAILED', `migration statement failed: ${cql}`, {
        retriable: true,
        cause: error,
      });
    }
  };
  await run(`CREATE KEYSPACE IF NOT EXISTS {keyspace} WITH replication = ${replication}`);
  await run(
    'CREATE TABLE IF NOT EXISTS {keyspace}.schema_migrations (version int PRIMARY KEY, name text, applied_at timestamp)',
  );
  const done = await client.execute(`SELECT version FROM ${keyspace}.schema_migrations`);
  const applied = new Set(done.rows.map((row) => row.get('version') as number));
  const pending = [...options.migrations]
    .filter((migration) => !applied.has(migration.version))
    .sort((a, b) => a.version - b.version);
  for (const migration of pending) {
    for (const statement of migration.statements) await run(statement);
    await client.execute(
      `INSERT INTO ${keyspace}.schema_migrations (version, name, applied_at) VALUES (?, ?, toTimestamp(now()))`,
      [migration.version, migration.name],
      { prepare: true },
    );
  }
  return pending.map((migration) => migration.version);
}
