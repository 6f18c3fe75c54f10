import { createCassandraClient } from './adapters/cassandra/cassandra-client.ts';
import { migrateCassandra } from './adapters/cassandra/cassandra-migrations.ts';
import { cassandraMigrations } from './adapters/cassandra/cassandra-schema.ts';
import { createKafka } from './adapters/kafka/kafka-client.ts';
import { ensureTopics } from './adapters/kafka/kafka-topics.ts';
import { createOpenSearchClient } from './adapters/opensearch/opensearch-client.ts';
import { putViewIndexTemplate } from './adapters/opensearch/opensearch-templates.ts';
import { topicSpecs } from './domain/names.ts';
import type { EngineConfig } from './engine-config.ts';

export interface MigrationReport {
  readonly topicsCreated: string[];
  readonly cassandraVersionsApplied: number[];
  readonly indexTemplate: string;
}

/**
 * Brings every engine to the schema this code expects: topics, keyspace and tables, index templates.
 * Idempotent, and safe to run from several processes at once; every app runs it at start.
 */
export async function migrate(config: EngineConfig): Promise<MigrationReport> {
  const admin = createKafka({ brokers: config.kafkaBrokers, clientId: 'tidemark-migrate' }).admin();
  const cassandra = createCassandraClient({ ...config.cassandra, keyspace: undefined });
  const opensearch = createOpenSearchClient(config.opensearch);
  try {
    await admin.connect();
    const [topics, versions] = await Promise.all([
      ensureTopics(admin, topicSpecs(config.topics, config.names.topics)),
      migrateCassandra(cassandra, {
        keyspace: config.cassandra.keyspace,
        replication: { class: 'SimpleStrategy', replication_factor: config.cassandra.replicationFactor },
        migrations: cassandraMigrations,
      }),
      putViewIndexTemplate(opensearch, {
        prefix: config.opensearch.viewPrefix,
        replicas: config.opensearch.replicas,
      }),
    ]);
    return {
      topicsCreated: topics.created,
      cassandraVersionsApplied: versions,
      indexTemplate: config.opensearch.viewPrefix,
    };
  } finally {
    await Promise.allSettled([admin.disconnect(), cassandra.shutdown(), opensearch.close()]);
  }
}
