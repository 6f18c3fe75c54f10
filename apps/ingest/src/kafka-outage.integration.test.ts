import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newUuidV7 } from '@tidemark/core';
import { createKafka, createKafkaEventLog, createKafkaProbe, ensureTopics } from '@tidemark/core/kafka';
import { readTopicUntil, waitFor } from '@tidemark/core/testing';
import { parseEnginesEnv } from '@tidemark/engines/env';
import { createLauncher } from '@tidemark/engines/launcher';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestIngest } from './app.fixture.ts';

// A Kafka of this test's own (other tests keep using the shared one), stopped and restarted under load.
const home = mkdtempSync(join(tmpdir(), 'tidemark-outage-'));
const sharedLib = join(parseEnginesEnv({}).TIDEMARK_HOME, 'engines', 'kafka', 'lib');
const env = parseEnginesEnv({ TIDEMARK_HOME: home, KAFKA_PORT: '19092', KAFKA_CONTROLLER_PORT: '19093' });
const launcher = createLauncher(env, () => {});
const kafka = createKafka({ brokers: ['127.0.0.1:19092'], clientId: 'tidemark-outage-test' });
const eventLog = createKafkaEventLog(kafka);
const probe = createKafkaProbe(kafka);
const topics = { events: 'outage.events', invalid: 'outage.invalid' };
let ingest: Awaited<ReturnType<typeof createTestIngest>>;
let base: string;
let token: string;

beforeAll(async () => {
  if (existsSync(sharedLib)) {
    mkdirSync(join(home, 'engines', 'kafka'), { recursive: true });
    symlinkSync(sharedLib, join(home, 'engines', 'kafka', 'lib'));
  }
  await launcher.up(['kafka']);
  const admin = kafka.admin();
  await admin.connect();
  const spec = (name: string) => ({ name, partitions: 3, replicationFactor: 1, configs: {} });
  await ensureTopics(admin, [spec(topics.events), spec(topics.invalid)]);
  await admin.disconnect();
  ingest = await createTestIngest(eventLog, { topics, kafkaReady: probe.check });
  await ingest.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(ingest.app.server.address() as { port: number }).port}`;
  token = (await ingest.mint()).token;
}, 180_000);

afterAll(async () => {
  await ingest?.close();
  await Promise.allSettled([eventLog.close(), probe.close()]);
  await launcher.down(['kafka']);
  rmSync(home, { recursive: true, force: true });
}, 60_000);

test('Kafka stopped under load and restarted: no false ack, every acknowledged id is on the topic', async () => {
  const batches = Array.from({ length: 60 }, () =>
    Array.from({ length: 20 }, () => ({ id: newUuidV7(Date.now()), name: 'load' })),
  );
  const acked = new Set<string>();
  let unavailable = 0;
  let next = 0;

  // A client that retries each batch with the same ids until it is acknowledged, as the SDK does.
  const worker = async () => {
    for (let i = next++; i < batches.length; i = next++) {
      const batch = batches[i] ?? [];
      for (;;) {
        const response = await fetch(`${base}/v1/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ events: batch }),
        }).catch(() => undefined);
        if (response?.status === 200) {
          expect(await response.json()).toEqual({ accepted: 20, rejected: [] });
          for (const event of batch) acked.add(event.id);
          break;
        }
        if (response?.status === 503) unavailable += 1;
        await new Promise((resolve) =>
          setTimeout(resolve, Number(response?.headers.get('retry-after') ?? 1) * 200),
        );
      }
    }
  };
  const load = Promise.all([worker(), worker(), worker(), worker()]);

  await waitFor('15 batches acknowledged', () => (acked.size >= 300 ? true : undefined), 60_000);
  await launcher.down(['kafka']);
  await waitFor('ingest to answer 503', () => (unavailable > 0 ? true : undefined), 60_000);
  expect((await fetch(`${base}/readyz`)).status).toBe(503);
  const ackedWhileDown = acked.size;
  await launcher.up(['kafka']);
  await load;

  expect(unavailable).toBeGreaterThan(0);
  expect(acked.size).toBe(60 * 20);
  expect(acked.size).toBeGreaterThan(ackedWhileDown);
  const records = await readTopicUntil(
    kafka,
    topics.events,
    (seen) => new Set(seen.map((r) => r.key)).size >= acked.size,
    60_000,
  );
  const onTopic = new Set(records.map((r) => r.key));
  expect([...acked].filter((id) => !onTopic.has(id))).toEqual([]);
}, 240_000);
