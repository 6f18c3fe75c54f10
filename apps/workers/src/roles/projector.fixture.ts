import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  addEvent,
  applyRecord,
  bucketOf,
  docKeysFor,
  emptyDoc,
  emptyPartial,
  engineConfigFrom,
  engineEnvSchema,
  groupOf,
  manifestGroup,
  mergePartial,
  metricValues,
  newReplayJob,
  newUuidV7,
  nextRebuildGeneration,
  type PartialDoc,
  parseEnv,
  partialDocId,
  type ReplayJob,
  type ReplayStatus,
  type TrackedEvent,
  type ViewDefinition,
  type ViewMetric,
  type ViewPartial,
  type ViewTarget,
  viewIndexName,
  viewMatches,
} from '@tidemark/core';
import {
  createCassandraClient,
  createCassandraReplayJobStore,
  createCassandraViewStore,
} from '@tidemark/core/cassandra';
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
  const jobs = createCassandraReplayJobStore(cassandra, { keyspace });
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

  /** Makes every write to the view indices searchable. */
  async function refreshViews() {
    await opensearch.indices.refresh({
      index: `${engines.opensearch.viewPrefix}-*`,
      ignore_unavailable: true,
      allow_no_indices: true,
    });
  }

  /** Every document stored for one view generation: its version, count and source topic by `_id`. */
  async function storedVersions(
    target: ViewTarget,
  ): Promise<Map<string, { version: number; count: number; topic: string }>> {
    await refreshViews();
    const index = viewIndexName(engines.opensearch.viewPrefix, {
      tenant: target.tenant,
      view: target.definition.id,
      generation: target.generation,
    });
    const { body } = await opensearch.search({
      index,
      ignore_unavailable: true,
      body: { size: 10_000, version: true, _source: ['count', 'topic'], query: { match_all: {} } },
    });
    const hits = body.hits.hits as {
      _id: string;
      _version: number;
      _source: { count: number; topic: string };
    }[];
    if (hits.length >= 10_000) throw new Error(`${index} holds more documents than one page`);
    return new Map(
      hits.map((hit) => [
        hit._id,
        { version: hit._version, count: hit._source.count, topic: hit._source.topic },
      ]),
    );
  }

  /** The `_id` of every document stored for one view generation, sorted. */
  async function storedIds(target: ViewTarget): Promise<string[]> {
    return [...(await storedVersions(target)).keys()].sort();
  }

  /**
   * Invariant 4 for one generation fed by the live topic only: the stored documents are exactly the oracle's,
   * field by field and version by version, and no other document exists.
   */
  async function exactness(target: ViewTarget) {
    const { expected, stored } = await compareWithStore(target);
    const expectedIds = expected.map((doc) => partialDocId(doc.key)).sort();
    return { expected, stored, expectedIds, storedIds: await storedIds(target) };
  }

  /**
   * Per (bucket, group) metrics of a view computed from scratch over the warehouse rows, merged across
   * partitions and topics the way queries merge them. `allGroups` folds every group into one cell per bucket.
   */
  async function oracleCells(tenant: string, definition: ViewDefinition, allGroups = false) {
    const cells = new Map<string, ViewPartial>();
    for (const { event } of await canonicalRecords()) {
      if (event.tenant !== tenant || !viewMatches(definition, event)) continue;
      const id = `${bucketOf(event.timestamp)} ${allGroups ? '*' : groupOf(definition, event)}`;
      let partial = cells.get(id);
      if (!partial) {
        partial = emptyPartial(definition);
        cells.set(id, partial);
      }
      addEvent(partial, definition, event);
    }
    return valuesOf(cells, definition);
  }

  /** The same cells as the store answers a query over one generation (sketches merged). */
  async function storedCells(
    tenant: string,
    definition: ViewDefinition,
    generation: number,
    range: { from: number; to: number },
    allGroups = false,
  ) {
    await refreshViews();
    const cells = new Map<string, ViewPartial>();
    for (const cell of await series.read({
      tenant,
      view: definition.id,
      generation,
      ...range,
      intervalMs: 60_000,
      sketches: true,
    })) {
      const id = `${cell.bucket} ${allGroups ? '*' : cell.group}`;
      const partial = cells.get(id) ?? emptyPartial(definition);
      mergePartial(partial, cell.partial);
      cells.set(id, partial);
    }
    return valuesOf(cells, definition);
  }

  /** Creates a rebuild job of a view as `npm run replay -- start --mode rebuild` does. */
  async function startRebuild(tenant: string, view: string, options: { rateLimit?: number } = {}) {
    const current = await views.get(tenant, view);
    if (!current) throw new Error(`no view ${tenant}/${view}`);
    const now = Date.now();
    const generation = nextRebuildGeneration(await jobs.list(tenant), tenant, view, current);
    const job = newReplayJob(
      {
        tenant,
        mode: 'rebuild',
        view,
        generation,
        since: now - 2 * 86_400_000,
        startedBy: 'test',
        ...options,
      },
      newUuidV7(now),
      now,
    );
    await jobs.create(job);
    return { job, generation };
  }

  /** Waits until a job reaches `status` and returns it. */
  function jobEnded(id: string, status: ReplayStatus, timeoutMs = 120_000): Promise<ReplayJob> {
    return waitFor(
      `replay job ${id} to be ${status}`,
      async () => {
        const job = await jobs.get(id);
        if (job && job.status !== status && ['done', 'cancelled', 'failed'].includes(job.status))
          throw new Error(`job ${id} ended ${job.status}: ${job.error ?? ''}`);
        return job?.status === status ? job : undefined;
      },
      timeoutMs,
    );
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
    jobs,
    refreshViews,
    storedVersions,
    storedIds,
    exactness,
    oracleCells,
    storedCells,
    startRebuild,
    jobEnded,
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

/** What a role's process exit looked like. */
export interface RoleExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

const comparedMetrics: readonly ViewMetric[] = ['count', 'sum', 'min', 'max', 'uniques', 'p50', 'p90', 'p99'];

function valuesOf(cells: Map<string, ViewPartial>, definition: ViewDefinition) {
  const metrics = comparedMetrics.filter(
    (metric) => metric === 'count' || definition.metrics.includes(metric),
  );
  return Object.fromEntries(
    [...cells.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([id, partial]) => [id, metricValues(partial, metrics)]),
  );
}

const countries = ['fr', 'de', 'us', 'jp', 'br', 'in', 'es', 'it'];

/**
 * Event `i` of a test's traffic at id time `at`: mostly purchases (a fifth are signups), 37 users, amounts
 * 1-50, and countries skewed so that most traffic falls in few of them and partitions meet the sales view's
 * cap at different moments. `spread` widens the countries used (at most 8).
 */
export function sampleEvent(tenant: string, i: number, at: number, spread = 6): TrackedEvent {
  return {
    id: newUuidV7(at),
    tenant,
    name: i % 5 === 0 ? 'signup' : 'purchase',
    timestamp: at - (i % 7) * 1000,
    sentAt: at,
    receivedAt: at + 3,
    userId: `user-${i % 37}`,
    properties: {
      country: countries[Math.floor((i * i) % 11) % Math.min(spread, countries.length)] ?? 'fr',
      amount: (i % 50) + 1,
    },
    context: { transport: 'http' },
  };
}

/** A retried copy of an event: the same id, sent again later, so its corrected event time differs. */
export function retriedCopy(event: TrackedEvent, laterMs: number): TrackedEvent {
  return { ...event, sentAt: event.sentAt + laterMs, timestamp: event.timestamp + laterMs + 1000 };
}

export const salesView: ViewDefinition = {
  id: 'sales',
  title: 'Sales by country',
  filter: { names: ['purchase'], properties: {} },
  groupBy: ['country'],
  metrics: ['count', 'sum', 'min', 'max', 'avg', 'uniques', 'p50', 'p90', 'p99'],
  value: 'amount',
  groupCap: 3,
};
