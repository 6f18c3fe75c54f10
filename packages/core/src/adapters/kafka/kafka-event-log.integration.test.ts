import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testEngineConfig, uniqueName, waitFor } from '../../testing/engines.ts';
import { createKafka } from './kafka-client.ts';
import { createKafkaEventLog } from './kafka-event-log.ts';
import { ensureTopics } from './kafka-topics.ts';

const config = testEngineConfig();
const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: 'tidemark-test' });
const admin = kafka.admin();
const topic = uniqueName('test.events');
const spec = { name: topic, partitions: 3, replicationFactor: 1, configs: { 'min.insync.replicas': '1' } };

beforeAll(async () => {
  await admin.connect();
});
afterAll(async () => {
  await admin.deleteTopics({ topics: [topic] }).catch(() => {});
  await admin.disconnect();
});

describe('Kafka through kafkajs', () => {
  test('ensureTopics creates a topic once and then reports it as existing', async () => {
    expect(await ensureTopics(admin, [spec])).toEqual({ created: [topic], existing: [] });
    expect(await ensureTopics(admin, [spec])).toEqual({ created: [], existing: [topic] });
    const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
    expect(metadata?.partitions).toHaveLength(3);
  });

  test('ensureTopics refuses a topic whose partition count differs from the configuration', async () => {
    await expect(ensureTopics(admin, [{ ...spec, partitions: 4 }])).rejects.toMatchObject({
      code: 'KAFKA_TOPIC_MISMATCH',
    });
  });

  test('records appended with acks=all are consumed in a group, keyed and with headers, and offsets commit', async () => {
    const log = createKafkaEventLog(kafka);
    const records = Array.from({ length: 20 }, (_, i) => ({
      key: `id-${i}`,
      value: new TextEncoder().encode(`payload-${i}`),
      headers: { 'tm-tenant': 'acme' },
    }));
    await log.append(topic, records);
    await log.close();

    const groupId = uniqueName('test-group');
    const consumer = kafka.consumer({ groupId });
    const seen = new Map<string, { value: string; tenant: string; partition: number }>();
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message, partition }) => {
        seen.set(String(message.key), {
          value: String(message.value),
          tenant: String(message.headers?.['tm-tenant']),
          partition,
        });
      },
    });
    await waitFor('all 20 records', () => (seen.size === 20 ? true : undefined));
    await consumer.disconnect(); // commits what was consumed before leaving the group

    expect([...seen.entries()].sort()).toEqual(
      records
        .map((r) => [
          r.key,
          expect.objectContaining({ value: new TextDecoder().decode(r.value), tenant: 'acme' }),
        ])
        .sort(),
    );
    // Keying sends every copy of one key to one partition.
    const again = createKafkaEventLog(kafka);
    await again.append(topic, [{ key: 'id-7', value: new Uint8Array([1]) }]);
    await again.close();
    const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
    const committed = offsets[0]?.partitions.reduce((sum, p) => sum + Number(p.offset), 0);
    expect(committed).toBe(20);
    const partitionOf7 = seen.get('id-7')?.partition;
    const ends = await admin.fetchTopicOffsets(topic);
    const highOf = (p: number | undefined) => Number(ends.find((e) => e.partition === p)?.high);
    const committedOf = (p: number | undefined) =>
      Number(offsets[0]?.partitions.find((e) => e.partition === p)?.offset);
    expect(highOf(partitionOf7) - committedOf(partitionOf7)).toBe(1);
  });

  test('concurrent appends are merged into few sends and every record lands once', async () => {
    const log = createKafkaEventLog(kafka);
    const appends = Array.from({ length: 50 }, (_, a) =>
      log.append(
        topic,
        Array.from({ length: 20 }, (_, i) => ({ key: `merge-${a}-${i}`, value: new Uint8Array([a, i]) })),
      ),
    );
    await Promise.all(appends);
    await log.close();
    const ends = await admin.fetchTopicOffsets(topic);
    const total = ends.reduce((sum, p) => sum + Number(p.high), 0);
    expect(total).toBe(20 + 1 + 50 * 20);
  });

  test('appends awaited one after another all resolve (none is left behind in the queue)', async () => {
    const log = createKafkaEventLog(kafka);
    for (let i = 0; i < 20; i++) await log.append(topic, [{ key: `seq-${i}`, value: new Uint8Array([i]) }]);
    await log.close();
  });

  test('appends to an unreachable cluster fail as unknown and retriable, and nothing hangs', async () => {
    const dead = createKafka({ brokers: ['127.0.0.1:1'], clientId: 'tidemark-test-dead' });
    const log = createKafkaEventLog(dead, { retries: 1, timeoutMs: 2000 });
    await expect(log.append(topic, [{ key: 'x', value: new Uint8Array([1]) }])).rejects.toMatchObject({
      code: 'KAFKA_UNAVAILABLE',
      retriable: true,
    });
  });

  test('a full queue refuses appends at once', async () => {
    const dead = createKafka({ brokers: ['127.0.0.1:1'], clientId: 'tidemark-test-full' });
    const log = createKafkaEventLog(dead, { retries: 1, maxQueuedBytes: 100 });
    const first = log.append(topic, [{ key: 'k', value: new Uint8Array(90) }]);
    await expect(log.append(topic, [{ key: 'k', value: new Uint8Array(90) }])).rejects.toMatchObject({
      code: 'KAFKA_QUEUE_FULL',
    });
    await expect(first).rejects.toMatchObject({ code: 'KAFKA_UNAVAILABLE' });
    // Once the first append has failed, its bytes no longer count against the limit.
    await expect(log.append(topic, [{ key: 'k', value: new Uint8Array(90) }])).rejects.toMatchObject({
      code: 'KAFKA_UNAVAILABLE',
    });
  });
});
