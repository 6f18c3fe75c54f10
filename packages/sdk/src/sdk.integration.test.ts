import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { engineConfigFrom, engineEnvSchema, parseEnv } from '@tidemark/core';
import { createTokenIssuer, defaultIssuer } from '@tidemark/core/auth';
import { createCassandraClient, createCassandraSigningKeyStore } from '@tidemark/core/cassandra';
import { createKafka } from '@tidemark/core/kafka';
import { readTopicUntil, uniqueName, waitFor } from '@tidemark/core/testing';
import { decodeTrackedEvent } from '@tidemark/proto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTidemark, type Rejected, type TransportName } from './index.ts';
import { createFileStorage } from './node.ts';

// The SDK against the real ingest and the real warehouse, each run as in production (`node src/main.ts`)
// on a namespace (topics, groups) and keyspace of this file's own. Ingest is killed and started again on
// the same port mid-stream; afterwards Cassandra must hold every tracked event exactly once.
const root = resolve(import.meta.dirname, '../../..');
const namespace = uniqueName('sdk').replaceAll('_', '-');
const keyspace = uniqueName('sdk');
const testEnv = {
  ...process.env,
  TIDEMARK_NAMESPACE: namespace,
  CASSANDRA_KEYSPACE: keyspace,
  KAFKA_PARTITIONS: '3',
};
const engines = engineConfigFrom(parseEnv(engineEnvSchema, testEnv));
const kafka = createKafka({ brokers: engines.kafkaBrokers, clientId: 'tidemark-sdk-test' });
const cassandra = createCassandraClient({ ...engines.cassandra, keyspace: undefined });
const running = new Set<ChildProcess>();
const transports = ['websocket', 'http', 'comet'] as const;
let port: number;
let endpoint: string;
let ingest: ChildProcess;

function run(cwd: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['src/main.ts'], {
    cwd: join(root, cwd),
    env: { ...testEnv, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

async function startIngest(on = port, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = run('apps/ingest', { INGEST_PORT: String(on), ...env });
  await waitFor(
    'ingest to be ready',
    async () => {
      if (child.exitCode !== null) throw new Error(`ingest exited with ${child.exitCode}`);
      return (await fetch(`http://127.0.0.1:${on}/readyz`)).ok ? true : undefined;
    },
    90_000,
  );
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGKILL');
  await exited;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = server.address() as { port: number };
      server.close(() => done(free));
    });
    server.once('error', fail);
  });
}

async function mint(tenant: string): Promise<string> {
  const keys = createCassandraSigningKeyStore(cassandra, { keyspace });
  const issuer = createTokenIssuer(keys, { issuer: defaultIssuer });
  return (await issuer.mint({ tenant, audience: 'ingest', ttlSeconds: 3600 })).token;
}

/** How many warehouse rows each id of a tenant has (every page read). */
async function warehouseCopies(tenant: string): Promise<Map<string, number>> {
  const result = await cassandra.execute(`SELECT tenant, id FROM ${keyspace}.events`, [], {
    fetchSize: 1000,
  });
  const copies = new Map<string, number>();
  for await (const row of result) {
    if (row.get('tenant') !== tenant) continue;
    const id = String(row.get('id'));
    copies.set(id, (copies.get(id) ?? 0) + 1);
  }
  return copies;
}

/** Waits until the warehouse holds every id, then checks it holds each exactly once and nothing else. */
async function expectExactlyOnce(tenant: string, ids: readonly string[]) {
  const copies = await waitFor(
    `the warehouse to hold ${ids.length} events of ${tenant}`,
    async () => {
      const seen = await warehouseCopies(tenant);
      return ids.every((id) => seen.has(id)) ? seen : undefined;
    },
    110_000,
  );
  expect(copies.size).toBe(ids.length);
  expect([...copies.values()].every((n) => n === 1)).toBe(true);
  expect(new Set(copies.keys())).toEqual(new Set(ids));
}

/**
 * A TCP proxy in front of ingest. `dropAnswers`: cut the connection instead of passing on the next n
 * answers (a WebSocket's 101 handshake always passes); ingest answers only after Kafka acknowledged, so
 * each cut answer is a batch that is durable while the SDK cannot know it: the case that makes
 * duplicates. `blockWebSockets`: refuse every WebSocket upgrade, as some corporate proxies do.
 */
async function proxy(options: { dropAnswers?: number; blockWebSockets?: boolean }) {
  let left = options.dropAnswers ?? 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    client.once('data', (first: Buffer) => {
      if (options.blockWebSockets && /^upgrade: *websocket/im.test(first.toString('latin1'))) {
        client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        return;
      }
      const upstream = connect(port, '127.0.0.1');
      sockets.add(upstream);
      upstream.write(first);
      client.pipe(upstream);
      upstream.on('data', (chunk: Buffer) => {
        if (left > 0 && !chunk.subarray(0, 12).toString().startsWith('HTTP/1.1 101')) {
          left -= 1;
          end();
          return;
        }
        client.write(chunk);
      });
      const end = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    get cut() {
      return (options.dropAnswers ?? 0) - left;
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

/** Every copy of these ids on the live topic, once each id has one. */
async function copiesOnTopic(ids: readonly string[], enough = (n: number) => n >= ids.length) {
  const records = await readTopicUntil(kafka, engines.names.topics.events, (seen) => {
    const mine = seen.filter((r) => ids.includes(r.key));
    return ids.every((id) => mine.some((r) => r.key === id)) && enough(mine.length);
  });
  return records.filter((r) => ids.includes(r.key)).map((r) => decodeTrackedEvent(r.value));
}

beforeAll(async () => {
  port = await freePort();
  endpoint = `http://127.0.0.1:${port}`;
  ingest = await startIngest(); // migrates this file's topics and keyspace
  run('apps/workers', { TM_ROLE: 'warehouse', WORKERS_PORT: '0', WAREHOUSE_SHARDS: '8' });
});

afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: Object.values(engines.names.topics) }).catch(() => {});
  await admin.disconnect();
  await cassandra.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`).catch(() => {});
  await cassandra.shutdown();
});

const wireTransport = { websocket: 'websocket', http: 'http', comet: 'comet-poll' } as const;

describe.each(transports)('over %s', (transport: Exclude<TransportName, 'auto'>) => {
  test('every tracked event is acknowledged, on the topic once, and in the warehouse once', async () => {
    const tenant = `sdk-${transport}`;
    const rejected: Rejected[] = [];
    const tm = createTidemark({
      endpoint,
      token: await mint(tenant),
      transport,
      flushAt: 10,
      onRejected: (r) => rejected.push(...r),
    });
    tm.identify('user-1');
    const ids = Array.from({ length: 35 }, (_, i) =>
      tm.track('page_view', { n: i, path: `/p/${i}`, ok: true }),
    );
    expect(await tm.shutdown({ timeoutMs: 30_000 })).toEqual({ undelivered: 0 });
    expect(rejected).toEqual([]);

    const mine = await copiesOnTopic(ids);
    expect(mine).toHaveLength(ids.length); // no retries were needed, so one copy each
    for (const [i, id] of ids.entries()) {
      expect(mine.find((e) => e.id === id)).toMatchObject({
        tenant,
        name: 'page_view',
        userId: 'user-1',
        properties: { n: i, path: `/p/${i}`, ok: true },
        context: { transport: wireTransport[transport], sdkName: '@tidemark/sdk', sdkVersion: '0.1.0' },
      });
    }
    await expectExactlyOnce(tenant, ids);
  });

  test('answers lost after Kafka took the batch: sent again with the same ids, one copy in the warehouse', async () => {
    const tenant = `sdk-lost-${transport}`;
    const lossy = await proxy({ dropAnswers: 3 });
    const retries: string[] = [];
    const tm = createTidemark({
      endpoint: lossy.url,
      token: await mint(tenant),
      transport,
      flushAt: 10,
      timeoutMs: 5000,
      retry: { baseMs: 50, maxMs: 200 },
      onRetry: ({ reason }) => retries.push(reason),
    });
    const ids = Array.from({ length: 30 }, (_, i) => tm.track('lossy', { n: i }));
    expect(await tm.shutdown({ timeoutMs: 30_000 })).toEqual({ undelivered: 0 });
    lossy.close();
    expect(lossy.cut).toBe(3);
    expect(retries.length).toBeGreaterThanOrEqual(3);

    // Kafka holds the first attempts and their resends; the warehouse keeps one copy of each id.
    const copies = (await copiesOnTopic(ids, (n) => n > ids.length)).length;
    console.log(`${transport}: ${ids.length} events, ${copies} copies on Kafka, ${retries.length} retries`);
    await expectExactlyOnce(tenant, ids);
  });

  test('a throttled sender waits as long as ingest says, and loses nothing', async () => {
    const tenant = `sdk-throttled-${transport}`;
    const slowPort = await freePort();
    const slow = await startIngest(slowPort, { INGEST_RATE_PER_SECOND: '40', INGEST_RATE_BURST: '20' });
    const retries: { reason: string; delayMs: number }[] = [];
    const tm = createTidemark({
      endpoint: `http://127.0.0.1:${slowPort}`,
      token: await mint(tenant),
      transport,
      flushAt: 10,
      maxBatchEvents: 10,
      // Our own backoff stays under 3 ms, so a longer wait can only be the server's.
      retry: { baseMs: 1, maxMs: 2 },
      onRetry: (retry) => retries.push(retry),
    });
    const ids = Array.from({ length: 100 }, (_, i) => tm.track('burst', { n: i }));
    expect(await tm.shutdown({ timeoutMs: 60_000 })).toEqual({ undelivered: 0 });
    await kill(slow);
    const throttled = retries.filter((r) => /throttled|429/.test(r.reason));
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled.every((r) => r.delayMs >= 3)).toBe(true);
    console.log(
      `${transport}: ${throttled.length} throttled answers, waits ${throttled.map((r) => r.delayMs).join(', ')} ms`,
    );
    await expectExactlyOnce(tenant, ids);
  });

  test('events tracked across an ingest restart (kill -9, then a new process on the same port) land exactly once', async () => {
    const tenant = `sdk-restart-${transport}`;
    const retries: string[] = [];
    const rejected: Rejected[] = [];
    const tm = createTidemark({
      endpoint,
      token: await mint(tenant),
      transport,
      flushAt: 5,
      flushIntervalMs: 50,
      timeoutMs: 5000,
      retry: { baseMs: 100, maxMs: 1000 },
      onRetry: ({ reason }) => retries.push(reason),
      onRejected: (r) => rejected.push(...r),
    });
    const ids: string[] = [];
    const trackSome = async (count: number) => {
      for (let i = 0; i < count; i += 1) {
        ids.push(tm.track('step', { n: ids.length }));
        if (i % 5 === 4) await new Promise((done) => setTimeout(done, 10));
      }
    };
    await trackSome(40);
    // Killed while batches are in flight: their outcome is unknown to the SDK, which sends them again.
    await kill(ingest);
    await trackSome(40);
    await waitFor('the SDK to retry while ingest is down', () => (retries.length > 0 ? true : undefined));
    ingest = await startIngest();
    await trackSome(40);
    expect(await tm.shutdown({ timeoutMs: 60_000 })).toEqual({ undelivered: 0 });
    expect(rejected).toEqual([]);
    expect(new Set(ids).size).toBe(120);
    await expectExactlyOnce(tenant, ids);
  });
});

test('with WebSockets blocked by a proxy, the automatic choice falls back to Comet and delivers everything', async () => {
  const tenant = 'sdk-auto-blocked';
  const blocking = await proxy({ blockWebSockets: true });
  const tm = createTidemark({
    endpoint: blocking.url,
    token: await mint(tenant),
    transport: 'auto',
    flushAt: 10,
  });
  const ids = Array.from({ length: 25 }, (_, i) => tm.track('fallback', { n: i }));
  expect(await tm.shutdown({ timeoutMs: 30_000 })).toEqual({ undelivered: 0 });
  blocking.close();
  const copies = await copiesOnTopic(ids);
  expect(new Set(copies.map((e) => e.context.transport))).toEqual(new Set(['comet-poll']));
  await expectExactlyOnce(tenant, ids);
});

test('the automatic choice is the WebSocket where it works', async () => {
  const tenant = 'sdk-auto';
  const tm = createTidemark({ endpoint, token: await mint(tenant), flushAt: 10 });
  const ids = Array.from({ length: 15 }, (_, i) => tm.track('auto', { n: i }));
  expect(await tm.shutdown({ timeoutMs: 30_000 })).toEqual({ undelivered: 0 });
  const copies = await copiesOnTopic(ids);
  expect(new Set(copies.map((e) => e.context.transport))).toEqual(new Set(['websocket']));
  await expectExactlyOnce(tenant, ids);
});

test('a file-backed queue carries events across a process restart while ingest is down, with their ids', async () => {
  const tenant = 'sdk-file';
  const token = await mint(tenant);
  const file = join(await mkdtemp(join(tmpdir(), 'tidemark-sdk-')), 'queue.json');
  await kill(ingest);
  const first = createTidemark({
    endpoint,
    token,
    storage: createFileStorage(file),
    retry: { baseMs: 50, maxMs: 200 },
  });
  const ids = Array.from({ length: 25 }, (_, i) => first.track('offline', { n: i }));
  expect(await first.shutdown({ timeoutMs: 500 })).toEqual({ undelivered: 25 });
  const stored = JSON.parse(await readFile(file, 'utf8')) as { events: { id: string }[] };
  expect(stored.events.map((e) => e.id)).toEqual(ids);

  ingest = await startIngest();
  const second = createTidemark({ endpoint, token, storage: createFileStorage(file) });
  await second.ready;
  expect(await second.shutdown({ timeoutMs: 30_000 })).toEqual({ undelivered: 0 });
  expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, events: [] });
  await expectExactlyOnce(tenant, ids);
});
