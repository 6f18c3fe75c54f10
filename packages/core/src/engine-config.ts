import { z } from 'zod';
import type { CassandraConfig } from './adapters/cassandra/cassandra-client.ts';
import type { OpenSearchConfig } from './adapters/opensearch/opensearch-client.ts';
import {
  defaultKeyspace,
  defaultViewIndexPrefix,
  type GroupNames,
  groupNames,
  type TopicLayout,
  type TopicNames,
  topicNames,
} from './domain/names.ts';

const list = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string()).min(1));
const count = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

/**
 * The environment variables every Tidemark process shares to reach the engines. Apps extend this schema
 * in their own env.ts; packages never read the environment themselves.
 */
export const engineEnvSchema = z.object({
  TIDEMARK_NAMESPACE: z
    .string()
    .regex(/^[a-z][a-z0-9_-]{0,40}$/, 'lower-case letters, digits, _ and -')
    .default('tidemark'),
  KAFKA_BROKERS: list.default(['127.0.0.1:9092']),
  CASSANDRA_CONTACT_POINTS: list.default(['127.0.0.1:9042']),
  CASSANDRA_LOCAL_DC: z.string().default('datacenter1'),
  CASSANDRA_KEYSPACE: z.string().default(defaultKeyspace),
  CASSANDRA_REPLICATION_FACTOR: count(1),
  OPENSEARCH_URL: z.string().url().default('http://127.0.0.1:9200'),
  OPENSEARCH_REPLICAS: z.coerce.number().int().min(0).default(0),
  OPENSEARCH_VIEW_PREFIX: z.string().default(defaultViewIndexPrefix),
  KAFKA_PARTITIONS: count(6),
  KAFKA_REPLICATION_FACTOR: count(1),
  KAFKA_MIN_INSYNC_REPLICAS: count(1),
});

export type EngineEnv = z.infer<typeof engineEnvSchema>;

export interface EngineConfig {
  readonly kafkaBrokers: readonly string[];
  readonly names: { readonly topics: TopicNames; readonly groups: GroupNames };
  readonly topics: TopicLayout;
  readonly cassandra: CassandraConfig & { readonly keyspace: string; readonly replicationFactor: number };
  readonly opensearch: OpenSearchConfig & { readonly replicas: number; readonly viewPrefix: string };
}

export function engineConfigFrom(env: EngineEnv): EngineConfig {
  return {
    kafkaBrokers: env.KAFKA_BROKERS,
    names: { topics: topicNames(env.TIDEMARK_NAMESPACE), groups: groupNames(env.TIDEMARK_NAMESPACE) },
    topics: {
      partitions: env.KAFKA_PARTITIONS,
      replicationFactor: env.KAFKA_REPLICATION_FACTOR,
      minInsyncReplicas: env.KAFKA_MIN_INSYNC_REPLICAS,
    },
    cassandra: {
      contactPoints: env.CASSANDRA_CONTACT_POINTS,
      localDataCenter: env.CASSANDRA_LOCAL_DC,
      keyspace: env.CASSANDRA_KEYSPACE,
      replicationFactor: env.CASSANDRA_REPLICATION_FACTOR,
    },
    opensearch: {
      node: env.OPENSEARCH_URL,
      replicas: env.OPENSEARCH_REPLICAS,
      viewPrefix: env.OPENSEARCH_VIEW_PREFIX,
    },
  };
}

/** Parses an app's environment once, listing every bad variable in one readable error. */
export function parseEnv<T extends z.ZodType>(
  schema: T,
  source: Record<string, string | undefined>,
): Readonly<z.infer<T>> {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new Error(`invalid environment:\n${lines.join('\n')}`);
  }
  return Object.freeze(parsed.data);
}
