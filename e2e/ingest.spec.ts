import { engineConfigFrom, engineEnvSchema, newUuidV7, parseEnv, warehouseKeyOf } from '@tidemark/core';
import { createTokenIssuer, defaultIssuer } from '@tidemark/core/auth';
import {
  createCassandraClient,
  createCassandraEventStore,
  createCassandraSigningKeyStore,
} from '@tidemark/core/cassandra';
import { createKafka } from '@tidemark/core/kafka';
import { readTopicUntil, waitFor } from '@tidemark/core/testing';
import { decodeTrackedEvent } from '@tidemark/proto';
import { afterAll, expect, test } from 'vitest';

// Against the running stack: a token minted from the deployment's own key store, an event posted to the
// ingest process, and the same event read back from the live topic.
const ingestUrl = process.env.INGEST_URL ?? 'http://127.0.0.1:8080';
const engines = engineConfigFrom(parseEnv(engineEnvSchema, process.env));
const cassandra = createCassandraClient(engines.cassandra);
const kafka = createKafka({ brokers: engines.kafkaBrokers, clientId: 'tidemark-e2e' });

afterAll(async () => {
  await cassandra.shutdown();
});

test('an event posted to the running ingest service is on tidemark.events, then in the warehouse', async () => {
  const keys = createCassandraSigningKeyStore(cassandra, { keyspace: engines.cassandra.keyspace });
  const { token } = await createTokenIssuer(keys, { issuer: defaultIssuer }).mint({
    tenant: 'e2e',
    audience: 'ingest',
    ttlSeconds: 600,
  });
  const id = newUuidV7(Date.now());
  // Read from where the topic ends now: a long-lived local topic may hold millions of older events.
  const admin = kafka.admin();
  await admin.connect();
  const ends = (await admin.fetchTopicOffsets(engines.names.topics.events)).map(({ partition, high }) => ({
    partition,
    offset: high,
  }));
  await admin.disconnect();
  const response = await fetch(`${ingestUrl}/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id, name: 'e2e_check', properties: { ok: true } }),
  });
  expect([response.status, await response.json()]).toEqual([200, { accepted: 1, rejected: [] }]);
  const records = await readTopicUntil(
    kafka,
    engines.names.topics.events,
    (seen) => seen.some((r) => r.key === id),
    60_000,
    ends,
  );
  const event = decodeTrackedEvent(records.find((r) => r.key === id)?.value ?? Buffer.alloc(0));
  expect(event).toMatchObject({
    id,
    tenant: 'e2e',
    name: 'e2e_check',
    properties: { ok: true },
    context: { transport: 'http' },
  });

  const store = createCassandraEventStore(cassandra, { keyspace: engines.cassandra.keyspace });
  const shards = await store.fixShards(64); // answers the deployment's fixed S
  const canonical = await waitFor(
    'the warehouse to store the event',
    async () => (await store.canonicalSources([{ key: warehouseKeyOf('e2e', id, shards), id }])).get(id),
    110_000,
  );
  const onTopic = records.find((r) => r.key === id);
  expect(canonical).toEqual({ partition: onTopic?.partition, offset: onTopic?.offset });
}, 180_000);
