/**
 * What the web app does per series answer once its cells are at hand, in process: `buildSeries`, the JSON
 * text, and gzip at level 1 (server.ts) against level 6 (Next's own compression, now off). The cells are those
 * of the query benchmark's view: 10 groups, one cell per group and interval. Usage: node json-answer.ts [runs]
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { buildSeries, type SeriesCell, type SeriesInterval, seriesIntervals } from '@tidemark/core';
import { benchView as definition } from './query-data.ts';
import { median } from './stats.ts';

const gzipAsync = promisify(gzip);
const runs = Number(process.argv[2] ?? 15);

const shapes: [string, SeriesInterval, number][] = [
  ['24 h at 1 m', '1m', 1440],
  ['30 d at 1 h', '1h', 720],
];
console.log(
  `${'answer'.padEnd(12)}  cells   bytes      build ms  JSON ms  gzip 1 ms (bytes)   gzip 6 ms (bytes)`,
);
for (const [name, interval, points] of shapes) {
  const step = seriesIntervals[interval];
  const to = Math.floor(Date.now() / step) * step;
  const from = to - points * step;
  const cells: SeriesCell[] = [];
  for (let time = from; time < to; time += step)
    for (let g = 0; g < 10; g++) {
      const count = 1 + ((time / step + g * 7) % 40);
      cells.push({
        bucket: time,
        group: JSON.stringify([`c0${g}`]),
        partial: { count, values: count, sum: count * 50 + ((time / step) % 97), min: 1, max: 100 },
      });
    }
  const query = {
    from,
    to,
    interval,
    groupBy: ['country'],
    filter: {},
    metrics: definition.metrics,
    topK: 10,
  };
  const times = { build: [] as number[], json: [] as number[], gzip1: [] as number[], gzip6: [] as number[] };
  let sizes = { json: 0, gzip1: 0, gzip6: 0 };
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    const series = buildSeries(definition, cells, query);
    const t1 = performance.now();
    const text = JSON.stringify({ tenant: 'bench', series });
    const t2 = performance.now();
    const fast = await gzipAsync(text, { level: 1 });
    const t3 = performance.now();
    const small = await gzipAsync(text, { level: 6 });
    const t4 = performance.now();
    times.build.push(t1 - t0);
    times.json.push(t2 - t1);
    times.gzip1.push(t3 - t2);
    times.gzip6.push(t4 - t3);
    sizes = { json: text.length, gzip1: fast.length, gzip6: small.length };
  }
  const ms = (list: number[]) => median(list).toFixed(1).padStart(8);
  console.log(
    `${name.padEnd(12)}  ${String(cells.length).padStart(5)}  ${String(sizes.json).padStart(8)}  ${ms(times.build)}  ${ms(times.json)}  ${ms(times.gzip1)} (${sizes.gzip1})  ${ms(times.gzip6)} (${sizes.gzip6})`,
  );
}
