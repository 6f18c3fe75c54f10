/**
 * How fast does an unthrottled replay job re-emit warehouse rows, next to what Kafka's own JVM producer
 * achieves on the same broker in the same run, and how much memory does the replay worker take?
 * One command: seeds a scratch keyspace, starts `apps/workers/src/main.ts` with TM_ROLE=replay, runs jobs,
 * then removes everything it made. See README.md for the flags and recorded results.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  engineConfigFrom,
  engineEnvSchema,
  newReplayJob,
  newUuidV7,
  parseEnv,
  type ReplayJob,
  type WarehouseRow,
  warehouseKeyOf,
} from '@tidemark/core';
import {
  createCassandraClient,
  createCassandraEventStore,
  createCassandraReplayJobStore,
} from '@tidemark/core/cassandra';
import { createKafka } from '@tidemark/core/kafka';
import { migrate } from '@tidemark/core/migrate';
import { peakRssMiB, processCpuSeconds } from './ingest-server.ts';
import { runProducerPerformance } from './kafka-perf-tool.ts';
import { median } from './stats.ts';

const root = join(import.meta.dirname, '..');
/** Issue 4's target for an unthrottled replay. */
const targetEventsPerSec = 30_000;

function readOptions(argv: string[], env: NodeJS.ProcessEnv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: 'string', default: env.BENCH_ROWS ?? '200000' },
      'record-size': { type: 'string', default: env.BENCH_RECORD_SIZE ?? '400' },
      shards: { type: 'string', default: env.BENCH_SHARDS ?? '64' },
      rounds: { type: 'string', default: env.BENCH_ROUNDS ?? '3' },
      'limit-records': { type: 'string', default: env.BENCH_LIMIT_RECORDS ?? '1000000' },
      'worker-node-args': { type: 'string', default: env.BENCH_WORKER_NODE_ARGS ?? '' },
      'kafka-lib': {
        type: 'string',
        default: env.KAFKA_LIB_DIR ?? join(root, '.tidemark/engines/kafka/lib'),
      },
    },
  });
  const positive = (name: string, text: string) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`--${name} must be a positive integer, got ${text}`);
    return value;
  };
  return {
    rows: positive('rows', values.rows),
    recordSize: positive('record-size', values['record-size']),
    shards: positive('shards', values.shards),
    rounds: positive('rounds', values.rounds),
    limitRecords: positive('limit-records', values['limit-records']),
    workerNodeArgs: values['worker-node-args'].split(' ').filter(Boolean),
    kafkaLib: values['kafka-lib'],
  };
}

/** One tenant-day of rows with random payloads, spread over every shard as live traffic would be. */
async function seed(
  store: ReturnType<typeof createCassandraEventStore>,
  options: { rows: number; recordSize: number; shards: number; tenant: string; day: number },
): Promise<number> {
  const started = performance.now();
  const batch = 5000;
  for (let first = 0; first < options.rows; first += batch) {
    const count = Math.min(batch, options.rows - first);
    const bytes = randomBytes(count * options.recordSize);
    const rows: WarehouseRow[] = Array.from({ length: count }, (_, i) => {
      const time = options.day + Math.floor(((first + i) * 86_400_000) / options.rows);
      const id = newUuidV7(time);
      return {
        key: warehouseKeyOf(options.tenant, id, options.shards),
        id,
        name: 'page_view',
        eventTime: time,
        receivedAt: time,
        payload: bytes.subarray(i * options.recordSize, (i + 1) * options.recordSize),
        source: { partition: (first + i) % 6, offset: String(first + i) },
      };
    });
    await store.insert(rows);
  }
  return (performance.now() - started) / 1000;
}

/** `apps/workers/src/main.ts` with TM_ROLE=replay; its log lines (warnings and worse) go to stderr. */
function startReplayWorker(env: Record<string, string>, nodeArgs: readonly string[]) {
  const child = spawn(process.execPath, [...nodeArgs, join(root, 'apps/workers/src/main.ts')], {
    env: { ...process.env, TM_ROLE: 'replay', WORKERS_PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout?.pipe(process.stderr);
  let exit: string | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = `code ${code}, signal ${signal}`;
      resolve();
    }),
  );
  return {
    pid: child.pid,
    /** Throws once the worker has exited: a bench must not wait for a dead one. */
    checkAlive() {
      if (exit !== undefined) throw new Error(`the replay worker exited (${exit})`);
    },
    async stop() {
      if (exit !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2), process.env);
  const stamp = Date.now().toString(36);
  const env = {
    TIDEMARK_NAMESPACE: `bench-replay-${stamp}`,
    CASSANDRA_KEYSPACE: `bench_replay_${stamp}`,
    WAREHOUSE_SHARDS: String(options.shards),
  };
  const engines = engineConfigFrom(parseEnv(engineEnvSchema, { ...process.env, ...env }));
  const replayTopic = engines.names.topics.replay;
  const keyspace = engines.cassandra.keyspace;
  const cassandra = createCassandraClient({ ...engines.cassandra, keyspace: undefined });
  const admin = createKafka({ brokers: engines.kafkaBrokers, clientId: 'tidemark-bench' }).admin();
  let worker: ReturnType<typeof startReplayWorker> | undefined;
  try {
    await migrate(engines);
    await admin.connect();
    const store = createCassandraEventStore(cassandra, { keyspace });
    const jobs = createCassandraReplayJobStore(cassandra, { keyspace });
    const shards = await store.fixShards(options.shards);
    const day = Date.UTC(2026, 0, 15);
    const seedSeconds = await seed(store, { ...options, shards, tenant: 'bench', day });
    console.log(
      `seeded ${options.rows} rows of ${options.recordSize} B in ${seedSeconds.toFixed(1)} s (${Math.round(options.rows / seedSeconds)} rows/s), ${shards} shards × 1 day`,
    );

    worker = startReplayWorker(env, options.workerNodeArgs);
    const { pid } = worker;
    const measureLimit = async () =>
      runProducerPerformance({
        libDir: options.kafkaLib,
        brokers: engines.kafkaBrokers,
        topic: replayTopic,
        numRecords: options.limitRecords,
        recordSize: options.recordSize,
        producerProps: { acks: 'all', 'enable.idempotence': 'true' },
      });
    const runJob = async () => {
      const now = Date.now();
      const request = { tenant: 'bench', mode: 'republish' as const, from: day, to: day + 86_400_000 };
      const job = newReplayJob({ ...request, startedBy: 'bench' }, newUuidV7(now), now);
      await jobs.create(job);
      const cpuBefore = processCpuSeconds(pid);
      const done: ReplayJob = await until(
        `job ${job.id}`,
        async () => {
          worker?.checkAlive();
          const seen = await jobs.get(job.id);
          if (seen?.status === 'failed') throw new Error(`replay job failed: ${seen.error}`);
          return seen?.finishedAt === undefined ? undefined : seen;
        },
        600_000,
      );
      const seconds = ((done.finishedAt ?? 0) - (done.startedAt ?? 0)) / 1000;
      const cpu = (processCpuSeconds(pid) ?? Number.NaN) - (cpuBefore ?? Number.NaN);
      if (done.progress.emitted !== options.rows)
        throw new Error(`the job emitted ${done.progress.emitted} of ${options.rows} rows`);
      return { eventsPerSec: done.progress.emitted / seconds, seconds, cores: cpu / seconds };
    };

    // Untimed warm-up: the worker's first claim, connections, JIT; the broker's JIT for the limit.
    await runJob();
    await measureLimit();
    const ours: Awaited<ReturnType<typeof runJob>>[] = [];
    const limit: number[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      const runOurs = async () => {
        const result = await runJob();
        ours.push(result);
        console.log(
          `round ${round}  replay: ${Math.round(result.eventsPerSec)} events/s (${options.rows} in ${result.seconds.toFixed(2)} s, worker ${result.cores.toFixed(2)} cores)`,
        );
      };
      const runLimit = async () => {
        const summary = await measureLimit();
        limit.push(summary.recordsPerSec);
        console.log(`round ${round}  ProducerPerformance: ${Math.round(summary.recordsPerSec)} records/s`);
      };
      // Alternate the order so that drift on this shared machine hits both sides.
      if (round % 2 === 1) {
        await runOurs();
        await runLimit();
      } else {
        await runLimit();
        await runOurs();
      }
    }
    const rss = peakRssMiB(pid);
    const replayRate = median(ours.map((result) => result.eventsPerSec));
    const limitRate = median(limit);
    console.log(
      [
        '',
        `${new Date().toISOString()}, node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, load ${loadavg()
          .map((n) => n.toFixed(1))
          .join(' ')}`,
        `unthrottled republish of ${options.rows} rows × ${options.recordSize} B (${shards} warehouse partitions) to ${replayTopic} (${engines.topics.partitions} partitions); medians of ${options.rounds} rounds`,
        `replay events/s             ${Math.round(replayRate).toLocaleString('en-US')}  (target ${targetEventsPerSec.toLocaleString('en-US')}: ${replayRate >= targetEventsPerSec ? 'met' : 'missed'})`,
        `replay worker CPU           ${median(ours.map((result) => result.cores)).toFixed(2)} cores`,
        `replay worker peak RSS      ${rss === undefined ? 'n/a' : `${rss.toFixed(0)} MiB`}`,
        `ProducerPerformance limit   ${Math.round(limitRate).toLocaleString('en-US')} records/s (acks=all, idempotent, ${options.recordSize} B, same topic)`,
        `replay/limit                ${(replayRate / limitRate).toFixed(2)}`,
      ].join('\n'),
    );
  } finally {
    await worker?.stop();
    await admin.deleteTopics({ topics: Object.values(engines.names.topics) }).catch(() => {});
    await admin.disconnect();
    await cassandra.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`).catch(() => {});
    await cassandra.shutdown();
  }
}

await main();
