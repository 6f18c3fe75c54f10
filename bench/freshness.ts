/**
 * How fresh are the views at 5 000 events/s? The time from ingest's ack of an event until its count is
 * visible through `GET /api/v1/series` and until it is pushed over the WebSocket live channel, next to the
 * time until a plain Kafka consumer can read it (the limit of any pipeline behind the topic). One command:
 * starts ingest, warehouse, projector and web in a scratch namespace, a load process, measures, removes
 * everything. See README.md ("freshness").
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { newUuidV7, type ViewDefinition, warehouseKeyOf } from '@tidemark/core';
import { createCassandraClient, createCassandraViewStore } from '@tidemark/core/cassandra';
import { createKafka } from '@tidemark/core/kafka';
import { parseEnginesEnv } from '@tidemark/engines/env';
import { createLauncher } from '@tidemark/engines/launcher';
import WebSocket from 'ws';
import { machineBusySeconds, processCpuSeconds } from './ingest-server.ts';
import {
  buildWeb,
  ingestService,
  migrateScratch,
  mintTokens,
  removeScratch,
  type Service,
  scratch,
  webService,
  workerService,
} from './stack.ts';
import { median, percentile } from './stats.ts';

const targetP95Ms = 2000;
const tenant = 'bench';

function readOptions(argv: string[], env: NodeJS.ProcessEnv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      rate: { type: 'string', default: env.BENCH_RATE ?? '5000' },
      'batch-size': { type: 'string', default: env.BENCH_BATCH_SIZE ?? '100' },
      duration: { type: 'string', default: env.BENCH_DURATION ?? '60' },
      warmup: { type: 'string', default: env.BENCH_WARMUP ?? '20' },
      rounds: { type: 'string', default: env.BENCH_ROUNDS ?? '2' },
      'marker-ms': { type: 'string', default: env.BENCH_MARKER_MS ?? '200' },
      'poll-ms': { type: 'string', default: env.BENCH_POLL_MS ?? '50' },
      'ingest-port': { type: 'string', default: env.BENCH_INGEST_PORT ?? '28080' },
      'warehouse-port': { type: 'string', default: env.BENCH_WAREHOUSE_PORT ?? '28081' },
      'projector-port': { type: 'string', default: env.BENCH_PROJECTOR_PORT ?? '28083' },
      'web-port': { type: 'string', default: env.BENCH_WEB_PORT ?? '23000' },
      'dist-dir': { type: 'string', default: env.BENCH_DIST_DIR ?? '.next-bench' },
      'skip-build': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
  });
  const positive = (name: string, text: string) => {
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0)
      throw new Error(`--${name} must be a positive number, got ${text}`);
    return value;
  };
  return {
    rate: positive('rate', values.rate),
    batchSize: positive('batch-size', values['batch-size']),
    durationMs: positive('duration', values.duration) * 1000,
    warmupMs: Number(values.warmup) * 1000,
    rounds: positive('rounds', values.rounds),
    markerMs: positive('marker-ms', values['marker-ms']),
    pollMs: Number(values['poll-ms']),
    ports: {
      ingest: positive('ingest-port', values['ingest-port']),
      warehouse: positive('warehouse-port', values['warehouse-port']),
      projector: positive('projector-port', values['projector-port']),
      web: positive('web-port', values['web-port']),
    },
    distDir: values['dist-dir'],
    skipBuild: values['skip-build'],
    keep: values.keep,
  };
}

/**
 * Markers count into 40 slots (a view grouped by `slot`, all 40 lines within topK 50), taking turns, so a slot
 * gets a marker every 8 s. The first answer in which a slot's count reaches n has seen the slot's n-th marker:
 * exact while markers of one slot become visible in order, which holds unless one is more than 8 s later than
 * the next (then two markers swap their times; the table would show it as a spread of many seconds anyway).
 */
const slots = 40;
const view: ViewDefinition = {
  id: 'freshness',
  title: 'Freshness markers (bench)',
  filter: { names: ['bench_marker'], properties: {} },
  groupBy: ['slot'],
  metrics: ['count'],
  groupCap: 1000,
};
const channels = ['kafka', 'poll', 'ws'] as const;
type Channel = (typeof channels)[number];

interface Marker {
  readonly id: string;
  readonly slot: number;
  readonly expected: number;
  readonly sentAt: number;
  ackAt?: number;
  failed?: boolean;
  seen: Partial<Record<Channel, number>>;
  /** When the warehouse stored the marker's row: its Cassandra write time. */
  storedAt?: number;
  /** When the first series request whose answer had the marker was sent: it was readable by then. */
  readableBy?: number;
}

/** Splits freshness at the warehouse: each marker row's write time (µs since the epoch), read after the run. */
async function readStoredTimes(
  cassandra: ReturnType<typeof createCassandraClient>,
  keyspace: string,
  markers: readonly Marker[],
): Promise<void> {
  const settings = await cassandra.execute(
    `SELECT value FROM ${keyspace}.warehouse_settings WHERE name = 'shards'`,
  );
  const shards = settings.first()?.get('value') as number | undefined;
  if (shards === undefined) return;
  const query = `SELECT WRITETIME(name) AS stored FROM ${keyspace}.events WHERE tenant = ? AND day = ? AND shard = ? AND id = ?`;
  for (const marker of markers) {
    if (marker.ackAt === undefined) continue;
    const key = warehouseKeyOf(tenant, marker.id, shards);
    const row = (
      await cassandra.execute(query, [key.tenant, key.day, key.shard, marker.id], { prepare: true })
    ).first();
    const stored = row?.get('stored');
    if (stored !== undefined && stored !== null) marker.storedAt = Number(String(stored)) / 1000;
  }
}

/** The processes whose CPU a round accounts for: the stack's services, the load, this bench and the engines. */
async function cpuTakers(
  services: readonly Service[],
  loadPid: number | undefined,
): Promise<{ name: string; pid?: number }[]> {
  const engines = await createLauncher(parseEnginesEnv(process.env), () => {}).status();
  return [
    ...services.map((service) => ({ name: service.name, pid: service.pid })),
    { name: 'load', pid: loadPid },
    { name: 'bench', pid: process.pid },
    ...engines.map((engine) => ({ name: engine.name, pid: engine.pid })),
  ];
}

function startLoad(url: string, token: string, rate: number, batchSize: number) {
  const child: ChildProcess = spawn(
    process.execPath,
    [join(import.meta.dirname, 'freshness-load.ts'), url, token, String(rate), String(batchSize)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const reports: {
    at: number;
    sent: number;
    acked: number;
    errors: number;
    skipped: number;
    ackP99: number;
  }[] = [];
  if (child.stdout)
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        reports.push(JSON.parse(line));
      } catch {}
    });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pid: child.pid,
    reports,
    /** Events acknowledged per second and their errors between two times, from the per-second reports. */
    between(from: number, to: number) {
      const inside = reports.filter((r) => r.at >= from && r.at <= to);
      const a = inside[0];
      const b = inside.at(-1);
      if (!a || !b || a === b) return undefined;
      const seconds = (b.at - a.at) / 1000;
      return {
        ackedPerSec: (b.acked - a.acked) / seconds,
        errors: b.errors - a.errors,
        skipped: b.skipped - a.skipped,
        ackP99: median(inside.map((r) => r.ackP99).filter(Number.isFinite)),
      };
    },
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2), process.env);
  const s = scratch('fresh');
  const { engines } = s;
  const services: Service[] = [];
  const cassandra = createCassandraClient({ ...engines.cassandra, keyspace: undefined });
  const kafka = createKafka({ brokers: engines.kafkaBrokers, clientId: 'tidemark-bench' });
  const admin = kafka.admin();
  const tail = kafka.consumer({ groupId: `${s.env.TIDEMARK_NAMESPACE}-bench-tail`, sessionTimeout: 30_000 });
  let load: ReturnType<typeof startLoad> | undefined;
  let socket: WebSocket | undefined;
  let stopped = false;
  try {
    console.error(`scratch namespace ${s.env.TIDEMARK_NAMESPACE}`);
    const building = options.skipBuild
      ? Promise.resolve()
      : buildWeb(options.distDir).then((seconds) =>
          console.error(`web built into apps/web/${options.distDir} in ${seconds.toFixed(0)} s`),
        );
    await migrateScratch(s);
    await createCassandraViewStore(cassandra, { keyspace: engines.cassandra.keyspace }).save(
      tenant,
      view,
      'bench',
      Date.now(),
    );
    const tokens = await mintTokens(s, tenant);
    // One at a time: each runs migrate at start, and three at once time out on a busy machine.
    const ingest = await ingestService(s, options.ports.ingest);
    services.push(ingest);
    services.push(await workerService(s, 'warehouse', options.ports.warehouse));
    services.push(await workerService(s, 'projector', options.ports.projector));
    await building;
    const web = await webService(s, options.ports.web, options.distDir);
    services.push(web);
    await admin.connect();

    const markers: Marker[] = [];
    const inSlot = new Map<number, Marker[]>();
    const expected = Array.from({ length: slots }, () => 0);
    const seen = (channel: Channel, marker: Marker, at: number) => {
      if (marker.seen[channel] === undefined) marker.seen[channel] = at;
    };
    const byId = new Map<string, Marker>();

    // (limit) a plain consumer of the live topic, from its end.
    let joined: () => void = () => {};
    const tailJoined = new Promise<void>((resolve) => {
      joined = resolve;
    });
    tail.on(tail.events.GROUP_JOIN, () => joined());
    await tail.connect();
    await tail.subscribe({ topic: engines.names.topics.events, fromBeginning: false });
    await tail.run({
      eachBatch: async ({ batch }) => {
        const at = Date.now();
        for (const message of batch.messages) {
          const marker = byId.get(message.key?.toString() ?? '');
          if (marker) seen('kafka', marker, at);
        }
      },
    });
    await tailJoined;

    // A series answer: every slot whose count reached its in-flight marker's number has seen that marker.
    type Answer = { series?: { lines: { group: string[] | null; total: { count: number } }[] } };
    const observe = (channel: Channel, answer: Answer, at: number, askedAt?: number) => {
      for (const line of answer.series?.lines ?? []) {
        const slot = Number(line.group?.[0]?.slice(1));
        for (const marker of inSlot.get(slot) ?? [])
          if (line.total.count >= marker.expected) {
            if (askedAt !== undefined && marker.seen[channel] === undefined) marker.readableBy = askedAt;
            seen(channel, marker, at);
          }
      }
    };
    const answerTimes: { at: number; ms: number }[] = [];
    const from = Date.now() - 3_600_000;
    const query = `view=${view.id}&interval=1h&from=${from}&topK=50`;
    const auth = { authorization: `Bearer ${tokens.query}` };

    // (b) the WebSocket live channel.
    socket = new WebSocket(`${web.baseUrl.replace('http', 'ws')}/api/v1/live?${query}`, { headers: auth });
    let snapshot: () => void = () => {};
    const opened = new Promise<void>((resolve) => {
      snapshot = resolve;
    });
    socket.on('message', (data) => {
      const at = Date.now();
      const message = JSON.parse(String(data)) as Answer & { type: string };
      if (message.type === 'snapshot') snapshot();
      observe('ws', message, at);
    });
    socket.on('close', (code) => {
      if (!stopped) console.error(`the WebSocket closed (${code})`);
    });
    await opened;

    // (a) a poller of GET /api/v1/series.
    const poller = (async () => {
      while (!stopped) {
        try {
          const askedAt = Date.now();
          const response = await fetch(`${web.baseUrl}/api/v1/series?${query}`, { headers: auth });
          const body = (await response.json()) as Answer;
          const at = Date.now();
          observe('poll', body, at, askedAt);
          answerTimes.push({ at: askedAt, ms: at - askedAt });
        } catch (error) {
          if (!stopped) console.error(`poll failed: ${(error as Error).message}`);
        }
        if (options.pollMs > 0) await new Promise((resolve) => setTimeout(resolve, options.pollMs));
      }
    })();

    load = startLoad(ingest.baseUrl ?? '', tokens.ingest, options.rate, options.batchSize);
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });

    // Markers: every markerMs, one event in a free slot, posted alone; its ack time is when the answer came.
    const sendMarker = async () => {
      const now = Date.now();
      const free = markers.length % slots;
      expected[free] = (expected[free] ?? 0) + 1;
      const marker: Marker = {
        id: newUuidV7(now),
        slot: free,
        expected: expected[free] ?? 0,
        sentAt: now,
        seen: {},
      };
      inSlot.set(free, [
        ...(inSlot.get(free) ?? []).filter((m) => channels.some((c) => m.seen[c] === undefined)),
        marker,
      ]);
      byId.set(marker.id, marker);
      markers.push(marker);
      try {
        const response = await fetch(`${ingest.baseUrl}/v1/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens.ingest}`, 'content-type': 'application/json' },
          body: JSON.stringify({ id: marker.id, name: 'bench_marker', properties: { slot: `s${free}` } }),
        });
        await response.arrayBuffer();
        if (response.ok) marker.ackAt = Date.now();
        else marker.failed = true;
      } catch {
        marker.failed = true;
      }
    };
    const markerTimer = setInterval(() => void sendMarker(), options.markerMs);

    const lagOf = async (group: string) => {
      const [committed] = await admin.fetchOffsets({ groupId: group, topics: [engines.names.topics.events] });
      const ends = await admin.fetchTopicOffsets(engines.names.topics.events);
      let lag = 0;
      for (const end of ends) {
        const offset = committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
        lag += Number(end.high) - Math.max(0, Number(offset));
      }
      return lag;
    };

    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    console.error(
      `load ${options.rate} events/s in batches of ${options.batchSize}; warm-up ${options.warmupMs / 1000} s`,
    );
    await sleep(options.warmupMs);
    const rounds: {
      from: number;
      to: number;
      busy: number;
      loopP99: number;
      lag: { warehouse: number; projector: number };
      cores: { name: string; cores: number }[];
    }[] = [];
    const takers = await cpuTakers(services, load.pid);
    const cpuNow = () => takers.map(({ pid }) => processCpuSeconds(pid) ?? Number.NaN);
    for (let round = 1; round <= options.rounds; round++) {
      const from = Date.now();
      const busy0 = machineBusySeconds() ?? Number.NaN;
      const cpu0 = cpuNow();
      loopDelay.reset();
      loopDelay.enable();
      await sleep(options.durationMs);
      const to = Date.now();
      const busy = ((machineBusySeconds() ?? Number.NaN) - busy0) / ((to - from) / 1000);
      const cpu1 = cpuNow();
      const cores = takers.map(({ name }, i) => ({
        name,
        cores: ((cpu1[i] ?? Number.NaN) - (cpu0[i] ?? Number.NaN)) / ((to - from) / 1000),
      }));
      loopDelay.disable();
      const lag = {
        warehouse: await lagOf(engines.names.groups.warehouse),
        projector: await lagOf(engines.names.groups.projector),
      };
      rounds.push({ from, to, busy, loopP99: loopDelay.percentile(99) / 1e6, lag, cores });
      console.error(
        `round ${round} done; lag at its end: warehouse ${lag.warehouse}, projector ${lag.projector}`,
      );
    }
    clearInterval(markerTimer);
    // The last markers of the last round get time to arrive.
    const deadline = Date.now() + 30_000;
    const last = rounds.at(-1)?.to ?? 0;
    while (
      Date.now() < deadline &&
      markers.some((m) => m.sentAt < last && !m.failed && channels.some((c) => m.seen[c] === undefined))
    )
      await sleep(100);

    await readStoredTimes(cassandra, engines.cassandra.keyspace, markers);
    const rows: string[] = [];
    const perRound = rounds.map((round) => {
      const inside = markers.filter((m) => m.sentAt >= round.from && m.sentAt < round.to);
      const acked = inside.filter((m) => m.ackAt !== undefined);
      // A marker never seen counts as infinitely late, so percentiles stay honest (printed as "never").
      const latency = (c: Channel) =>
        acked.map((m) => (m.seen[c] !== undefined ? (m.seen[c] as number) - (m.ackAt as number) : Infinity));
      return {
        index: rounds.indexOf(round) + 1,
        markers: inside.length,
        failed: inside.filter((m) => m.failed).length,
        ack: acked.map((m) => (m.ackAt as number) - m.sentAt),
        kafka: latency('kafka'),
        stored: acked.map((m) => (m.storedAt !== undefined ? m.storedAt - (m.ackAt as number) : Infinity)),
        poll: latency('poll'),
        readable: acked.map((m) =>
          m.readableBy !== undefined ? m.readableBy - (m.ackAt as number) : Infinity,
        ),
        answer: answerTimes.filter(({ at }) => at >= round.from && at < round.to).map(({ ms }) => ms),
        ws: latency('ws'),
        missing: Object.fromEntries(
          channels.map((c) => [c, acked.filter((m) => m.seen[c] === undefined).length]),
        ),
        load: load?.between(round.from, round.to),
        ...round,
      };
    });
    for (const r of perRound)
      console.error(
        `round ${r.index}: ${r.markers} markers (${r.failed} failed); p95 ms kafka ${percentile(r.kafka, 95).toFixed(0)}, poll ${percentile(r.poll, 95).toFixed(0)}, ws ${percentile(r.ws, 95).toFixed(0)}; load ${Math.round(r.load?.ackedPerSec ?? 0)} events/s acked, ${r.load?.errors ?? 0} errors, ${r.load?.skipped ?? 0} not sent (64 batches in flight)`,
      );

    const fmt = (n: number) =>
      n === Infinity ? '  never' : Number.isFinite(n) ? n.toFixed(0).padStart(7) : '    n/a';
    const row = (name: string, pick: (r: (typeof perRound)[number]) => number[], missing?: Channel) => {
      const p = (q: number) => median(perRound.map((r) => percentile(pick(r), q)));
      const max = median(perRound.map((r) => Math.max(...pick(r))));
      const n = perRound.reduce((sum, r) => sum + pick(r).length, 0);
      const lost = missing ? perRound.reduce((sum, r) => sum + (r.missing[missing] ?? 0), 0) : 0;
      rows.push(
        `${name.padEnd(52)} ${fmt(p(50))} ${fmt(p(95))} ${fmt(p(99))} ${fmt(max)} ${String(n).padStart(7)} ${String(lost).padStart(7)}`,
      );
    };
    row('marker POST → ack (ingest; not part of freshness)', (r) => r.ack);
    row('ack → read by a plain Kafka consumer (limit)', (r) => r.kafka, 'kafka');
    row('ack → stored by the warehouse (Cassandra write time)', (r) => r.stored);
    row('ack → readable (sending of the first answer with it)', (r) => r.readable);
    row(`ack → visible in GET /api/v1/series (poll ${options.pollMs} ms)`, (r) => r.poll, 'poll');
    row('  GET /api/v1/series answer time (not a stage)', (r) => r.answer);
    row('ack → pushed over WebSocket /api/v1/live', (r) => r.ws, 'ws');
    const poll95 = median(perRound.map((r) => percentile(r.poll, 95)));
    const ws95 = median(perRound.map((r) => percentile(r.ws, 95)));
    console.log(
      [
        '',
        `${new Date().toISOString()}, node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, load ${loadavg()
          .map((n) => n.toFixed(1))
          .join(' ')}`,
        `load: ${options.rate} events/s asked in POST batches of ${options.batchSize}; acked per round ${perRound.map((r) => Math.round(r.load?.ackedPerSec ?? 0)).join(', ')} events/s, errors ${perRound.map((r) => r.load?.errors ?? 0).join(', ')}, ack p99 ${perRound.map((r) => (r.load?.ackP99 ?? Number.NaN).toFixed(0)).join(', ')} ms`,
        `box busy ${perRound.map((r) => r.busy.toFixed(2)).join(', ')} of ${cpus().length} cores; bench loop delay p99 ${perRound.map((r) => r.loopP99.toFixed(0)).join(', ')} ms; lag at round end (warehouse/projector) ${perRound.map((r) => `${r.lag.warehouse}/${r.lag.projector}`).join(', ')}`,
        `cores used per process (rounds): ${(rounds[0]?.cores ?? [])
          .map(
            ({ name }, i) =>
              `${name} ${rounds.map((r) => (r.cores[i]?.cores ?? Number.NaN).toFixed(2)).join('/')}`,
          )
          .join(', ')}`,
        `a marker every ${options.markerMs} ms, ${options.rounds} rounds of ${options.durationMs / 1000} s after ${options.warmupMs / 1000} s warm-up; medians of the rounds' percentiles`,
        '',
        `${'from → to'.padEnd(52)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'max ms'.padStart(7)} ${'n'.padStart(7)} ${'missing'.padStart(7)}`,
        ...rows,
        '',
        `target: p95 ≤ ${targetP95Ms} ms: series ${poll95.toFixed(0)} ms ${poll95 <= targetP95Ms ? 'met' : 'MISSED'}; WebSocket ${ws95.toFixed(0)} ms ${ws95 <= targetP95Ms ? 'met' : 'MISSED'}`,
      ].join('\n'),
    );
    stopped = true;
    await poller.catch(() => {});
  } finally {
    stopped = true;
    socket?.close();
    await load?.stop();
    await tail.disconnect().catch(() => {});
    await Promise.allSettled(services.map((service) => service.stop()));
    await admin.disconnect().catch(() => {});
    await cassandra.shutdown();
    if (!options.keep) await removeScratch(s);
  }
}

await main();
