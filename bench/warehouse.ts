// bench/warehouse: how fast the warehouse role stores the live topic into Cassandra, next to how fast
// the same driver can insert the same rows with nothing else in the way (the store's limit here).
//   node warehouse.ts [--events 200000] [--rate 15000] [--seconds 30]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  engineConfigFrom,
  engineEnvSchema,
  newUuidV7,
  parseEnv,
  type WarehouseRow,
  warehouseKeyOf,
} from '@tidemark/core';
import { createCassandraClient, createCassandraEventStore } from '@tidemark/core/cassandra';
import { createKafka, createKafkaEventLog } from '@tidemark/core/kafka';
import { migrate } from '@tidemark/core/migrate';
import { encodeTrackedEvent } from '@tidemark/proto';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '200000' },
    rate: { type: 'string', default: '15000' },
    seconds: { type: 'string', default: '30' },
    // Node flags for the warehouse process, e.g. --no-external-memory-accounted-in-global-limit.
    'worker-node-args': { type: 'string', default: '' },
  },
});
const total = Number(args.events);
const rate = Number(args.rate);
const seconds = Number(args.seconds);
const run = `bench${Date.now().toString(36)}`;
const env = { ...process.env, TIDEMARK_NAMESPACE: run, CASSANDRA_KEYSPACE: run, KAFKA_PARTITIONS: '6' };
const engines = engineConfigFrom(parseEnv(engineEnvSchema, env));
const kafka = createKafka({ brokers: engines.kafkaBrokers, clientId: 'tidemark-bench-warehouse' });
const admin = kafka.admin();
const log = createKafkaEventLog(kafka);
const shards = 64;

const event = (id: string) =>
  encodeTrackedEvent({
    id,
    tenant: 'bench',
    name: 'page_view',
    timestamp: Date.now(),
    sentAt: Date.now(),
    receivedAt: Date.now(),
    properties: {
      path: '/pricing/enterprise',
      referrer: 'https://search.example/?q=analytics',
      plan: 'pro',
      seats: 12,
      trial: false,
      filler: 'x'.repeat(200),
    },
    context: {
      transport: 'http',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) bench',
      sdkName: 'tidemark-js',
      sdkVersion: '1.0.0',
    },
  });

type Chunk = Parameters<typeof log.append>[1];

/**
 * The events of a phase, ids and protobuf encoded before it starts: during the phase the bench's producer
 * then spends its CPU on Kafka only, and leaves the rest of this shared machine to the warehouse.
 */
function prepare(count: number): Chunk[] {
  const chunks: Chunk[] = [];
  for (let made = 0; made < count; made += 500) {
    const ids = Array.from({ length: Math.min(500, count - made) }, () => newUuidV7(Date.now()));
    chunks.push(ids.map((id) => ({ key: id, value: event(id), headers: { 'tm-tenant': 'bench' } })));
  }
  return chunks;
}

async function produce(chunks: readonly Chunk[], perSecond = Number.POSITIVE_INFINITY): Promise<void> {
  const started = performance.now();
  // Several appends in flight (the event log merges them), so that one slow acknowledgement does not hold
  // the offered rate below what was asked.
  const inFlight = new Set<Promise<void>>();
  let sent = 0;
  for (const chunk of chunks) {
    const append = log.append(engines.names.topics.events, chunk);
    sent += chunk.length;
    inFlight.add(append);
    void append.finally(() => inFlight.delete(append)).catch(() => {});
    if (inFlight.size >= 8) await Promise.race(inFlight);
    const due = (sent / perSecond) * 1000 - (performance.now() - started);
    if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
  }
  await Promise.all(inFlight);
}

async function lag(): Promise<number> {
  const ends = await admin.fetchTopicOffsets(engines.names.topics.events);
  const [committed] = await admin.fetchOffsets({
    groupId: engines.names.groups.warehouse,
    topics: [engines.names.topics.events],
  });
  return ends.reduce((sum, end) => {
    const at = Number(committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? -1);
    return sum + Number(end.high) - Math.max(0, at);
  }, 0);
}

function rssMiB(pid: number): number {
  const kib = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Math.round(Number(kib ?? 0) / 1024);
}

/** The store's limit: the same rows straight into Cassandra through the same driver and statement. */
async function directInsertRate(count: number): Promise<number> {
  const client = createCassandraClient(engines.cassandra);
  const store = createCassandraEventStore(client, { keyspace: engines.cassandra.keyspace, concurrency: 128 });
  const rows: WarehouseRow[] = Array.from({ length: count }, (_, i) => {
    const id = newUuidV7(Date.now());
    const payload = event(id);
    return {
      key: warehouseKeyOf('direct', id, shards),
      id,
      name: 'page_view',
      eventTime: Date.now(),
      receivedAt: Date.now(),
      payload,
      source: { partition: 0, offset: String(i) },
    };
  });
  const started = performance.now();
  await store.insert(rows); // one call: 64 statements in flight throughout, as a warehouse batch has
  const elapsed = (performance.now() - started) / 1000;
  await client.shutdown();
  return count / elapsed;
}

await admin.connect();
await migrate(engines);
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB; node ${process.version}`,
);
console.log(
  `producing ${total} events (~${event(newUuidV7(Date.now())).length} B each) to ${engines.names.topics.events}…`,
);
await produce(prepare(total));

const workerNodeArgs = args['worker-node-args'].split(' ').filter(Boolean);
const child = spawn(
  process.execPath,
  [...workerNodeArgs, join(import.meta.dirname, '../apps/workers/src/main.ts')],
  {
    env: {
      ...env,
      TM_ROLE: 'warehouse',
      WORKERS_PORT: '0',
      LOG_LEVEL: 'warn',
      WAREHOUSE_SHARDS: String(shards),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  },
);
let peak = 0;
const sampler = setInterval(() => {
  if (child.pid) peak = Math.max(peak, rssMiB(child.pid));
}, 250);
const started = performance.now();
while ((await lag()) > 0) await new Promise((resolve) => setTimeout(resolve, 200));
const backlogSeconds = (performance.now() - started) / 1000;
console.log(
  `backlog: ${total} events stored in ${backlogSeconds.toFixed(1)} s (includes start-up and group join)`,
);

const load = prepare(rate * seconds);
console.log(`sustained: producing ${rate} events/s for ${seconds} s while the warehouse keeps up…`);
const lags: number[] = [];
const sampling = setInterval(() => void lag().then((value) => lags.push(value)), 1000);
const loadStarted = performance.now();
await produce(load, rate);
const loadSeconds = (performance.now() - loadStarted) / 1000;
clearInterval(sampling);
const producedAt = performance.now();
while ((await lag()) > 0) await new Promise((resolve) => setTimeout(resolve, 100));
const drainSeconds = (performance.now() - producedAt) / 1000;
clearInterval(sampler);
child.kill('SIGTERM');

const direct = await directInsertRate(50_000);
const backlogRate = total / backlogSeconds;
const third = Math.max(1, Math.floor(lags.length / 3));
const lagAt = (slice: number[]) => Math.round(slice.reduce((a, b) => a + b, 0) / Math.max(1, slice.length));
console.log('');
console.log('scenario                                   events/s   notes');
console.log(
  `warehouse, backlog of ${total}`.padEnd(42),
  String(Math.round(backlogRate)).padStart(9),
  '  ours/limit',
  (backlogRate / direct).toFixed(2),
);
console.log(
  `warehouse, ${rate}/s asked for ${seconds} s`.padEnd(42),
  // stored per second over the whole phase: the load plus the time to drain what was left
  String(Math.round((rate * seconds) / (loadSeconds + drainSeconds))).padStart(9),
  // On a busy machine the producer itself can fall short of the asked rate: then it, not the warehouse,
  // sets the pace, and only the lag tells whether the warehouse kept up.
  `  producer reached ${Math.round((rate * seconds) / loadSeconds)}/s; lag mean first/middle/last third: ${lagAt(lags.slice(0, third))} / ${lagAt(lags.slice(third, 2 * third))} / ${lagAt(lags.slice(2 * third))}; drained ${drainSeconds.toFixed(1)} s after the load stopped`,
);
console.log('limit: direct driver inserts, same rows'.padEnd(42), String(Math.round(direct)).padStart(9));
console.log(`warehouse peak RSS: ${peak} MiB`);

await log.close();
await admin.deleteTopics({ topics: Object.values(engines.names.topics) }).catch(() => {});
await admin.disconnect();
const cleanup = createCassandraClient({ ...engines.cassandra, keyspace: undefined });
await cleanup.execute(`DROP KEYSPACE IF EXISTS ${run}`).catch(() => {});
await cleanup.shutdown();
