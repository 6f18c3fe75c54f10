// What the ingest server says about itself on /metrics, diffed over one scenario: how long its Kafka
// appends took, how late its event loop ran, how much time went to GC. It separates time spent waiting for
// Kafka from time spent queued in the server.

/** Prometheus text as `name{labels}` → value (labels as printed, in the order printed). */
export type Samples = ReadonlyMap<string, number>;

export async function scrapeMetrics(baseUrl: string): Promise<Samples> {
  const response = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`${baseUrl}/metrics answered ${response.status}`);
  return parsePrometheusText(await response.text());
}

export function parsePrometheusText(text: string): Samples {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    samples.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return samples;
}

/** prom-client's default eventLoopMonitoringPrecision: the histogram's samples include this interval. */
export const loopSamplingMs = 10;

export interface ServerView {
  /** Kafka append latency of the scenario's batches, as the upper bound of the histogram bucket, ms. */
  readonly appendP50Ms: number;
  readonly appendP99Ms: number;
  /**
   * 99th percentile of event-loop delay during the scenario, ms, beyond the sampling timer's own 10 ms
   * (prom-client samples with monitorEventLoopDelay at its default precision, and resets it on every scrape).
   */
  readonly loopDelayP99Ms: number;
  /** Share of the scenario's wall time the server spent in garbage collection. */
  readonly gcShare: number;
}

/** The server's view of one scenario, from scrapes just before and just after it. */
export function serverView(before: Samples, after: Samples, transport: string, seconds: number): ServerView {
  const bucketPrefix = 'tidemark_ingest_ack_seconds_bucket{';
  const buckets: { le: number; count: number }[] = [];
  for (const [key, value] of after) {
    if (!key.startsWith(bucketPrefix) || !key.includes(`transport="${transport}"`)) continue;
    const le = /le="([^"]+)"/.exec(key)?.[1];
    if (le === undefined) continue;
    buckets.push({
      le: le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le),
      count: value - (before.get(key) ?? 0),
    });
  }
  buckets.sort((a, b) => a.le - b.le);
  const total = buckets.at(-1)?.count ?? 0;
  const quantile = (q: number) =>
    total === 0 ? Number.NaN : (buckets.find((bucket) => bucket.count >= q * total)?.le ?? Number.NaN) * 1000;
  const sum = (samples: Samples, prefix: string) => {
    let value = 0;
    for (const [key, sample] of samples) if (key.startsWith(prefix)) value += sample;
    return value;
  };
  const gcSeconds =
    sum(after, 'nodejs_gc_duration_seconds_sum') - sum(before, 'nodejs_gc_duration_seconds_sum');
  return {
    appendP50Ms: quantile(0.5),
    appendP99Ms: quantile(0.99),
    loopDelayP99Ms: Math.max(0, sum(after, 'nodejs_eventloop_lag_p99_seconds') * 1000 - loopSamplingMs),
    gcShare: gcSeconds / seconds,
  };
}
