import {
  encodeSeriesUpdate,
  type SeriesUpdate,
  seriesUpdateKey,
  topicNames,
  topicSpecs,
} from '@tidemark/core';
import { createKafka, ensureTopics } from '@tidemark/core/kafka';
import { testEngineConfig, uniqueName, waitFor } from '@tidemark/core/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createKafkaLiveHub, type UpdateFollower } from './live-hub.ts';

// Against the real Kafka, on topics of a namespace of this test's own.
const config = testEngineConfig();
const namespace = uniqueName('tmhub').replace(/_/g, '-');
const topics = topicNames(namespace);
const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: 'tidemark-web-test' });
const admin = kafka.admin();
const producer = kafka.producer();

const update = (bucket: number): SeriesUpdate => ({
  tenant: 'acme',
  view: 'events-by-name',
  generation: 1,
  buckets: [bucket],
  at: Date.now(),
});

beforeAll(async () => {
  await admin.connect();
  await ensureTopics(
    admin,
    topicSpecs({ partitions: 2, replicationFactor: 1, minInsyncReplicas: 1 }, topics),
  );
  await producer.connect();
});

afterAll(async () => {
  await producer.disconnect();
  await admin.deleteTopics({ topics: Object.values(topics) }).catch(() => {});
  await admin.disconnect();
});

describe('Kafka live hub', () => {
  test('tells its follower to follow after its first fetch, every update after that, and to lose on close', async () => {
    const told: (string | SeriesUpdate)[] = [];
    const follower: UpdateFollower = {
      invalidate: (value) => told.push(value),
      follow: () => told.push('follow'),
      lose: () => told.push('lose'),
    };
    const hub = await createKafkaLiveHub(kafka, {
      topic: topics.seriesUpdates,
      groupPrefix: namespace,
      follower,
    });
    const heard: SeriesUpdate[] = [];
    hub.subscribe('acme', 'events-by-name', (value) => heard.push(value));
    await waitFor('the hub to follow', () => (told.includes('follow') ? true : undefined), 20_000);

    const sent = update(60_000);
    await producer.send({
      topic: topics.seriesUpdates,
      messages: [{ key: seriesUpdateKey('acme', 'events-by-name'), value: encodeSeriesUpdate(sent) }],
    });
    await waitFor('the update', () => (heard.length === 1 ? true : undefined), 20_000);
    // The follower hears of an update before the live subscribers re-read.
    expect(told).toEqual(['follow', sent]);
    expect(heard).toEqual([sent]);

    await hub.close();
    expect(told.at(-1)).toBe('lose');
  }, 60_000);
});
