import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { engineConfigFrom, engineEnvSchema, newUuidV7, parseEnv, type TrackedEvent } from '@tidemark/core';
import { createCassandraClient } from '@tidemark/core/cassandra';
import { createKafka, createKafkaEventLog } from '@tidemark/core/kafka';
import { migrate } from '@tidemark/core/migrate';
import { readTopicUntil, uniqueName, waitFor } from '@tidemark/core/testing';
import { encodeTrackedEvent } from '@tidemark/proto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

// The warehouse role as it runs in production: `node src/main.ts` with TM_ROLE=warehouse, on a namespace
// (topics, group) and keyspace of this test file's own.
const namespace = uniqueName('wh').replaceAll('_', '-');
const keyspace = uniqueName('wh');
const testEnv = {
  ...process.env,
  TIDEMARK_NAMESPACE: namespace,
  CASSANDRA_KEYSPACE: keyspace,
  KAFKA_PARTITIONS: '3',
};
const engines = engineConfigFrom(parseEnv(engineEnvSchema, testEnv));
const topics = engines.names.topics;
const kafka = createKafka({ brokers: engines.kafkaBrokers, clientId: 'tidemark-warehouse-test' });
const admin = kafka.admin();
const eventLog = createKafkaEventLog(kafka);
const cassandra = createCassandraClient({ ...engines.cassandra, keyspace: undefined });
const running = new Set<ChildProcess>();

function startWarehouse(extra: Record<string, string> = {}) {
  const child = spawn(process.execPath, [join(import.meta.dirname, '..', 'main.ts')], {
    env: {
      ...testEnv,
      TM_ROLE: 'warehouse',
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

const makeEvent = (id: string, sentAt: number, name = 'page_view'): TrackedEvent => ({
  id,
  tenant: 'acme',
  name,
  timestamp: sentAt - 20,
  sentAt,
  receivedAt: sentAt + 5,
  properties: { n: sentAt },
  context: { transport: 'http' },
});

const publish = (events: readonly TrackedEvent[]) =>
  eventLog.append(
    topics.events,
    events.map((event) => ({
      key: event.id,
      value: encodeTrackedEvent(event),
      headers: { 'tm-tenant': event.tenant },
    })),
  );

/** Waits until the warehouse group has committed every offset of the live topic; fails if it dies first. */
async function caughtUp(warehouse: ReturnType<typeof startWarehouse>) {
  const died = warehouse.exited.then(({ code, signal }) => {
    throw new Error(`the warehouse exited (code ${code}, signal ${signal}) before catching up`);
  });
  const committed = waitFor(
    'the warehouse to commit every offset',
    async () => {
      const ends = await admin.fetchTopicOffsets(topics.events);
      const [committed] = await admin.fetchOffsets({
        groupId: engines.names.groups.warehouse,
        topics: [topics.events],
      });
      const done = ends.every(
        (end) => committed?.partitions.find((p) => p.partition === end.partition)?.offset === end.high,
      );
      return done ? true : undefined;
    },
    90_000,
  );
  await Promise.race([committed, died]);
}

async function rows() {
  const result = await cassandra.execute(
    `SELECT id, source_partition, source_offset, event_time FROM ${keyspace}.events`,
  );
  const all = [];
  for await (const row of result) all.push(row); // every page, not only the first
  return new Map(
    all.map((row) => [
      String(row.get('id')),
      {
        partition: row.get('source_partition') as number,
        offset: String(row.get('source_offset')),
        eventTime: (row.get('event_time') as Date).getTime(),
      },
    ]),
  );
}

/** Every id's first copy on the live topic (lowest offset): what the warehouse must hold. */
async function firstCopiesOnTopic(count: number) {
  const records = await readTopicUntil(kafka, topics.events, (seen) => seen.length >= count);
  const first = new Map<string, { partition: number; offset: string }>();
  for (const record of records) {
    const seen = first.get(record.key);
    if (!seen || BigInt(record.offset) < BigInt(seen.offset))
      first.set(record.key, { partition: record.partition, offset: record.offset });
  }
  return first;
}

beforeAll(async () => {
  await admin.connect();
  await migrate(engines);
}, 120_000);

afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  await eventLog.close();
  await admin.deleteTopics({ topics: Object.values(topics) }).catch(() => {});
  await admin.disconnect();
  await cassandra.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`).catch(() => {});
  await cassandra.shutdown();
});

describe('warehouse role', () => {
  let published = 0;

  test('crash after the Cassandra write, before the commit, then a restart: the rows are still exact', async () => {
    const ids = Array.from({ length: 300 }, () => newUuidV7(Date.now()));
    await publish(ids.map((id) => makeEvent(id, Date.now())));
    // Retried copies of a third of them, sent later: they must change nothing.
    await publish(ids.slice(0, 100).map((id) => makeEvent(id, Date.now() + 60_000)));
    published += 400;

    const crashing = startWarehouse({ TM_FAILPOINT: 'warehouse-after-write' });
    expect(await crashing.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const [committed] = await admin.fetchOffsets({
      groupId: engines.names.groups.warehouse,
      topics: [topics.events],
    });
    const committedTotal =
      committed?.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0) ?? 0;
    expect(committedTotal).toBeLessThan(400); // it died before committing what it wrote

    const warehouse = startWarehouse();
    await caughtUp(warehouse);
    warehouse.child.kill('SIGTERM');
    const stored = await rows();
    expect([...stored.keys()].sort()).toEqual([...ids].sort());
    const first = await firstCopiesOnTopic(published);
    for (const id of ids) expect({ id, ...stored.get(id) }).toMatchObject({ id, ...first.get(id) });
  }, 180_000);

  test('a retried copy with another sent_at, across a minute and a day edge, keeps the first copy', async () => {
    const idTime = Date.UTC(2026, 10, 25, 23, 59, 59, 990);
    const id = newUuidV7(idTime);
    const firstCopy = { ...makeEvent(id, idTime + 5), timestamp: idTime + 4 }; // 23:59:59.994
    const retry = { ...makeEvent(id, idTime + 61_000), timestamp: idTime + 60_100 }; // next day, next minute
    await publish([firstCopy]);
    await publish([retry]);
    published += 2;
    const warehouse = startWarehouse();
    await caughtUp(warehouse);
    warehouse.child.kill('SIGTERM');
    const stored = (await rows()).get(id);
    const first = (await firstCopiesOnTopic(published)).get(id);
    expect(stored).toEqual({ ...first, eventTime: firstCopy.timestamp });
  }, 180_000);

  test('kill -9 mid-stream, then a restart: every event once, first copies kept', async () => {
    const { child, exited } = startWarehouse();
    const ids: string[] = [];
    for (let round = 0; round < 10; round++) {
      const batch = Array.from({ length: 100 }, () => newUuidV7(Date.now()));
      ids.push(...batch);
      await publish(batch.map((id) => makeEvent(id, Date.now())));
      await publish(batch.slice(0, 10).map((id) => makeEvent(id, Date.now() + 1000)));
      published += 110;
      if (round === 5) child.kill('SIGKILL');
    }
    await exited;
    const second = startWarehouse();
    await caughtUp(second);
    second.child.kill('SIGTERM');
    const stored = await rows();
    const first = await firstCopiesOnTopic(published);
    for (const id of ids) expect(stored.get(id)).toMatchObject(first.get(id) ?? {});
    expect(stored.size).toBe(first.size);
  }, 180_000);
});
