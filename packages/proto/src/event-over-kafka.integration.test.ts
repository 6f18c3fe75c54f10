import { createKafka, createKafkaEventLog, ensureTopics } from '@tidemark/core/kafka';
import { testEngineConfig, uniqueName, waitFor } from '@tidemark/core/testing';
import { afterAll, expect, test } from 'vitest';
import { tidemark } from './index.ts';

const encodeEvent = (event: tidemark.v1.IEvent) => tidemark.v1.Event.encode(event).finish();
const decodeEvent = (bytes: Uint8Array) => tidemark.v1.Event.decode(bytes);

const config = testEngineConfig();
const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: 'tidemark-proto-test' });
const admin = kafka.admin();
const topic = uniqueName('test.proto');

afterAll(async () => {
  await admin.deleteTopics({ topics: [topic] }).catch(() => {});
  await admin.disconnect();
});

test('a protobuf Event produced with acks=all is consumed in a group and decodes to what was sent', async () => {
  await admin.connect();
  await ensureTopics(admin, [{ name: topic, partitions: 2, replicationFactor: 1, configs: {} }]);
  const sent = tidemark.v1.Event.create({
    id: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
    tenant: 'acme',
    name: 'page_view',
    timestamp: 1_767_268_800_123,
    sentAt: 1_767_268_800_200,
    receivedAt: 1_767_268_800_250,
    userId: 'u-1',
    properties: {
      path: { stringValue: '/pricing' },
      price: { numberValue: 9.5 },
      returning: { boolValue: true },
    },
    context: {
      userAgent: 'test',
      sdkName: 'tidemark-js',
      sdkVersion: '0.0.0',
      transport: tidemark.v1.Transport.TRANSPORT_HTTP,
    },
  });
  const log = createKafkaEventLog(kafka);
  await log.append(topic, [
    {
      key: sent.id,
      value: encodeEvent(sent),
      headers: { 'tm-tenant': 'acme', 'tm-schema': 'tidemark.v1.Event' },
    },
  ]);
  await log.close();

  const consumer = kafka.consumer({ groupId: uniqueName('test-proto') });
  let received: { key: string; bytes: Buffer; schema: string } | undefined;
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      received = {
        key: String(message.key),
        bytes: message.value as Buffer,
        schema: String(message.headers?.['tm-schema']),
      };
    },
  });
  const got = await waitFor('the event', () => received);
  await consumer.disconnect();

  expect(got.key).toBe(sent.id);
  expect(got.schema).toBe('tidemark.v1.Event');
  const decoded = tidemark.v1.Event.toObject(decodeEvent(got.bytes), { longs: Number, enums: String });
  expect(decoded).toEqual({
    ...tidemark.v1.Event.toObject(sent, { longs: Number, enums: String }),
    context: expect.objectContaining({ transport: 'TRANSPORT_HTTP', userAgent: 'test' }),
  });
  expect(decoded.properties.price).toEqual({ numberValue: 9.5 });
});
