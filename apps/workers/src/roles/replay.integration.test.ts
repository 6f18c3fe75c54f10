import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  engineConfigFrom,
  engineEnvSchema,
  newReplayJob,
  newUuidV7,
  parseEnv,
  type ReplayJob,
  type ReplayRequest,
  type WarehouseRow,
  warehouseKeyOf,
} from '@tidemark/core';
import {
  cassandraMigrations,
  createCassandraClient,
  createCassandraEventStore,
  createCassandraReplayJobStore,
  createCassandraViewStore,
  migrateCassandra,
} from '@tidemark/core/cassandra';
import { createKafka, ensureTopics } from '@tidemark/core/kafka';
import { uniqueName, waitFor } from '@tidemark/core/testing';
import { createLogger, createMetricsRegistry } from '@tidemark/runtime';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createFailpoints } from '../failpoints.ts';
import type { Role, RoleContext } from '../role.ts';
import { type ReplayOptions, startReplay } from './replay.ts';

// The replay role in this process, on a keyspace and topics of this file's own.
const keyspace = uniqueName('replay');
const engines = engineConfigFrom(
  parseEnv(engineEnvSchema, { ...process.env, CASSANDRA_KEYSPACE: keyspace, KAFKA_PARTITIONS: '3' }),
);
const shards = 4;
const kafka = createKafka({ brokers: engines.kafkaBrokers, clientId: 'tidemark-replay-test' });
const admin = kafka.admin();
const cassandra = createCassandraClient({ ...engines.cassandra, keyspace: undefined });
const warehouse = createCassandraEventStore(cassandra, { keyspace });
const jobs = createCassandraReplayJobStore(cassandra, { keyspace });
const views = createCassandraViewStore(cassandra, { keyspace });
const topics: string[] = [];
const roles = new Set<Role>();
const children = new Set<ChildProcess>();
const day = 86_400_000;
const t0 = Date.parse('2026-03-10T00:00:00Z');

const context: RoleContext = {
  logger: createLogger('replay-test', 'silent'),
  registry: createMetricsRegistry('replay-test'),
  engines,
  kafka,
  cassandra,
  failpoints: createFailpoints(undefined),
};

async function newTopic(prefix: string, partitions = 3): Promise<string> {
  const name = uniqueName(prefix);
  topics.push(name);
  await ensureTopics(admin, [
    { name, partitions, replicationFactor: 1, configs: { 'min.insync.replicas': '1' } },
  ]);
  return name;
}

async function start(options: ReplayOptions): Promise<Role> {
  // A registry per role, as each role runs in its own process in production.
  const role = await startReplay(
    { ...context, registry: createMetricsRegistry('replay-test') },
    { shards, ...options },
  );
  roles.add(role);
  return role;
}

async function stop(role: Role): Promise<void> {
  await role.stop();
  roles.delete(role);
}

/** Rows of `tenant` with ids made at `idTimes`; event time a little after the id time, as client clocks go. */
function rowsAt(
  tenant: string,
  idTimes: readonly number[],
  nameOf = (_: number) => 'signup',
): WarehouseRow[] {
  return idTimes.map((time, i) => {
    const id = newUuidV7(time);
    return {
      key: warehouseKeyOf(tenant, id, shards),
      id,
      name: nameOf(i),
      eventTime: time + 1234,
      receivedAt: time + 2000,
      payload: new TextEncoder().encode(`event ${id}`),
      source: { partition: i % 3, offset: String(i) },
    };
  });
}

const spread = (count: number, from: number, span: number) =>
  Array.from({ length: count }, (_, i) => from + Math.floor((i * span) / count));

type Unstarted<T> = T extends unknown ? Omit<T, 'startedBy'> : never;

async function submit(request: Unstarted<ReplayRequest>): Promise<ReplayJob> {
  const now = Date.now();
  const job = newReplayJob({ ...request, startedBy: 'test' }, newUuidV7(now), now);
  await jobs.create(job);
  return job;
}

const jobNow = async (id: string) => (await jobs.get(id)) as ReplayJob;
const finished = (id: string, timeoutMs = 60_000) =>
  waitFor(
    `job ${id} to finish`,
    async () => {
      const job = await jobNow(id);
      return job.finishedAt === undefined ? undefined : job;
    },
    timeoutMs,
  );

interface Received {
  readonly id: string;
  readonly headers: Record<string, string>;
  readonly value: string;
  readonly timestamp: number;
}

/** Every record on the topic: waits until the consumer has read up to the current end offsets. */
async function readAll(topic: string): Promise<Received[]> {
  const ends = await admin.fetchTopicOffsets(topic);
  const total = ends.reduce((sum, end) => sum + Number(end.high), 0);
  const records: Received[] = [];
  if (total === 0) return records;
  const consumer = kafka.consumer({ groupId: uniqueName('replay-test-reader'), maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        records.push({
          id: String(message.key),
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
          value: String(message.value),
          timestamp: Number(message.timestamp),
        });
      },
    });
    await waitFor(`${total} records of ${topic}`, () => (records.length >= total ? true : undefined));
  } finally {
    await consumer.disconnect();
  }
  return records;
}

beforeAll(async () => {
  await admin.connect();
  await migrateCassandra(cassandra, {
    keyspace,
    replication: { class: 'SimpleStrategy', replication_factor: 1 },
    migrations: cassandraMigrations,
  });
  expect(await warehouse.fixShards(shards)).toBe(shards);
});

afterEach(async () => {
  await Promise.all([...roles].map(stop));
});

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await admin.deleteTopics({ topics }).catch(() => {});
  await admin.disconnect();
  await cassandra.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`).catch(() => {});
  await cassandra.shutdown();
});

describe('replay role', () => {
  test('a republish emits exactly the rows of its tenant, event-time range and names, with their bytes', async () => {
    const names = ['signup', 'page_view', 'click'];
    const rows = rowsAt('acme', spread(900, t0 - day, 3 * day), (i) => names[i % 3] as string);
    const others = rowsAt('globex', spread(100, t0 - day, 3 * day));
    await warehouse.insert([...rows, ...others]);
    const replay = await newTopic('test.replay-range');
    const from = t0 - 6 * 3_600_000;
    const to = t0 + day + 6 * 3_600_000;
    const expected = rows.filter(
      (row) => row.eventTime >= from && row.eventTime < to && row.name !== 'page_view',
    );
    expect(expected.length).toBeGreaterThan(250);

    await start({ topics: { events: engines.names.topics.events, replay } });
    const job = await submit({ tenant: 'acme', mode: 'republish', from, to, names: ['signup', 'click'] });
    const done = await finished(job.id);

    expect(done).toMatchObject({
      status: 'done',
      progress: { emitted: expected.length, estimatedTotal: expected.length },
    });
    // Polled at least every second: the job was claimed within 2 s of its creation.
    expect((done.startedAt ?? Number.POSITIVE_INFINITY) - job.createdAt).toBeLessThan(2000);
    const records = await readAll(replay);
    expect(records.map((record) => record.id).sort()).toEqual(expected.map((row) => row.id).sort());
    const sample = records.find((record) => record.id === expected[0]?.id);
    expect(sample?.value).toBe(`event ${expected[0]?.id}`);
    expect(sample?.headers).toEqual({
      'tm-tenant': 'acme',
      'tm-schema': 'tidemark.v1.Event',
      'tm-replay-job': job.id,
    });
  });

  test('the rate limit holds within ±10 %', async () => {
    await warehouse.insert(rowsAt('paced', spread(2000, t0, 3_600_000)));
    const replay = await newTopic('test.replay-rate');
    await start({ topics: { events: engines.names.topics.events, replay }, pollIntervalMs: 200 });
    const job = await submit({ tenant: 'paced', mode: 'republish', from: t0, to: t0 + day, rateLimit: 500 });
    expect(await finished(job.id)).toMatchObject({ status: 'done', progress: { emitted: 2000 } });

    const times = (await readAll(replay)).map((record) => record.timestamp).sort((a, b) => a - b);
    const seconds = ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000;
    // The first tenth of a second's worth (50) leaves at once; the other 1 950 are paced.
    const rate = (times.length - 50) / seconds;
    expect(rate).toBeGreaterThan(450);
    expect(rate).toBeLessThan(550);
  });

  test('a stopped replay resumes on another worker without re-emitting its finished partitions', async () => {
    const rows = rowsAt('resumer', spread(4000, t0, 3_600_000));
    await warehouse.insert(rows);
    const replay = await newTopic('test.replay-resume');
    const options = {
      topics: { events: engines.names.topics.events, replay },
      pollIntervalMs: 200,
      partitionsInParallel: 2,
    };
    const first = await start(options);
    const job = await submit({
      tenant: 'resumer',
      mode: 'republish',
      from: t0,
      to: t0 + day,
      rateLimit: 2000,
    });
    await waitFor('a finished partition', async () =>
      (await jobs.finishedPartitions(job.id)).size > 0 ? true : undefined,
    );
    await stop(first);
    const finishedFirst = await jobs.finishedPartitions(job.id);
    expect(finishedFirst.size).toBeGreaterThan(0);
    expect(finishedFirst.size).toBeLessThan(shards);
    expect((await jobNow(job.id)).status).toBe('running');

    await start(options);
    expect(await finished(job.id)).toMatchObject({ status: 'done', progress: { estimatedTotal: 4000 } });
    const copies = new Map<string, number>();
    for (const record of await readAll(replay)) copies.set(record.id, (copies.get(record.id) ?? 0) + 1);
    expect([...copies.keys()].sort()).toEqual(rows.map((row) => row.id).sort());
    const inFinished = rows.filter((row) => finishedFirst.has(`${row.key.day}/${row.key.shard}`));
    expect(inFinished.length).toBeGreaterThan(0);
    for (const row of inFinished) expect(copies.get(row.id)).toBe(1);
  });

  test('a cancel stops emission within 2 s', async () => {
    await warehouse.insert(rowsAt('cancelled', spread(3000, t0, 3_600_000)));
    const replay = await newTopic('test.replay-cancel');
    await start({ topics: { events: engines.names.topics.events, replay } });
    const job = await submit({
      tenant: 'cancelled',
      mode: 'republish',
      from: t0,
      to: t0 + day,
      rateLimit: 300,
    });
    await waitFor('emission to start', async () =>
      (await jobNow(job.id)).progress.emitted > 0 ? true : undefined,
    );

    const cancelAt = Date.now();
    expect((await jobs.cancel(job.id, cancelAt))?.status).toBe('cancelled');
    const ended = await finished(job.id);
    expect(ended.status).toBe('cancelled');
    expect((ended.finishedAt ?? 0) - cancelAt).toBeLessThanOrEqual(2000);
    const records = await readAll(replay);
    expect(records.length).toBeLessThan(3000);
    expect(ended.progress.emitted).toBe(records.length);
    expect(Math.max(...records.map((record) => record.timestamp))).toBeLessThanOrEqual(cancelAt + 2000);
  });

  describe('rebuild', () => {
    /** 40 rows: offsets 0..19 on each of live partitions 0 and 1. */
    const rebuildRows = (tenant: string) =>
      rowsAt(tenant, spread(40, t0, 3_600_000)).map((row, i) => ({
        ...row,
        source: { partition: i % 2, offset: String(Math.floor(i / 2)) },
      }));
    /** A view to rebuild, as the console or the CLI would have stored it. */
    const signups = (tenant: string) =>
      views.save(
        tenant,
        {
          id: 'signups',
          title: 'Signups',
          filter: { names: ['signup'], properties: {} },
          groupBy: [],
          metrics: ['count'],
          groupCap: 10,
        },
        'test',
        Date.now(),
      );
    /** Stands in for the projector: its group has committed the replay topic's end, so the rebuild may flip. */
    const projectorApplied = async (group: string, topic: string) => {
      const ends = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({
        groupId: group,
        topic,
        partitions: ends.map(({ partition, high }) => ({ partition, offset: high })),
      });
    };
    const emitted = (id: string, count: number) =>
      waitFor(`${count} records emitted`, async () => {
        const job = await jobNow(id);
        return job.progress.emitted === count ? job : undefined;
      });
    const heartbeatsPass = async (id: string, count: number) => {
      const mark = (await jobNow(id)).updatedAt;
      await waitFor(`${count} heartbeats`, async () => {
        const job = await jobNow(id);
        return job.updatedAt >= mark + count * 150 && job.status === 'running' ? job : undefined;
      });
    };

    test('waits for every cut offset and for the warehouse to commit up to them, then emits the rows below', async () => {
      const rows = rebuildRows('rebuilt');
      await warehouse.insert(rows);
      const live = await newTopic('test.live', 2);
      const replay = await newTopic('test.replay-rebuild');
      const warehouseGroup = uniqueName('test-warehouse');
      const projectorGroup = uniqueName('test-projector');
      await signups('rebuilt');
      await start({ topics: { events: live, replay }, warehouseGroup, projectorGroup, pollIntervalMs: 200 });
      const job = await submit({
        tenant: 'rebuilt',
        mode: 'rebuild',
        view: 'signups',
        generation: 2,
        since: t0,
      });

      await waitFor('the job to be claimed', async () => ((await jobNow(job.id)).owner ? true : undefined));
      await heartbeatsPass(job.id, 3);
      await jobs.recordRebuildCut('rebuilt', 'signups', 2, 0, 12n, Date.now());
      await heartbeatsPass(job.id, 3);
      await jobs.recordRebuildCut('rebuilt', 'signups', 2, 1, 5n, Date.now());
      await heartbeatsPass(job.id, 3);
      await admin.setOffsets({
        groupId: warehouseGroup,
        topic: live,
        partitions: [{ partition: 0, offset: '12' }],
      });
      await heartbeatsPass(job.id, 3);
      expect((await jobNow(job.id)).progress.emitted).toBe(0);
      expect(await readAll(replay)).toEqual([]);

      await admin.setOffsets({
        groupId: warehouseGroup,
        topic: live,
        partitions: [
          { partition: 0, offset: '12' },
          { partition: 1, offset: '7' },
        ],
      });
      const below = rows.filter((row) => BigInt(row.source.offset) < (row.source.partition === 0 ? 12n : 5n));
      await emitted(job.id, below.length);
      // Every record is out, but the view flips only once the projector has applied them.
      await heartbeatsPass(job.id, 3);
      expect((await views.get('rebuilt', 'signups'))?.buildingGeneration).toBe(2);
      await projectorApplied(projectorGroup, replay);
      const done = await finished(job.id);
      expect(done).toMatchObject({ status: 'done', progress: { emitted: below.length } });
      const records = await readAll(replay);
      expect(records.map((record) => record.id).sort()).toEqual(below.map((row) => row.id).sort());
      expect(await views.get('rebuilt', 'signups')).toMatchObject({
        activeGeneration: 2,
        retiredGeneration: 1,
      });
      expect(records[0]?.headers).toEqual({
        'tm-tenant': 'rebuilt',
        'tm-schema': 'tidemark.v1.Event',
        'tm-replay-job': job.id,
        'tm-replay-view': 'signups',
        'tm-replay-generation': '2',
      });
    });

    test('an interrupted rebuild restarts into a fresh generation', async () => {
      const rows = rebuildRows('restarted');
      await warehouse.insert(rows);
      const live = await newTopic('test.live', 2);
      const replay = await newTopic('test.replay-restart');
      const warehouseGroup = uniqueName('test-warehouse');
      const projectorGroup = uniqueName('test-projector');
      await signups('restarted');
      const options = {
        topics: { events: live, replay },
        warehouseGroup,
        projectorGroup,
        pollIntervalMs: 200,
      };
      const first = await start(options);
      const job = await submit({
        tenant: 'restarted',
        mode: 'rebuild',
        view: 'signups',
        generation: 2,
        since: t0,
      });
      await waitFor('the job to be claimed', async () => ((await jobNow(job.id)).owner ? true : undefined));
      await stop(first);

      await start(options);
      const restarted = await waitFor('the restart', async () => {
        const seen = await jobNow(job.id);
        return seen.owner && seen.scope.mode === 'rebuild' && seen.scope.generation === 3 ? seen : undefined;
      });
      expect(restarted.status).toBe('running');
      // Generation 2's cut no longer counts.
      for (const partition of [0, 1])
        await jobs.recordRebuildCut('restarted', 'signups', 2, partition, 20n, Date.now());
      await admin.setOffsets({
        groupId: warehouseGroup,
        topic: live,
        partitions: [0, 1].map((partition) => ({ partition, offset: '20' })),
      });
      await heartbeatsPass(job.id, 3);
      expect(await readAll(replay)).toEqual([]);

      for (const partition of [0, 1])
        await jobs.recordRebuildCut('restarted', 'signups', 3, partition, 3n, Date.now());
      await emitted(job.id, 6);
      await projectorApplied(projectorGroup, replay);
      expect(await finished(job.id)).toMatchObject({
        status: 'done',
        scope: { generation: 3 },
        progress: { emitted: 6 },
      });
      const records = await readAll(replay);
      expect(records.map((record) => record.id).sort()).toEqual(
        rows
          .filter((row) => BigInt(row.source.offset) < 3n)
          .map((row) => row.id)
          .sort(),
      );
      expect(new Set(records.map((record) => record.headers['tm-replay-generation']))).toEqual(
        new Set(['3']),
      );
      expect(await views.get('restarted', 'signups')).toMatchObject({
        activeGeneration: 3,
        retiredGeneration: 1,
      });
    });
  });

  test('killed after a replay record is sent and before its checkpoint, a worker process is replaced and the job completes', async () => {
    // `node src/main.ts` with TM_ROLE=replay, as in production, on a namespace of its own.
    const namespace = uniqueName('rp').replaceAll('_', '-');
    const replay = `${namespace}.events.replay`;
    topics.push(`${namespace}.events`, replay, `${namespace}.events.invalid`, `${namespace}.series.updates`);
    const worker = (extra: Record<string, string> = {}) => {
      const child = spawn(process.execPath, [join(import.meta.dirname, '..', 'main.ts')], {
        env: {
          ...process.env,
          TM_ROLE: 'replay',
          TIDEMARK_NAMESPACE: namespace,
          CASSANDRA_KEYSPACE: keyspace,
          KAFKA_PARTITIONS: '3',
          WORKERS_PORT: '0',
          LOG_LEVEL: 'warn',
          ...extra,
        },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      children.add(child);
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.once('exit', (code, signal) => {
          children.delete(child);
          resolve({ code, signal });
        }),
      );
      return { child, exited };
    };
    const rows = rowsAt('crashed', spread(2000, t0, 3_600_000));
    await warehouse.insert(rows);
    const job = await submit({ tenant: 'crashed', mode: 'republish', from: t0, to: t0 + day });

    const crashing = worker({ TM_FAILPOINT: 'replay-after-send' });
    expect(await crashing.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const orphaned = await jobNow(job.id);
    expect(orphaned.status).toBe('running');
    expect(orphaned.owner).toBeDefined();
    expect((await readAll(replay)).length).toBeGreaterThan(0);

    // The replacement waits out the dead worker's lease, then resumes the job.
    const replacement = worker();
    const done = await finished(job.id, 60_000);
    expect(done.status).toBe('done');
    expect(done.owner).toBeUndefined();
    expect(new Set((await readAll(replay)).map((record) => record.id))).toEqual(
      new Set(rows.map((row) => row.id)),
    );
    replacement.child.kill('SIGTERM');
    expect(await replacement.exited).toEqual({ code: 0, signal: null });
  });
});
