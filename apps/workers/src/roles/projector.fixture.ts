import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  applyRecord,
  docKeysFor,
  emptyDoc,
  engineConfigFrom,
  engineEnvSchema,
  manifestGroup,
  type PartialDoc,
  parseEnv,
  partialDocId,
  type TrackedEvent,
  type ViewDefinition,
  type ViewTarget,
} from '@tidemark/core';
import { createCassandraClient, createCassandraViewStore } from '@tidemark/core/cassandra';
import { createKafka, createKafkaEventLog } from '@tidemark/core/kafka';
import { migrate } from '@tidemark/core/migrate';
import { createOpenSearchClient, createOpenSearchSeriesStore } from '@tidemark/core/opensearch';
import { uniqueName, waitFor } from '@tidemark/core/testing';
import { decodeTrackedEvent, encodeTrackedEvent } from '@tidemark/proto';

/**
 * A namespace, keyspace and view-index prefix of a test file's own, with the worker roles run as in
 * production (`node src/main.ts`) and the oracle of invariant 4: views computed from scratch over the
 * warehouse rows with the same fold the projector uses.
 */
export function createProjectorHarness(name: string) {
  const namespace = uniqueName(name).replaceAll('_', '-');
  const keyspace = uniqueName(name);
  const testEnv = {
    ...process.env,
    TIDEMARK_NAMESPACE: namespace,
    CASSANDRA_KEYSPACE: keyspace,
    OPENSEARCH_VIEW_PREFIX: `${namespace}-views`.toLowerCase(),
    KAFKA_PARTITIONS: '3',
  };
  const engines = engineConfigFrom(parseEnv(engineEnvSchema, testEnv));
  const topics = engines.names.topics;
  const kafka = createKafka({ brokers: engines.kafkaBrokers, clientId: `tidemark-${name}-test` });
  const admin = kafka.admin();
  const eventLog = createKafkaEventLog(kafka);
  const cassandra = createCassandraClient({ ...engines.cassandra, keyspace: undefined });
  const opensearch = createOpenSearchClient(engines.opensearch);
  const series = createOpenSearchSeriesStore(opensearch, { prefix: engines.opensearch.viewPrefix });
  const views = createCassandraViewStore(cassandra, { keyspace });
  const running = new Set<ChildProcess>();

  function startRole(role: 'warehouse' | 'projector' | 'replay', extra: Record<string, string> = {}) {
    const child = spawn(process.execPath, [join(import.meta.dirname, '..', 'main.ts')], {
      env: {
        ...testEnv,
        TM_ROLE: role,
        WORKERS_PORT: '0',
        LOG_LEVEL: 'warn',
        WAREHOUSE_SHARDS: '8',
        ...extra,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    running.add(child);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => {
        running.delete(child);
        resolve({ code, signal });
      }),
    );
    return { child, exited };
  }

  const publish = (events: readonly TrackedEvent[]) =>
    eventLog.append(
      topics.events,
      events.map((event) => ({
        key: event.id,
        value: encodeTrackedEvent(event),
        headers: { 'tm-tenant': event.tenant },
      })),
    );

  /** Waits until `group` has committed the end of every partition of `topic`. */
  async function committedToEnd(group: string, topic: string, timeoutMs = 120_000) {
    await waitFor(
      `${group} to commit the end of ${topic}`,
      async () => {
        const ends = await admin.fetchTopicOffsets(topic);
        const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
        const done = ends.every(
          (end) =>
            end.high === '0' ||
            committed?.partitions.find((p) => p.partition === end.partition)?.offset === end.high,
        );
        return done ? true : undefined;
      },
      timeoutMs,
    );
  }

  /** The warehouse rows as the projector must count them: each event's canonical copy, decoded. */
  async function canonicalRecords() {
    const result = await cassandra.execute(
      `SELECT payload, source_partition, source_offset FROM ${keyspace}.events`,
      [],
      { fetchSize: 5000 },
    );
    const records = [];
    for await (const row of result)
      records.push({
        event: decodeTrackedEvent(row.get('payload') as Buffer),
        topic: topics.events,
        partition: row.get('source_partition') as number,
        offset: BigInt(String(row.get('source_offset'))),
      });
    return records.sort((a, b) => a.partition - b.partition || (a.offset < b.offset ? -1 : 1));
  }

  /** Invariant 4's oracle: every partial document of a view generation, from scratch over the warehouse. */
  async function expectedDocs(target: ViewTarget): Promise<Map<string, PartialDoc>> {
    const docs = new Map<string, PartialDoc>();
    for (const record of await canonicalRecords()) {
      for (const key of docKeysFor(target, record)) {
        const id = partialDocId(key);
        if (!docs.has(id)) docs.set(id, emptyDoc(key, target.definition));
      }
      applyRecord(docs, target, record);
    }
    for (const [id, doc] of docs) if (doc.version < 0n) docs.delete(id); // never touched: never written
    return docs;
  }

  /** The stored documents for the oracle's keys, as comparable plain values. */
  async function compareWithStore(target: ViewTarget) {
    const expected = [...(await expectedDocs(target)).values()];
    const stored = await series.load(
      expected.map((doc) => doc.key),
      () => target.definition,
    );
    const plain = (doc: PartialDoc) => ({
      key: doc.key,
      version: doc.version.toString(),
      count: doc.partial.count,
      values: doc.partial.values,
      sum: doc.partial.sum,
      min: doc.partial.min,
      max: doc.partial.max,
      uniques: doc.partial.uniques ? Buffer.from(doc.partial.uniques).toString('base64') : undefined,
      quantiles: doc.partial.quantiles
        ? JSON.stringify([...doc.partial.quantiles.positive].sort())
        : undefined,
      groups: doc.key.group === manifestGroup ? doc.groups : undefined,
    });
    return { expected: expected.map(plain), stored: stored.map(plain) };
  }

  return {
    namespace,
    keyspace,
    engines,
    topics,
    kafka,
    admin,
    cassandra,
    opensearch,
    series,
    views,
    startRole,
    publish,
    committedToEnd,
    canonicalRecords,
    expectedDocs,
    compareWithStore,
    async setUp() {
      await admin.connect();
      await migrate(engines);
    },
    async tearDown() {
      for (const child of running) child.kill('SIGKILL');
      await eventLog.close();
      await admin.deleteTopics({ topics: Object.values(topics) }).catch(() => {});
      await admin.disconnect();
      await opensearch.indices.delete({ index: `${engines.opensearch.viewPrefix}-*` }).catch(() => {});
      await opensearch.indices.deleteIndexTemplate({ name: engines.opensearch.viewPrefix }).catch(() => {});
      await opensearch.close();
      await cassandra.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`).catch(() => {});
      await cassandra.shutdown();
    },
  };
}

export type ProjectorHarness = ReturnType<typeof createProjectorHarness>;

export const salesView: ViewDefinition = {
  id: 'sales',
  title: 'Sales by country',
  filter: { names: ['purchase'], properties: {} },
  groupBy: ['country'],
  metrics: ['count', 'sum', 'min', 'max', 'avg', 'uniques', 'p50', 'p90', 'p99'],
  value: 'amount',
  groupCap: 3,
};
