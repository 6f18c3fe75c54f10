import type cassandra from 'cassandra-driver';
import { migrateCassandra } from '../adapters/cassandra/cassandra-migrations.ts';
import { cassandraMigrations } from '../adapters/cassandra/cassandra-schema.ts';

/** A test's own keyspace with Tidemark's whole schema, on one local replica. */
export async function migrateTestKeyspace(client: cassandra.Client, keyspace: string): Promise<void> {
  await migrateCassandra(client, {
    keyspace,
    replication: { class: 'SimpleStrategy', replication_factor: 1 },
    migrations: cassandraMigrations,
  });
}
