import { createHash } from 'node:crypto';
import { topicNames, topicSpecs } from '@tidemark/core';
import { createCassandraClient } from '@tidemark/core/cassandra';
import { createKafka, ensureTopics } from '@tidemark/core/kafka';
import { createOpenSearchClient } from '@tidemark/core/opensearch';
import { testEngineConfig, uniqueName, waitFor } from '@tidemark/core/testing';
import { encodeInvalidEvent } from '@tidemark/proto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createKafkaPipelineMonitor } from './kafka-pipeline-monitor.ts';

// Against the real engines, on topics and groups of a namespace of this test's own.
const config = testEngineConfig();
const namespace = uniqueName('tmweb').replace(/_/g, '-');
const topics = topicNames(namespace);
const warehouseGroup = `${namespace}-warehouse`;
const projectorGroup = `${namespace}-projector`;
const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: 'tidemark-web-test' });
const admin = kafka.admin();
const producer = kafka.producer();
const cassandra = createCassandraClient({ ...config.cassandra, keyspace: undefined });
const opensearch = createOpenSearchClient(config.opensearch);
const monitor = createKafkaPipelineMonitor({
  kafka,
  cassandra,
  opensearch,
  topics,
  groupPrefix: `${namespace}-`,
  warehouseGroup,
  projectorGroup,
  invalidPerPartition: 3,
});

const invalidRecord = (tenant: string, code: string, receivedAt: number, body: string) => ({
  key: tenant,
  value: Buffer.from(
    encodeInvalidEvent({
      tenant,
      head: Buffer.from(body),
      size: body.length,
      sha256: createHash('sha256').update(body).digest(),
      code,
      reason: `${code} reason`,
      transport: 'http',
      receivedAt,
    }),
  ),
});

beforeAll(async () => {
  await admin.connect();
  await ensureTopics(
    admin,
    topicSpecs({ partitions: 2, replicationFactor: 1, minInsyncReplicas: 1 }, topics),
  );
  await producer.connect();
  await producer.send({
    topic: topics.events,
    messages: Array.from({ length: 10 }, (_, index) => ({
      key: `k${index}`,
      value: 'x',
      partition: index % 2,
    })),
  });
  // The warehouse group has committed 2 of partition 0's 5 records and nothing on partition 1.
  await admin.setOffsets({
    groupId: warehouseGroup,
    topic: topics.events,
    partitions: [{ partition: 0, offset: '2' }],
  });
  await admin.setOffsets({
    groupId: projectorGroup,
    topic: topics.events,
    partitions: [
      { partition: 0, offset: '1' },
      { partition: 1, offset: '4' },
    ],
  });
  await producer.send({
    topic: topics.invalid,
    messages: [
      ...Array.from({ length: 5 }, (_, index) => ({
        ...invalidRecord('acme', 'INGEST_INVALID_NAME', 1000 + index, `{"n":${index}}`),
        partition: 0,
      })),
      { ...invalidRecord('globex', 'INGEST_MALFORMED_JSON', 2000, '\u0000{bad'), partition: 1 },
      { key: 'junk', value: Buffer.from([0xff, 0xff, 0xff]), partition: 1 },
    ],
  });
});

afterAll(async () => {
  await monitor.close();
  await admin.deleteGroups([warehouseGroup, projectorGroup]).catch(() => {});
  await admin.deleteTopics({ topics: Object.values(topics) }).catch(() => {});
  await Promise.allSettled([admin.disconnect(), producer.disconnect(), cassandra.shutdown()]);
});

describe('createKafkaPipelineMonitor', () => {
  test('reports every engine healthy', async () => {
    expect(await monitor.health()).toEqual([
      {
        engine: 'kafka',
        ok: true,
        latencyMs: expect.any(Number),
        detail: expect.stringMatching(/^\d+ brokers?, controller/),
      },
      {
        engine: 'cassandra',
        ok: true,
        latencyMs: expect.any(Number),
        detail: expect.stringMatching(/^Cassandra \d/),
      },
      {
        engine: 'opensearch',
        ok: true,
        latencyMs: expect.any(Number),
        detail: expect.stringMatching(/^status (green|yellow)/),
      },
    ]);
  });

  test('lists the four topics with partitions and offsets', async () => {
    const listed = await monitor.topics();
    expect(listed.map((topic) => [topic.role, topic.topic, topic.partitions.length])).toEqual([
      ['events', topics.events, 2],
      ['replay', topics.replay, 2],
      ['invalid', topics.invalid, 2],
      ['seriesUpdates', topics.seriesUpdates, 2],
    ]);
    expect(listed[0]?.partitions).toEqual([
      { partition: 0, leader: expect.any(Number), replicas: 1, inSync: 1, low: 0, high: 5 },
      { partition: 1, leader: expect.any(Number), replicas: 1, inSync: 1, low: 0, high: 5 },
    ]);
  });

  test('gives the lag of the namespace groups per partition, and offset totals', async () => {
    const lag = await monitor.lag();
    expect(lag).toEqual([
      {
        group: projectorGroup,
        state: 'Empty',
        members: 0,
        topics: [
          {
            topic: topics.events,
            lag: 5,
            partitions: [
              { partition: 0, committed: 1, end: 5, lag: 4 },
              { partition: 1, committed: 4, end: 5, lag: 1 },
            ],
          },
        ],
        lag: 5,
      },
      {
        group: warehouseGroup,
        state: 'Empty',
        members: 0,
        topics: [
          { topic: topics.events, lag: 3, partitions: [{ partition: 0, committed: 2, end: 5, lag: 3 }] },
        ],
        lag: 3,
      },
    ]);
    expect(await monitor.offsetTotals()).toEqual({
      at: expect.any(Number),
      produced: { events: 10, replay: 0, invalid: 7, seriesUpdates: 0 },
      warehoused: 2,
      projected: 5,
    });
  });

  test('keeps the last records of each invalid-events partition, decoded, per tenant', async () => {
    const page = await waitFor('the tail to catch up', async () => {
      const result = await monitor.invalidEvents({ limit: 100 });
      return result.state === 'live' ? result : undefined;
    });
    // 3 kept of partition 0's 5 (newest), both of partition 1's, the undecodable one among them.
    expect(page.events.map((event) => [event.tenant, event.code, event.offset])).toEqual([
      ['globex', 'INGEST_MALFORMED_JSON', 0],
      ['acme', 'INGEST_INVALID_NAME', 4],
      ['acme', 'INGEST_INVALID_NAME', 3],
      ['acme', 'INGEST_INVALID_NAME', 2],
      ['', 'UNDECODABLE', 1],
    ]);
    expect(page.events[0]).toEqual({
      partition: 1,
      offset: 0,
      tenant: 'globex',
      code: 'INGEST_MALFORMED_JSON',
      reason: 'INGEST_MALFORMED_JSON reason',
      transport: 'http',
      receivedAt: 2000,
      size: 5,
      sha256: createHash('sha256').update('\u0000{bad').digest('hex'),
      preview: '\uFFFD{bad',
    });
    const acme = await monitor.invalidEvents({ tenant: 'acme', limit: 2 });
    expect(acme.events.map((event) => event.offset)).toEqual([4, 3]);
    expect(acme.codes).toEqual([{ code: 'INGEST_INVALID_NAME', count: 3 }]);

    await producer.send({
      topic: topics.invalid,
      messages: [{ ...invalidRecord('acme', 'INGEST_LATE', 3000, '{}'), partition: 0 }],
    });
    await waitFor('a new record to be tailed', async () =>
      (await monitor.invalidEvents({ tenant: 'acme', code: 'INGEST_LATE', limit: 10 })).events.length === 1
        ? true
        : undefined,
    );
  });
});
