import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testEngineConfig, uniqueName } from '../../testing/engines.ts';
import { readTopicUntil } from '../../testing/kafka-reader.ts';
import { createKafka } from './kafka-client.ts';
import { partitionOf } from './kafka-partitioner.ts';
import { createThreadedKafkaEventLog } from './kafka-threaded-event-log.ts';
import { ensureTopics } from './kafka-topics.ts';

const config = testEngineConfig();
const kafkaConfig = { brokers: config.kafkaBrokers, clientId: 'tidemark-test-threaded' };
const kafka = createKafka(kafkaConfig);
const admin = kafka.admin();
const topic = uniqueName('test.threaded');

beforeAll(async () => {
  await admin.connect();
  await ensureTopics(admin, [
    { name: topic, partitions: 3, replicationFactor: 1, configs: { 'min.insync.replicas': '1' } },
  ]);
});
afterAll(async () => {
  await admin.deleteTopics({ topics: [topic] }).catch(() => {});
  await admin.disconnect();
});

describe('the Kafka event log in a worker thread', () => {
  test('acknowledged records are on the topic with their keys, values, headers and key partitions', async () => {
    const log = createThreadedKafkaEventLog(kafkaConfig);
    const shared = { 'tm-tenant': 'acme', 'tm-schema': 'tidemark.v1.Event' };
    const sharedBatch = Array.from({ length: 30 }, (_, i) => ({
      key: `shared-${i}`,
      value: new TextEncoder().encode(`value-${i}`.repeat(i % 4)),
      headers: shared,
    }));
    const mixedBatch = Array.from({ length: 10 }, (_, i) => ({
      key: `mixed-${i}`,
      value: new Uint8Array([i, 255 - i]),
      ...(i % 2 === 0 ? { headers: { 'tm-tenant': `t${i}` } } : {}),
    }));
    await Promise.all([log.append(topic, sharedBatch), log.append(topic, mixedBatch)]);
    await log.close();

    const read = await readTopicUntil(kafka, topic, (records) => records.length >= 40);
    const byKey = new Map(read.map((record) => [record.key, record]));
    expect(read).toHaveLength(40);
    for (const sent of [...sharedBatch, ...mixedBatch]) {
      const got = byKey.get(sent.key);
      expect(got, sent.key).toBeDefined();
      expect(new Uint8Array(got?.value ?? [])).toEqual(sent.value);
      expect(got?.headers).toEqual(sent.headers ?? {});
      expect(got?.partition).toBe(partitionOf(sent.key, 3));
    }
  });

  test('failures come back as InfraErrors with their code, and the log keeps working after them', async () => {
    const dead = createThreadedKafkaEventLog(
      { brokers: ['127.0.0.1:1'], clientId: 'tidemark-test-threaded-dead' },
      { retries: 1, timeoutMs: 2000, maxQueuedBytes: 100 },
    );
    const first = dead.append(topic, [{ key: 'k', value: new Uint8Array(90) }]);
    await expect(dead.append(topic, [{ key: 'k', value: new Uint8Array(90) }])).rejects.toMatchObject({
      name: 'InfraError',
      code: 'KAFKA_QUEUE_FULL',
      retriable: true,
    });
    await expect(first).rejects.toMatchObject({ code: 'KAFKA_UNAVAILABLE', retriable: true });
    await expect(dead.append(topic, [{ key: 'k', value: new Uint8Array(90) }])).rejects.toMatchObject({
      code: 'KAFKA_UNAVAILABLE',
    });
    await dead.close();
  });
});
