/**
 * How fast does `GET /api/v1/series` answer over a view fed by 10 million events, for 24 h at 1 m and 30 d at
 * 1 h, next to the OpenSearch requests it issues, sent raw (the limit)? One command: makes a scratch namespace,
 * writes the partial documents the projector would have written (folded with `applyRecord`), saves the view,
 * starts the web app, measures, removes everything unless --keep. See README.md ("query").
 */
import { spawn } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import {
  buildSeries,
  type SeriesInterval,
  seriesIntervals,
  type ViewTarget,
  viewIndexName,
} from '@tidemark/core';
import { createCassandraClient, createCassandraViewStore } from '@tidemark/core/cassandra';
import { createOpenSearchClient, createOpenSearchSeriesStore } from '@tidemark/core/opensearch';
import { machineBusySeconds } from './ingest-server.ts';
import { benchView as definition, feedView } from './query-data.ts';
import { type LiveProcessOptions, liveTopic } from './query-live.ts';
import { buildWeb, migrateScratch, mintTokens, removeScratch, scratch, webService } from './stack.ts';
import { median, percentile } from './stats.ts';

const targetP99Ms = 100;
// The client's types lack `field` on min and max aggregations, which OpenSearch requires.
type SearchBody = NonNullable<Parameters<ReturnType<typeof createOpenSearchClient>['search']>[0]>['body'];
const tenant = 'bench';
const apiPath = 'GET /api/v1/series (HTTP, web app)';
const livePath = 'GET /api/v1/series ending now (live edge)';
const hourMs = 3_600_000;
const dayMs = 86_400_000;

function readOptions(argv: string[], env: NodeJS.ProcessEnv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      events: { type: 'string', default: env.BENCH_EVENTS ?? '10000000' },
      days: { type: 'string', default: env.BENCH_DAYS ?? '30' },
      groups: { type: 'string', default: env.BENCH_GROUPS ?? '10' },
      partitions: { type: 'string', default: env.BENCH_PARTITIONS ?? '6' },
      requests: { type: 'string', default: env.BENCH_REQUESTS ?? '50' },
      warmup: { type: 'string', default: env.BENCH_WARMUP ?? '5' },
      rounds: { type: 'string', default: env.BENCH_ROUNDS ?? '2' },
      'web-port': { type: 'string', default: env.BENCH_WEB_PORT ?? '23100' },
      'dist-dir': { type: 'string', default: env.BENCH_DIST_DIR ?? '.next-bench' },
      'skip-build': { type: 'boolean', default: false },
      stamp: { type: 'string', default: env.BENCH_STAMP ?? '' },
      keep: { type: 'boolean', default: false },
      'resume-docs': { type: 'string', default: '0' },
      end: { type: 'string', default: '' },
      'live-rate': { type: 'string', default: env.BENCH_LIVE_RATE ?? '5000' },
      'live-tick-ms': { type: 'string', default: env.BENCH_LIVE_TICK_MS ?? '250' },
    },
  });
  const positive = (name: string, text: string) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`--${name} must be a positive integer, got ${text}`);
    return value;
  };
  return {
    events: positive('events', values.events),
    days: positive('days', values.days),
    groups: positive('groups', values.groups),
    partitions: positive('partitions', values.partitions),
    requests: positive('requests', values.requests),
    warmup: Number(values.warmup),
    rounds: positive('rounds', values.rounds),
    webPort: positive('web-port', values['web-port']),
    distDir: values['dist-dir'],
    skipBuild: values['skip-build'],
    /** Reuse the scratch data of an earlier `--keep` run (its stamp) instead of writing it again. */
    stamp: values.stamp,
    keep: values.keep || values.stamp !== '',
    /** With --stamp: documents an interrupted feed had written; feeding goes on from there. */
    resumeDocs: Number(values['resume-docs']),
    /** End of the generated range (ms), by default the current hour; an interrupted feed resumes with its own. */
    end: values.end === '' ? undefined : Number(values.end),
    /** Events/s the live writer folds into the current minute while the paths are measured. */
    liveRate: positive('live-rate', values['live-rate']),
    liveTickMs: positive('live-tick-ms', values['live-tick-ms']),
  };
}

interface Shape {
  readonly name: string;
  readonly interval: SeriesInterval;
  readonly spanMs: number;
}
const shapes: Shape[] = [
  { name: '24 h at 1 m', interval: '1m', spanMs: dayMs },
  { name: '30 d at 1 h', interval: '1h', spanMs: 30 * dayMs },
];

/**
 * The bodies `readAggregated` in opensearch-series-store.ts sends for one read, page by page (composite
 * aggregation, 5 000 cells a page). Kept in step with that file by hand; the run checks both give the same cells.
 */
function storeSearchBody(
  read: { from: number; to: number; intervalMs: number; generation: number },
  after?: unknown,
) {
  return {
    size: 0,
    query: {
      bool: {
        filter: [
          { term: { tenant } },
          { term: { view: definition.id } },
          { term: { generation: read.generation } },
          { range: { bucket: { gte: read.from, lt: read.to } } },
        ],
        must_not: [{ term: { group: '\u0000groups' } }],
      },
    },
    aggs: {
      cells: {
        composite: {
          size: 5000,
          ...(after ? { after } : {}),
          sources: [
            { bucket: { date_histogram: { field: 'bucket', fixed_interval: `${read.intervalMs}ms` } } },
            { group: { terms: { field: 'group' } } },
          ],
        },
        aggs: {
          count: { sum: { field: 'count' } },
          values: { sum: { field: 'values' } },
          sum: { sum: { field: 'sum' } },
          min: { min: { field: 'min' } },
          max: { max: { field: 'max' } },
        },
      },
    },
  };
}

function pushTo<T>(lists: Record<string, T[]>, key: string, value: T): void {
  const list = lists[key] ?? [];
  lists[key] = list;
  list.push(value);
}

/** query-live.ts in a process of its own; resolves once it has filled the current hour. */
async function startLive(options: LiveProcessOptions) {
  const child = spawn(
    process.execPath,
    [join(import.meta.dirname, 'query-live.ts'), JSON.stringify(options)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let last = { ticks: 0, events: 0 };
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const ready = new Promise<void>((resolve, reject) => {
    void exited.then((code) => reject(new Error(`the live writer exited (${code}) before it was ready`)));
    if (child.stdout)
      createInterface({ input: child.stdout }).on('line', (line) => {
        last = JSON.parse(line);
        resolve();
      });
  });
  await ready;
  return {
    done: () => last,
    async stop() {
      child.kill('SIGTERM');
      const code = await exited;
      if (code !== 0) console.error(`the live writer exited with ${code}`);
    },
  };
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2), process.env);
  const s = scratch('query', options.stamp || undefined);
  const { engines } = s;
  const stamp = s.env.TIDEMARK_NAMESPACE?.replace('bench-query-', '');
  const opensearch = createOpenSearchClient(engines.opensearch);
  const cassandra = createCassandraClient({ ...engines.cassandra, keyspace: undefined });
  const store = createOpenSearchSeriesStore(opensearch, { prefix: engines.opensearch.viewPrefix });
  const target: ViewTarget = { tenant, definition, generation: 1 };
  const index = viewIndexName(engines.opensearch.viewPrefix, { tenant, view: definition.id, generation: 1 });
  const groups = Array.from({ length: options.groups }, (_, i) => `c${String(i).padStart(2, '0')}`);
  let web: Awaited<ReturnType<typeof webService>> | undefined;
  let webUncached: Awaited<ReturnType<typeof webService>> | undefined;
  let live: Awaited<ReturnType<typeof startLive>> | undefined;
  let perMinute: Map<number, number> | undefined;
  try {
    console.error(`scratch namespace ${s.env.TIDEMARK_NAMESPACE}, index ${index}`);
    const building = options.skipBuild
      ? Promise.resolve(0)
      : buildWeb(options.distDir).then((seconds) => {
          console.error(`web built into apps/web/${options.distDir} in ${seconds.toFixed(0)} s`);
          return seconds;
        });
    await migrateScratch(s);
    const views = createCassandraViewStore(cassandra, { keyspace: engines.cassandra.keyspace });
    let end: number;
    const exists = (await opensearch.indices.exists({ index })).body;
    if (exists && options.stamp && options.resumeDocs === 0) {
      const { body } = await opensearch.search({
        index,
        body: {
          size: 0,
          query: { bool: { must_not: [{ term: { topic: liveTopic } }] } },
          aggs: { last: { max: { field: 'bucket' } } },
        } as SearchBody,
      });
      end = ((body.aggregations as unknown as { last: { value: number } }).last.value ?? 0) + 60_000;
      console.error(`reusing ${index}: data ends at ${new Date(end).toISOString()}`);
    } else {
      end = options.end ?? Math.floor(Date.now() / hourMs) * hourMs;
      // No refresh while loading (fewer, larger segments, faster); back to the template's 250 ms after.
      if (exists)
        await opensearch.indices.putSettings({ index, body: { index: { refresh_interval: '-1' } } });
      else await opensearch.indices.create({ index, body: { settings: { refresh_interval: '-1' } } });
      let lastPrint = 0;
      const fed = await feedView(store, {
        target,
        topic: engines.names.topics.events,
        events: options.events,
        end,
        days: options.days,
        partitions: options.partitions,
        groups,
        valueKey: 'amount',
        bulkDocs: 5000,
        inFlight: 2,
        skipDocs: options.resumeDocs,
        onProgress: ({ events, docs }) => {
          if (Date.now() - lastPrint < 10_000) return;
          lastPrint = Date.now();
          console.error(
            `  fed ${events.toLocaleString('en-US')} events as ${docs.toLocaleString('en-US')} documents`,
          );
        },
      });
      perMinute = fed.perMinute;
      await opensearch.indices.putSettings({ index, body: { index: { refresh_interval: '250ms' } } });
      await opensearch.indices.refresh({ index });
      console.error(
        `fed ${options.events.toLocaleString('en-US')} events as ${fed.docs.toLocaleString('en-US')} partial documents in ${fed.seconds.toFixed(0)} s (${Math.round(fed.docs / fed.seconds)} docs/s)`,
      );
    }
    await views.save(tenant, definition, 'bench', Date.now());
    const { query: token } = await mintTokens(s, tenant);
    await building;
    web = await webService(s, options.webPort, options.distDir);
    // The same app with its series cache off: what every request cost before the cache, and a cold one now.
    webUncached = await webService(s, options.webPort + 1, options.distDir, {
      name: 'web-uncached',
      env: { WEB_SERIES_CACHE_MB: '0' },
    });

    const stats = (await opensearch.indices.stats({ index, metric: ['docs', 'segments', 'store'] }))
      .body as unknown as {
      _all: {
        primaries: { docs: { count: number }; segments: { count: number }; store: { size_in_bytes: number } };
      };
    };
    const primaries = stats._all.primaries;

    const paths: Record<string, (shape: Shape) => Promise<number>> = {};
    const readOf = (shape: Shape) => ({
      tenant,
      view: definition.id,
      generation: 1,
      from: end - shape.spanMs,
      to: end,
      intervalMs: seriesIntervals[shape.interval],
      sketches: false,
    });
    const tookMs: Record<string, number[]> = {};
    const variantTookMs: Record<string, number[]> = {};
    const getSeries = async (baseUrl: string | undefined, shape: Shape, from: number, to: number) => {
      const started = performance.now();
      const response = await fetch(
        `${baseUrl}/api/v1/series?view=${definition.id}&interval=${shape.interval}&from=${from}&to=${to}`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      const text = await response.text();
      const elapsed = performance.now() - started;
      if (response.status !== 200)
        throw new Error(`series answered ${response.status}: ${text.slice(0, 300)}`);
      return elapsed;
    };
    paths[apiPath] = (shape) => getSeries(web?.baseUrl, shape, end - shape.spanMs, end);
    paths[livePath] = (shape) => {
      const step = seriesIntervals[shape.interval];
      const to = Math.floor(Date.now() / step) * step + step;
      return getSeries(web?.baseUrl, shape, to - shape.spanMs, to);
    };
    paths['GET /api/v1/series, series cache off'] = (shape) =>
      getSeries(webUncached?.baseUrl, shape, end - shape.spanMs, end);
    paths['store.read + buildSeries (in process)'] = async (shape) => {
      const started = performance.now();
      const cells = await store.read(readOf(shape));
      buildSeries(definition, cells, {
        from: end - shape.spanMs,
        to: end,
        interval: shape.interval,
        groupBy: definition.groupBy,
        filter: {},
        metrics: definition.metrics,
        topK: 10,
      });
      return performance.now() - started;
    };
    paths['OpenSearch _search, same bodies (limit)'] = async (shape) => {
      const started = performance.now();
      let after: unknown;
      let took = 0;
      for (;;) {
        const response = await fetch(`${engines.opensearch.node}/${index}/_search`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(storeSearchBody(readOf(shape), after)),
        });
        const body = (await response.json()) as {
          took: number;
          aggregations: { cells: { after_key?: unknown; buckets: unknown[] } };
        };
        took += body.took;
        const cells = body.aggregations.cells;
        if (!cells.after_key || cells.buckets.length < 5000) break;
        after = cells.after_key;
      }
      pushTo(tookMs, shape.name, took);
      return performance.now() - started;
    };

    paths['OpenSearch, one nested request (variant)'] = async (shape) => {
      const started = performance.now();
      const read = readOf(shape);
      const body = storeSearchBody(read);
      const response = await fetch(
        `${engines.opensearch.node}/${index}/_search?filter_path=took,aggregations`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            size: 0,
            query: body.query,
            aggs: {
              time: {
                date_histogram: { field: 'bucket', fixed_interval: `${read.intervalMs}ms`, min_doc_count: 1 },
                aggs: {
                  group: {
                    terms: { field: 'group', size: definition.groupCap + 1 },
                    aggs: body.aggs.cells.aggs,
                  },
                },
              },
            },
          }),
        },
      );
      const parsed = (await response.json()) as { took: number };
      pushTo(variantTookMs, shape.name, parsed.took);
      return performance.now() - started;
    };

    // Sanity: the API's totals are the events fed into the range, and the raw bodies give the store's cells.
    for (const shape of shapes) {
      const response = await fetch(
        `${web.baseUrl}/api/v1/series?view=${definition.id}&interval=${shape.interval}&from=${end - shape.spanMs}&to=${end}`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      const body = (await response.json()) as {
        series: { times: number[]; lines: { group: string[] | null; total: { count: number } }[] };
      };
      const lines = body.series.lines;
      const total = lines.reduce((sum, line) => sum + line.total.count, 0);
      const cells = await store.read(readOf(shape));
      let expected = '';
      if (perMinute) {
        let want = 0;
        for (const [bucket, count] of perMinute)
          if (bucket >= end - shape.spanMs && bucket < end) want += count;
        if (want !== total) throw new Error(`${shape.name}: the API counts ${total}, ${want} were fed`);
        expected = ' (= events fed)';
      }
      console.error(
        `${shape.name}: ${lines.length} lines × ${body.series.times.length} points, ${total.toLocaleString('en-US')} events${expected}; ${cells.length} cells from the store`,
      );
    }

    live = await startLive({
      stamp: stamp ?? '',
      target,
      backfillPerMinute: Math.round(options.events / (options.days * 1440)),
      eventsPerSecond: options.liveRate,
      tickMs: options.liveTickMs,
      partitions: options.partitions,
      groups,
      valueKey: 'amount',
    });
    const samples: Record<string, Record<string, number[][]>> = {};
    for (let round = 1; round <= options.rounds; round++) {
      const names = Object.keys(paths);
      if (round % 2 === 0) names.reverse();
      for (const shape of shapes) {
        for (const name of names) {
          const path = paths[name] as (shape: Shape) => Promise<number>;
          for (let i = 0; i < options.warmup; i++) await path(shape);
          const busy0 = machineBusySeconds();
          const t0 = performance.now();
          const times: number[] = [];
          for (let i = 0; i < options.requests; i++) times.push(await path(shape));
          const busy =
            ((machineBusySeconds() ?? Number.NaN) - (busy0 ?? Number.NaN)) /
            ((performance.now() - t0) / 1000);
          const byPath = samples[shape.name] ?? {};
          samples[shape.name] = byPath;
          pushTo(byPath, name, times);
          console.error(
            `round ${round}  ${shape.name.padEnd(12)} ${name.padEnd(40)} p50 ${percentile(times, 50).toFixed(1).padStart(7)} ms  p99 ${percentile(times, 99).toFixed(1).padStart(7)} ms  box busy ${busy.toFixed(2)}`,
          );
        }
      }
    }

    const fmt = (n: number) => n.toFixed(1).padStart(8);
    const lines = [
      '',
      `${new Date().toISOString()}, node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, load ${loadavg()
        .map((n) => n.toFixed(1))
        .join(' ')}`,
      `view ${definition.id}: ${options.events.toLocaleString('en-US')} events over ${options.days} d × ${options.groups} groups × ${options.partitions} partitions = ${primaries.docs.count.toLocaleString('en-US')} partial documents in 1 shard (${primaries.segments.count} segments, ${(primaries.store.size_in_bytes / 2 ** 20).toFixed(0)} MiB); metrics ${definition.metrics.join(', ')}`,
      `one request at a time, ${options.requests} per path and shape per round after ${options.warmup} warm-up; medians over ${options.rounds} rounds of each round's percentile`,
      `meanwhile a live writer folded ${options.liveRate} events/s into the current minute every ${options.liveTickMs} ms and published each tick on the series-updates topic (${live.done().ticks} ticks by then)`,
      '',
      `${'query'.padEnd(12)}  ${'path'.padEnd(40)}  ${'p50 ms'.padStart(8)}  ${'p99 ms'.padStart(8)}  ${'max ms'.padStart(8)}  ${'x limit p50'.padStart(11)}`,
    ];
    for (const shape of shapes) {
      const byPath = samples[shape.name] ?? {};
      const limitP50 = median(
        (byPath['OpenSearch _search, same bodies (limit)'] ?? []).map((t) => percentile(t, 50)),
      );
      for (const [name, rounds] of Object.entries(byPath)) {
        const p50 = median(rounds.map((t) => percentile(t, 50)));
        const p99 = median(rounds.map((t) => percentile(t, 99)));
        const max = median(rounds.map((t) => Math.max(...t)));
        lines.push(
          `${shape.name.padEnd(12)}  ${name.padEnd(40)}  ${fmt(p50)}  ${fmt(p99)}  ${fmt(max)}  ${(p50 / limitP50).toFixed(2).padStart(11)}`,
        );
      }
      lines.push(
        `${shape.name.padEnd(12)}  ${"OpenSearch's own `took` (sum of pages)".padEnd(40)}  ${fmt(percentile(tookMs[shape.name] ?? [], 50))}  ${fmt(percentile(tookMs[shape.name] ?? [], 99))}`,
      );
      lines.push(
        `${shape.name.padEnd(12)}  ${'  its `took`, nested variant'.padEnd(40)}  ${fmt(percentile(variantTookMs[shape.name] ?? [], 50))}  ${fmt(percentile(variantTookMs[shape.name] ?? [], 99))}`,
      );
    }
    lines.push('');
    for (const shape of shapes)
      for (const path of [livePath, apiPath]) {
        const rounds = samples[shape.name]?.[path] ?? [];
        const p99 = median(rounds.map((t) => percentile(t, 99)));
        lines.push(
          `target: ${shape.name} p99 ≤ ${targetP99Ms} ms through ${path}: ${p99.toFixed(1)} ms  ${p99 <= targetP99Ms ? 'met' : 'MISSED'}`,
        );
      }
    console.log(lines.join('\n'));
    if (options.keep) console.error(`kept: rerun with --stamp ${stamp} to reuse the data`);
  } finally {
    await live?.stop();
    await webUncached?.stop();
    await web?.stop();
    await cassandra.shutdown();
    await opensearch.close();
    if (!options.keep) await removeScratch(s);
  }
}

await main();
