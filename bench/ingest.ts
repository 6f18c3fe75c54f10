/**
 * How many events a second does ingest acknowledge on each transport, at what ack latency, and how does
 * that compare with what Kafka's own JVM producer achieves on the same broker in the same run?
 * One command: mints a token, starts apps/ingest in a child process, measures, stops it.
 * See README.md for the flags, what the numbers mean, and recorded results.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs, promisify } from 'node:util';
import { engineConfigFrom, engineEnvSchema, parseEnv } from '@tidemark/core';
import { createKafka, ensureTopics } from '@tidemark/core/kafka';
import { tuneGarbageCollector } from '@tidemark/runtime';
import {
  closedLoopPosts,
  cometStreams,
  createEventFactory,
  type EventFactory,
  type LoadResult,
  pacedPosts,
  type Target,
  webSocketBatches,
} from './ingest-load.ts';
import { loopSamplingMs, type ServerView, scrapeMetrics, serverView } from './ingest-metrics.ts';
import {
  externalIngestServer,
  type IngestServer,
  machineBusySeconds,
  mintIngestToken,
  peakRssMiB,
  processCpuSeconds,
  startIngestServer,
} from './ingest-server.ts';
import { runProducerPerformance } from './kafka-perf-tool.ts';
import { scratch } from './stack.ts';
import { median, percentile } from './stats.ts';

// As ingest does: the load generator sends large bodies too, and its own GC would otherwise add to the latency
// it measures.
tuneGarbageCollector();

const root = join(import.meta.dirname, '..');
const scenarioKeys = ['post-batch', 'post-single', 'websocket', 'comet', 'paced'] as const;
type ScenarioKey = (typeof scenarioKeys)[number];

/** Targets of issue 3: POST batches reach half of Kafka's limit; p99 under 50 ms at half the max rate. */
const targetRatio = 0.5;
const targetP99Ms = 50;

function readOptions(argv: string[], env: NodeJS.ProcessEnv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string', default: env.BENCH_DURATION ?? '10' },
      warmup: { type: 'string', default: env.BENCH_WARMUP ?? '3' },
      rounds: { type: 'string', default: env.BENCH_ROUNDS ?? '3' },
      'limit-records': { type: 'string', default: env.BENCH_LIMIT_RECORDS ?? '1000000' },
      'record-size': { type: 'string', default: env.BENCH_RECORD_SIZE ?? '400' },
      'batch-size': { type: 'string', default: env.BENCH_BATCH_SIZE ?? '100' },
      'post-concurrency': { type: 'string', default: env.BENCH_POST_CONCURRENCY ?? '16' },
      'single-concurrency': { type: 'string', default: env.BENCH_SINGLE_CONCURRENCY ?? '32' },
      connections: { type: 'string', default: env.BENCH_CONNECTIONS ?? '4' },
      window: { type: 'string', default: env.BENCH_WINDOW ?? '16' },
      'paced-fraction': { type: 'string', default: env.BENCH_PACED_FRACTION ?? '0.5' },
      'paced-rate': { type: 'string', default: env.BENCH_PACED_RATE ?? '' },
      scenarios: { type: 'string', default: env.BENCH_SCENARIOS ?? scenarioKeys.join(',') },
      port: { type: 'string', default: env.BENCH_INGEST_PORT ?? '18080' },
      url: { type: 'string', default: env.BENCH_INGEST_URL ?? '' },
      token: { type: 'string', default: env.BENCH_TOKEN ?? '' },
      'server-node-args': { type: 'string', default: env.BENCH_SERVER_NODE_ARGS ?? '' },
      'server-stdout': { type: 'string', default: env.BENCH_SERVER_STDOUT },
      'kafka-lib': {
        type: 'string',
        default: env.KAFKA_LIB_DIR ?? join(root, '.tidemark/engines/kafka/lib'),
      },
    },
  });
  const number = (name: string, text: string, min: number, integer = true) => {
    const value = Number(text);
    if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value)))
      throw new Error(`--${name} must be ${integer ? 'an integer' : 'a number'} ≥ ${min}, got ${text}`);
    return value;
  };
  const scenarios = values.scenarios.split(',').map((item) => item.trim());
  for (const scenario of scenarios) {
    if (!scenarioKeys.includes(scenario as ScenarioKey))
      throw new Error(`--scenarios takes ${scenarioKeys.join(', ')}; got ${scenario}`);
  }
  return {
    durationMs: number('duration', values.duration, 0.1, false) * 1000,
    warmupMs: number('warmup', values.warmup, 0, false) * 1000,
    rounds: number('rounds', values.rounds, 1),
    limitRecords: number('limit-records', values['limit-records'], 0),
    recordSize: number('record-size', values['record-size'], 1),
    batchSize: number('batch-size', values['batch-size'], 1),
    postConcurrency: number('post-concurrency', values['post-concurrency'], 1),
    singleConcurrency: number('single-concurrency', values['single-concurrency'], 1),
    connections: number('connections', values.connections, 1),
    window: number('window', values.window, 1),
    pacedFraction: number('paced-fraction', values['paced-fraction'], 0.01, false),
    /** Events/s for the paced scenario; undefined: pacedFraction of the same round's POST-batch maximum. */
    pacedRate: values['paced-rate'] === '' ? undefined : number('paced-rate', values['paced-rate'], 1, false),
    scenarios: scenarios as ScenarioKey[],
    port: number('port', values.port, 0),
    url: values.url,
    token: values.token,
    serverNodeArgs: values['server-node-args'].split(' ').filter(Boolean),
    serverStdout: values['server-stdout'],
    kafkaLib: values['kafka-lib'],
  };
}

type Options = ReturnType<typeof readOptions>;

interface Measurement {
  readonly eventsPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** CPU cores the server process used on average (undefined for a server started elsewhere). */
  readonly serverCores: number | undefined;
  /** Server CPU time per acknowledged event, µs. */
  readonly serverUsPerEvent: number | undefined;
  /** CPU cores this load generator used on average. */
  readonly loadCores: number | undefined;
  /** 99th percentile of this load generator's event-loop delay, ms: high values would inflate latencies. */
  readonly loadLoopDelayP99Ms: number | undefined;
  /** CPU cores the whole machine was busy on average (Kafka, Cassandra, OpenSearch and neighbours too). */
  readonly machineCores: number | undefined;
  readonly failures: number;
  /** What the server's /metrics said about the scenario. */
  readonly server: ServerView | undefined;
}

interface Scenario {
  readonly key: ScenarioKey;
  readonly label: string;
  readonly inFlight: string;
  /** The transport label of the server's metrics. */
  readonly transport: string;
  run(durationMs: number, pacedRate: number): Promise<LoadResult>;
}

function scenariosOf(options: Options, target: Target, factory: EventFactory): Scenario[] {
  const batch = options.batchSize;
  const pipelined = (durationMs: number) => ({
    durationMs,
    connections: options.connections,
    window: options.window,
    eventsPerBatch: batch,
    factory,
  });
  const all: Scenario[] = [
    {
      key: 'post-batch',
      transport: 'http',
      label: `POST /v1/events, batches of ${batch}`,
      inFlight: String(options.postConcurrency),
      run: (durationMs) =>
        closedLoopPosts(target, {
          durationMs,
          concurrency: options.postConcurrency,
          eventsPerRequest: batch,
          factory,
        }),
    },
    {
      key: 'post-single',
      transport: 'http',
      label: 'POST /v1/events, single events',
      inFlight: String(options.singleConcurrency),
      run: (durationMs) =>
        closedLoopPosts(target, {
          durationMs,
          concurrency: options.singleConcurrency,
          eventsPerRequest: 1,
          factory,
        }),
    },
    {
      key: 'websocket',
      transport: 'websocket',
      label: `WebSocket, batches of ${batch}`,
      inFlight: `${options.connections}×${options.window}`,
      run: (durationMs) => webSocketBatches(target, pipelined(durationMs)),
    },
    {
      key: 'comet',
      transport: 'comet-stream',
      label: `Comet stream, batches of ${batch}`,
      inFlight: `${options.connections}×${options.window}`,
      run: (durationMs) => cometStreams(target, pipelined(durationMs)),
    },
    {
      key: 'paced',
      transport: 'http',
      label:
        options.pacedRate === undefined
          ? `POST batches of ${batch}, paced at ${Math.round(options.pacedFraction * 100)} % of max`
          : `POST batches of ${batch}, paced at ${options.pacedRate} events/s`,
      inFlight: 'open',
      run: (durationMs, pacedRate) =>
        pacedPosts(target, { durationMs, eventsPerSecond: pacedRate, eventsPerRequest: batch, factory }),
    },
  ];
  return all.filter((scenario) => options.scenarios.includes(scenario.key));
}

async function measure(
  scenario: Scenario,
  durationMs: number,
  pacedRate: number,
  server: IngestServer,
): Promise<Measurement> {
  const serverPid = server.pid;
  const metricsBefore = await scrapeMetrics(server.baseUrl);
  const cpuBefore = processCpuSeconds(serverPid);
  const machineBefore = machineBusySeconds();
  const loadBefore = process.cpuUsage();
  const loopDelay = monitorEventLoopDelay({ resolution: loopSamplingMs });
  loopDelay.enable();
  const result = await scenario.run(durationMs, pacedRate);
  loopDelay.disable();
  const load = process.cpuUsage(loadBefore);
  const machineAfter = machineBusySeconds();
  const cpuAfter = processCpuSeconds(serverPid);
  const metricsAfter = await scrapeMetrics(server.baseUrl);
  const serverCpu = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined;
  const machineCpu =
    machineBefore !== undefined && machineAfter !== undefined ? machineAfter - machineBefore : undefined;
  if (result.firstFailure)
    console.error(`${scenario.key}: ${result.failures} failed; first: ${result.firstFailure}`);
  return {
    eventsPerSec: result.events / result.seconds,
    p50Ms: percentile(result.latenciesMs, 50),
    p99Ms: percentile(result.latenciesMs, 99),
    serverCores: serverCpu === undefined ? undefined : serverCpu / result.seconds,
    serverUsPerEvent:
      serverCpu === undefined || result.events === 0 ? undefined : (serverCpu * 1e6) / result.events,
    loadCores: (load.user + load.system) / 1e6 / result.seconds,
    loadLoopDelayP99Ms: Math.max(0, loopDelay.percentile(99) / 1e6 - loopSamplingMs),
    machineCores: machineCpu === undefined ? undefined : machineCpu / result.seconds,
    failures: result.failures,
    server: serverView(metricsBefore, metricsAfter, scenario.transport, result.seconds),
  };
}

const describe = (m: Measurement) =>
  `${Math.round(m.eventsPerSec)} events/s, ack p50 ${m.p50Ms.toFixed(1)} p99 ${m.p99Ms.toFixed(1)} ms` +
  (m.serverCores === undefined
    ? ''
    : `, server ${m.serverCores.toFixed(2)} cores, ${m.serverUsPerEvent?.toFixed(1)} µs/event`) +
  (m.loadCores === undefined
    ? ''
    : `, load generator ${m.loadCores.toFixed(2)} cores (loop delay p99 ${m.loadLoopDelayP99Ms?.toFixed(0)} ms)`) +
  (m.machineCores === undefined ? '' : `, machine ${m.machineCores.toFixed(2)} cores busy`) +
  (m.server === undefined
    ? ''
    : `; server: Kafka append p50 ≤ ${m.server.appendP50Ms} p99 ≤ ${m.server.appendP99Ms} ms, event-loop delay p99 ${m.server.loopDelayP99Ms.toFixed(0)} ms, GC ${(m.server.gcShare * 100).toFixed(1)} %`) +
  (m.failures > 0 ? `, ${m.failures} FAILED` : '');

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

async function versions(kafkaLib: string): Promise<string> {
  const jar = readdirSync(kafkaLib).find((name) => /^kafka-clients-.+\.jar$/.test(name));
  const kafka = jar?.replace(/^kafka-clients-(.+)\.jar$/, '$1') ?? 'unknown';
  const java = await promisify(execFile)('java', ['-version']).then(
    ({ stderr }) => /version "([^"]+)"/.exec(stderr)?.[1] ?? 'unknown',
    () => 'missing',
  );
  const npmVersion = (name: string) => {
    try {
      return (
        JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as {
          version: string;
        }
      ).version;
    } catch {
      return 'unknown';
    }
  };
  return `Node ${process.version}, Kafka ${kafka} (one broker), Java ${java}, kafkajs ${npmVersion('kafkajs')}, fastify ${npmVersion('fastify')}, ws ${npmVersion('ws')}`;
}

function machine(): string {
  const memory = Math.round(totalmem() / 2 ** 30);
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  return `${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${memory} GiB, load average ${load} at start`;
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2), process.env);
  const { kafkaBrokers } = engineConfigFrom(parseEnv(engineEnvSchema, process.env));
  const machineLine = machine();
  const versionLine = await versions(options.kafkaLib);
  console.log(`${new Date().toISOString()}  ${machineLine}\n${versionLine}`);

  const tenant = 'bench';
  const token = options.token || (await mintIngestToken(tenant));
  const factory = createEventFactory(options.recordSize, tenant);
  console.log(
    `events: ${factory.jsonBytes} B of JSON, ${factory.encodedBytes} B of protobuf on the topic (limit records: ${options.recordSize} B)`,
  );

  const kafka = createKafka({
    brokers: kafkaBrokers,
    clientId: 'tidemark-bench',
    log: (level, message) => console.error(`kafkajs ${level}: ${message}`),
  });
  const admin = kafka.admin();
  const stamp = Date.now().toString(36);
  const limitTopic = `bench.ingest-limit.${stamp}`;
  // The server it starts writes to scratch topics, deleted at the end: a run writes gigabytes, which the live
  // topics would keep for their whole retention.
  // Topics only: its token keys stay in the default keyspace, where scripts/token.ts mints.
  const names = options.url ? undefined : scratch('ingest', stamp);
  const namespace = names?.env.TIDEMARK_NAMESPACE;
  const scratchTopics = names ? Object.values(names.engines.names.topics) : [];
  let server: IngestServer | undefined;
  const stopServer = async () => {
    const running = server;
    server = undefined;
    await running?.stop();
  };
  process.once('SIGINT', () => {
    stopServer().finally(() => process.exit(130));
  });
  await admin.connect();
  try {
    await ensureTopics(admin, [
      { name: limitTopic, partitions: 6, replicationFactor: 1, configs: { 'min.insync.replicas': '1' } },
    ]);
    server = options.url
      ? externalIngestServer(options.url)
      : await startIngestServer({
          port: options.port,
          nodeArgs: options.serverNodeArgs,
          stdoutFile: options.serverStdout,
          readyTimeoutMs: 120_000,
          env: namespace ? { TIDEMARK_NAMESPACE: namespace } : {},
        });
    const running = server;
    const target: Target = { baseUrl: server.baseUrl, token };
    const scenarios = scenariosOf(options, target, factory);
    const measureLimit = async (records: number) =>
      runProducerPerformance({
        libDir: options.kafkaLib,
        brokers: kafkaBrokers,
        topic: limitTopic,
        numRecords: records,
        recordSize: options.recordSize,
        producerProps: { acks: 'all', 'enable.idempotence': 'true' },
        timeoutMs: 300_000,
      });

    const fallbackPacedRate = 5000; // without --paced-rate and without the post-batch scenario
    // Untimed warm-up: the server's JIT and connections, the broker, the JVM producer's page cache.
    if (options.warmupMs > 0) {
      for (const scenario of scenarios) await scenario.run(options.warmupMs, fallbackPacedRate);
      if (options.limitRecords > 0) await measureLimit(Math.ceil(options.limitRecords / 5));
    }

    const limits: Measurement[] = [];
    const results = new Map<ScenarioKey, Measurement[]>(scenarios.map((s) => [s.key, []]));
    const ratios = new Map<ScenarioKey, number[]>(scenarios.map((s) => [s.key, []]));
    const pacedRates: number[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      const runLimit = async () => {
        if (options.limitRecords === 0) return;
        const summary = await measureLimit(options.limitRecords);
        const measurement: Measurement = {
          eventsPerSec: summary.recordsPerSec,
          p50Ms: summary.p50Ms,
          p99Ms: summary.p99Ms,
          serverCores: undefined,
          serverUsPerEvent: undefined,
          loadCores: undefined,
          loadLoopDelayP99Ms: undefined,
          machineCores: undefined,
          failures: 0,
          server: undefined,
        };
        limits.push(measurement);
        console.log(`round ${round}  Kafka ProducerPerformance: ${describe(measurement)} (per record)`);
      };
      const runOurs = async () => {
        // The open loop runs at a fraction of this round's closed-loop POST-batch maximum.
        let rate = options.pacedRate ?? fallbackPacedRate;
        for (const scenario of scenarios) {
          const measurement = await measure(scenario, options.durationMs, rate, running);
          results.get(scenario.key)?.push(measurement);
          if (scenario.key === 'post-batch' && options.pacedRate === undefined)
            rate = options.pacedFraction * measurement.eventsPerSec;
          const pacedNote = scenario.key === 'paced' ? ` (schedule ${Math.round(rate)} events/s)` : '';
          if (scenario.key === 'paced') pacedRates.push(rate);
          console.log(`round ${round}  ${scenario.key}: ${describe(measurement)}${pacedNote}`);
        }
      };
      // Alternate the order so that drift on this shared machine hits both sides.
      if (round % 2 === 1) {
        await runLimit();
        await runOurs();
      } else {
        await runOurs();
        await runLimit();
      }
      const roundLimit = limits.at(-1)?.eventsPerSec ?? Number.NaN;
      for (const [key, measurements] of results) {
        ratios.get(key)?.push((measurements.at(-1)?.eventsPerSec ?? Number.NaN) / roundLimit);
      }
    }
    const serverPeakRss = peakRssMiB(server.pid);
    await stopServer();

    const mid = (runs: readonly Measurement[], pick: (m: Measurement) => number | undefined) => {
      const picked = runs
        .map(pick)
        .filter((value): value is number => value !== undefined && !Number.isNaN(value));
      return picked.length === 0 ? undefined : median(picked);
    };
    const fixed = (value: number | undefined, digits: number) =>
      value === undefined ? '-' : value.toFixed(digits);
    type Pick = (m: Measurement) => number | undefined;
    const cell = (runs: readonly Measurement[], pick: Pick, digits: number) => fixed(mid(runs, pick), digits);
    const row = (label: string, inFlight: string, runs: readonly Measurement[], ratio?: number) => [
      label,
      inFlight,
      Math.round(mid(runs, (m) => m.eventsPerSec) ?? Number.NaN).toLocaleString('en-US'),
      cell(runs, (m) => m.p50Ms, 1),
      cell(runs, (m) => m.p99Ms, 1),
      fixed(ratio, 2),
      cell(runs, (m) => m.serverCores, 2),
      cell(runs, (m) => m.serverUsPerEvent, 0),
      cell(runs, (m) => m.machineCores, 2),
      String(runs.reduce((sum, m) => sum + m.failures, 0)),
    ];
    const serverRow = (label: string, runs: readonly Measurement[]) => [
      label,
      cell(runs, (m) => m.server?.appendP50Ms, 0),
      cell(runs, (m) => m.server?.appendP99Ms, 0),
      cell(runs, (m) => m.server?.loopDelayP99Ms, 0),
      cell(runs, (m) => (m.server === undefined ? undefined : m.server.gcShare * 100), 1),
      cell(runs, (m) => m.loadCores, 2),
      cell(runs, (m) => m.loadLoopDelayP99Ms, 0),
    ];
    const ratioOf = (key: ScenarioKey) => {
      const value = median((ratios.get(key) ?? []).filter((ratio) => !Number.isNaN(ratio)));
      return Number.isNaN(value) ? undefined : value;
    };
    const batchRatio = ratioOf('post-batch');
    const pacedP99 = mid(results.get('paced') ?? [], (m) => m.p99Ms);
    const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    const targets: string[] = [];
    if (batchRatio !== undefined) {
      targets.push(
        `target: POST batches of ${options.batchSize} reach ≥ ${targetRatio.toFixed(2)} × Kafka's limit: ${batchRatio.toFixed(2)}  ${verdict(batchRatio >= targetRatio)}`,
      );
    }
    if (pacedP99 !== undefined) {
      const issueTarget =
        options.pacedRate === undefined &&
        options.pacedFraction === 0.5 &&
        options.scenarios.includes('post-batch');
      const at =
        options.pacedRate === undefined && options.scenarios.includes('post-batch')
          ? `${Math.round(options.pacedFraction * 100)} % of the max rate (median ${Math.round(median(pacedRates))} events/s)`
          : `${Math.round(median(pacedRates))} events/s`;
      targets.push(
        `${issueTarget ? 'target' : 'check (the target is at 50 % of the max rate)'}: p99 < ${targetP99Ms} ms at ${at}: ${pacedP99.toFixed(1)} ms  ${verdict(pacedP99 < targetP99Ms)}`,
      );
    }
    console.log(
      [
        '',
        `${new Date().toISOString()}  ${machineLine}`,
        versionLine,
        `ingest ${options.url || 'started by the benchmark'}, Kafka ${kafkaBrokers.join(',')}, events topic ${namespace ? `${namespace}.events (scratch)` : 'of that ingest'}; limit: ProducerPerformance, ${options.limitRecords} records of ${options.recordSize} B, fresh 6-partition topic, acks=all, idempotent`,
        `events ${factory.encodedBytes} B protobuf (${factory.jsonBytes} B JSON); ${options.durationMs / 1000} s per scenario; medians of ${options.rounds} rounds`,
        '',
        table([
          [
            'scenario',
            'in flight',
            'events/s',
            'p50 ms',
            'p99 ms',
            'x limit',
            'srv cores',
            'srv µs/ev',
            'box busy',
            'errors',
          ],
          ...(limits.length > 0 ? [row('Kafka ProducerPerformance (limit)', '-', limits, 1)] : []),
          ...scenarios.map((scenario) =>
            row(scenario.label, scenario.inFlight, results.get(scenario.key) ?? [], ratioOf(scenario.key)),
          ),
        ]),
        '',
        "x limit: median over rounds of events/s divided by the same round's ProducerPerformance records/s.",
        'Latency: per request, frame or line, from send (paced: its scheduled time) to the ack; ProducerPerformance: per record.',
        'srv cores / µs/ev: CPU of the ingest process (all its threads) per second of wall time / per acknowledged event.',
        `box busy: cores of this ${availableParallelism()}-core machine in use (ingest, load generator, Kafka, Cassandra, OpenSearch, neighbours).`,
        '',
        ...targets,
        '',
        'Inside the server (its /metrics, diffed over each scenario; medians):',
        table([
          [
            'scenario',
            'append p50 ≤ ms',
            'append p99 ≤ ms',
            'loop delay p99 ms',
            'GC %',
            'load gen cores',
            'load gen loop delay p99 ms',
          ],
          ...scenarios.map((scenario) => serverRow(scenario.label, results.get(scenario.key) ?? [])),
        ]),
        'append: from handing a batch to the Kafka event log to its acks=all acknowledgement (histogram bucket bounds).',
        `server peak RSS (VmHWM, the whole run): ${serverPeakRss === undefined ? 'n/a' : `${serverPeakRss.toFixed(0)} MiB`}`,
      ].join('\n'),
    );
  } finally {
    await stopServer();
    const topics = [limitTopic, ...scratchTopics];
    await admin.deleteTopics({ topics }).catch((error: unknown) => {
      console.error(`could not delete ${topics.join(', ')}: ${(error as Error).message}`);
    });
    await admin.disconnect();
  }
}

await main().catch((error: Error) => {
  console.error(`bench/ingest: ${error.message}`);
  process.exitCode = 1;
});
