/**
 * How fast can Tidemark append to Kafka, next to what Kafka's own JVM producer achieves on the same broker
 * in the same run? See README.md for the flags, what the numbers mean, and recorded results.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type EventLog, engineConfigFrom, engineEnvSchema, type LogRecord, parseEnv } from '@tidemark/core';
import { createKafka, createKafkaEventLog, ensureTopics } from '@tidemark/core/kafka';
import { tuneGarbageCollector } from '@tidemark/runtime';
import { type ProducerPerformanceSummary, runProducerPerformance } from './kafka-perf-tool.ts';
import { median, percentile } from './stats.ts';

// As ingest does, so that the in-process append path is measured as it runs there.
tuneGarbageCollector();

interface Measurement {
  readonly eventsPerSec: number;
  readonly mbPerSec: number;
  readonly avgMs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

const mib = 1024 * 1024;

function readOptions(argv: string[], env: NodeJS.ProcessEnv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      records: { type: 'string', default: env.BENCH_RECORDS ?? '100000' },
      'limit-records': { type: 'string', default: env.BENCH_LIMIT_RECORDS ?? '1000000' },
      'record-size': { type: 'string', default: env.BENCH_RECORD_SIZE ?? '400' },
      'batch-size': { type: 'string', default: env.BENCH_BATCH_SIZE ?? '100' },
      'in-flight': { type: 'string', default: env.BENCH_IN_FLIGHT ?? '1,4,16' },
      rounds: { type: 'string', default: env.BENCH_ROUNDS ?? '5' },
      'kafka-lib': {
        type: 'string',
        default: env.KAFKA_LIB_DIR ?? join(import.meta.dirname, '../.tidemark/engines/kafka/lib'),
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
    records: positive('records', values.records),
    limitRecords: positive('limit-records', values['limit-records']),
    recordSize: positive('record-size', values['record-size']),
    batchSize: positive('batch-size', values['batch-size']),
    inFlight: values['in-flight'].split(',').map((item) => positive('in-flight', item.trim())),
    rounds: positive('rounds', values.rounds),
    kafkaLib: values['kafka-lib'],
  };
}

/** Batches of records with UUID keys and random values, built once so that only the appends are timed. */
function makeBatches(records: number, recordSize: number, batchSize: number): LogRecord[][] {
  const bytes = randomBytes(records * recordSize);
  const batches: LogRecord[][] = [];
  for (let first = 0; first < records; first += batchSize) {
    const count = Math.min(batchSize, records - first);
    batches.push(
      Array.from({ length: count }, (_, i) => ({
        key: randomUUID(),
        value: bytes.subarray((first + i) * recordSize, (first + i + 1) * recordSize),
      })),
    );
  }
  return batches;
}

/** Appends every batch with at most `inFlight` appends pending; latency is per append (one batch). */
async function measureAppends(
  log: EventLog,
  topic: string,
  batches: readonly LogRecord[][],
  inFlight: number,
): Promise<Measurement> {
  const latencies: number[] = [];
  let next = 0;
  let records = 0;
  let bytes = 0;
  const worker = async () => {
    for (let batch = batches[next++]; batch; batch = batches[next++]) {
      const started = performance.now();
      await log.append(topic, batch);
      latencies.push(performance.now() - started);
      records += batch.length;
      for (const record of batch) bytes += record.value.byteLength;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = (performance.now() - started) / 1000;
  return {
    eventsPerSec: records / seconds,
    mbPerSec: bytes / mib / seconds,
    avgMs: latencies.reduce((sum, ms) => sum + ms, 0) / latencies.length,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: Math.max(...latencies),
  };
}

function fromTool(summary: ProducerPerformanceSummary): Measurement {
  const { recordsPerSec, mbPerSec, avgLatencyMs, p50Ms, p99Ms, maxLatencyMs } = summary;
  return { eventsPerSec: recordsPerSec, mbPerSec, avgMs: avgLatencyMs, p50Ms, p99Ms, maxMs: maxLatencyMs };
}

const describe = (m: Measurement) =>
  `${Math.round(m.eventsPerSec)} events/s, ${m.mbPerSec.toFixed(2)} MB/s, latency avg ${m.avgMs.toFixed(1)} p50 ${m.p50Ms.toFixed(1)} p99 ${m.p99Ms.toFixed(1)} max ${m.maxMs.toFixed(1)} ms`;

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join('  '),
    )
    .join('\n');
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2), process.env);
  const { kafkaBrokers } = engineConfigFrom(parseEnv(engineEnvSchema, process.env));
  const kafka = createKafka({
    brokers: kafkaBrokers,
    clientId: 'tidemark-bench',
    log: (level, message) => console.error(`kafkajs ${level}: ${message}`),
  });
  const topic = `bench.kafka-baseline.${Date.now().toString(36)}`;
  const admin = kafka.admin();
  await admin.connect();
  const eventLog = createKafkaEventLog(kafka); // connects on the first append
  try {
    await ensureTopics(admin, [
      { name: topic, partitions: 6, replicationFactor: 1, configs: { 'min.insync.replicas': '1' } },
    ]);
    const batches = makeBatches(options.records, options.recordSize, options.batchSize);
    const measureLimit = async (records: number) =>
      fromTool(
        await runProducerPerformance({
          libDir: options.kafkaLib,
          brokers: kafkaBrokers,
          topic,
          numRecords: records,
          recordSize: options.recordSize,
          producerProps: { acks: 'all', 'enable.idempotence': 'true' },
        }),
      );

    // Untimed warm-up of both clients and of the broker's JIT: connect, producer id, metadata.
    await measureAppends(eventLog, topic, batches.slice(0, Math.ceil(batches.length / 5)), 4);
    await measureLimit(Math.ceil(options.limitRecords / 5));

    const limit: Measurement[] = [];
    const ours = new Map<number, Measurement[]>(options.inFlight.map((n) => [n, []]));
    const ratios = new Map<number, number[]>(options.inFlight.map((n) => [n, []]));
    for (let round = 1; round <= options.rounds; round++) {
      const runLimit = async () => {
        const measurement = await measureLimit(options.limitRecords);
        limit.push(measurement);
        console.log(`round ${round}  ProducerPerformance: ${describe(measurement)}`);
      };
      const runOurs = async () => {
        for (const inFlight of options.inFlight) {
          const measurement = await measureAppends(eventLog, topic, batches, inFlight);
          ours.get(inFlight)?.push(measurement);
          console.log(`round ${round}  createKafkaEventLog, ${inFlight} in flight: ${describe(measurement)}`);
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
      const roundLimit = limit.at(-1)?.eventsPerSec ?? Number.NaN;
      for (const [inFlight, measurements] of ours) {
        ratios.get(inFlight)?.push((measurements.at(-1)?.eventsPerSec ?? Number.NaN) / roundLimit);
      }
    }

    const ms = (value: number) => value.toFixed(1);
    const row = (path: string, inFlight: string, runs: readonly Measurement[], ratio: string) => {
      const mid = (pick: (m: Measurement) => number) => median(runs.map(pick));
      return [
        path,
        inFlight,
        Math.round(mid((m) => m.eventsPerSec)).toLocaleString('en-US'),
        mid((m) => m.mbPerSec).toFixed(2),
        ms(mid((m) => m.avgMs)),
        ms(mid((m) => m.p50Ms)),
        ms(mid((m) => m.p99Ms)),
        ms(mid((m) => m.maxMs)),
        ratio,
      ];
    };
    console.log(
      [
        '',
        `${new Date().toISOString()}, node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB`,
        `Kafka append baseline on ${kafkaBrokers.join(',')}: fresh topic, 6 partitions, RF 1, acks=all, idempotent`,
        `${options.recordSize} B records; per run: ProducerPerformance ${options.limitRecords}, ours ${options.records} in appends of ${options.batchSize}`,
        `medians of ${options.rounds} rounds; latency per record for ProducerPerformance, per append (one batch, queueing included) for ours`,
        '',
        table([
          ['path', 'in flight', 'events/s', 'MB/s', 'avg ms', 'p50 ms', 'p99 ms', 'max ms', 'ours/limit'],
          row('ProducerPerformance (limit)', '-', limit, '1.00'),
          ...options.inFlight.map((inFlight) =>
            row(
              'createKafkaEventLog',
              String(inFlight),
              ours.get(inFlight) ?? [],
              median(ratios.get(inFlight) ?? []).toFixed(2),
            ),
          ),
        ]),
        '',
        "ours/limit: median over rounds of our events/s divided by the same round's ProducerPerformance records/s",
      ].join('\n'),
    );
  } finally {
    await eventLog.close();
    await admin.deleteTopics({ topics: [topic] });
    await admin.disconnect();
  }
}

await main();
