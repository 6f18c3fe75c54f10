import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ProducerPerformanceOptions {
  /** Directory holding Kafka's jars (kafka-tools and its dependencies). */
  readonly libDir: string;
  readonly brokers: readonly string[];
  readonly topic: string;
  readonly numRecords: number;
  readonly recordSize: number;
  /** Producer properties on top of bootstrap.servers. */
  readonly producerProps: Readonly<Record<string, string>>;
  /** Kill the JVM and fail after this long (a broker that vanishes mid-run would hang it); none by default. */
  readonly timeoutMs?: number;
}

/** The final summary line of ProducerPerformance; latencies are per record, send to acknowledgement. */
export interface ProducerPerformanceSummary {
  readonly records: number;
  readonly recordsPerSec: number;
  readonly mbPerSec: number;
  readonly avgLatencyMs: number;
  readonly maxLatencyMs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** Runs Kafka's own producer benchmark (the JVM client, no throttling) and returns its summary. */
export async function runProducerPerformance(
  options: ProducerPerformanceOptions,
): Promise<ProducerPerformanceSummary> {
  const props = { 'bootstrap.servers': options.brokers.join(','), ...options.producerProps };
  const args = [
    '-Xmx512M', // what bin/kafka-producer-perf-test.sh gives it
    '-cp',
    join(options.libDir, '*'),
    'org.apache.kafka.tools.ProducerPerformance',
    ...['--topic', options.topic],
    ...['--num-records', String(options.numRecords)],
    ...['--record-size', String(options.recordSize)],
    ...['--throughput', '-1'],
    '--producer-props',
    ...Object.entries(props).map(([name, value]) => `${name}=${value}`),
  ];
  const { stdout } = await run('java', args, {
    maxBuffer: 16 * 1024 * 1024,
    timeout: options.timeoutMs ?? 0,
  });
  return parseProducerPerformanceSummary(stdout);
}

const summaryLine =
  /(\d+) records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\), ([\d.]+) ms avg latency, ([\d.]+) ms max latency, (\d+) ms 50th, \d+ ms 95th, (\d+) ms 99th/;

/** Parses the last summary line, e.g. "100000 records sent, 5.0 records/sec (…), … ms 50th, … ms 99th, …". */
export function parseProducerPerformanceSummary(output: string): ProducerPerformanceSummary {
  const line = output
    .split('\n')
    .findLast((candidate) => summaryLine.test(candidate))
    ?.match(summaryLine);
  if (!line) throw new Error(`ProducerPerformance printed no summary line:\n${output.slice(-2000)}`);
  const [records, recordsPerSec, mbPerSec, avgLatencyMs, maxLatencyMs, p50Ms, p99Ms] = line
    .slice(1)
    .map(Number);
  return {
    records: records ?? Number.NaN,
    recordsPerSec: recordsPerSec ?? Number.NaN,
    mbPerSec: mbPerSec ?? Number.NaN,
    avgLatencyMs: avgLatencyMs ?? Number.NaN,
    maxLatencyMs: maxLatencyMs ?? Number.NaN,
    p50Ms: p50Ms ?? Number.NaN,
    p99Ms: p99Ms ?? Number.NaN,
  };
}
