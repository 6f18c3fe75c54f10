import { noneValue, otherGroup, type ViewDefinition, type ViewMetric, viewMetrics } from './view.ts';
import { emptyPartial, mergePartial, metricValue, metricValues, type ViewPartial } from './view-partial.ts';

/** Query intervals: buckets of the series, each a whole number of the 1-minute base buckets, UTC-aligned. */
export const seriesIntervals = { '1m': 60_000, '5m': 300_000, '1h': 3_600_000, '1d': 86_400_000 } as const;
export type SeriesInterval = keyof typeof seriesIntervals;

/** Points a single query may return per line, so a year at one minute can't be asked for by accident. */
export const maxSeriesPoints = 10_000;
export const maxTopK = 50;

/** Stored aggregates of one interval bucket and stored group (what a series store reads). */
export interface SeriesCell {
  readonly bucket: number;
  readonly group: string;
  readonly partial: ViewPartial;
}

export interface SeriesQuery {
  readonly from: number;
  readonly to: number;
  readonly interval: SeriesInterval;
  /** A subset of the view's group-by keys to break down by; [] for one total line. */
  readonly groupBy: readonly string[];
  /** Equality on the view's group-by keys. */
  readonly filter: Readonly<Record<string, string>>;
  readonly metrics: readonly ViewMetric[];
  /** Lines kept by total count (ties by group value); the rest fold into one "other" line. */
  readonly topK: number;
}

export interface SeriesLine {
  /** The group's values in `groupBy` order; null for the "other" line. */
  readonly group: readonly string[] | null;
  readonly total: Record<string, number | null>;
  /** Per metric, the value at each of the series' `times`, in order (columns: a chart draws them as they are). */
  readonly values: Record<string, (number | null)[]>;
}

export interface SeriesResult {
  readonly from: number;
  readonly to: number;
  readonly interval: SeriesInterval;
  readonly groupBy: readonly string[];
  readonly metrics: readonly ViewMetric[];
  /** Some events fell past the view's group cap: they are in "other", whatever the filter. */
  readonly truncated: boolean;
  /** Each interval bucket's start, from `from` up to `to`: every line has a value for each. */
  readonly times: readonly number[];
  readonly lines: readonly SeriesLine[];
}

/** Why a query can't run against this view, or undefined when it can. */
export function seriesQueryProblem(definition: ViewDefinition, query: SeriesQuery): string | undefined {
  // Own keys only: `toString` and friends are found on every object.
  if (!Object.hasOwn(seriesIntervals, query.interval))
    return `interval must be one of ${Object.keys(seriesIntervals).join(', ')}`;
  if (!Number.isFinite(query.from) || !Number.isFinite(query.to)) return 'from and to must be times';
  if (query.from >= query.to) return 'from must lie before to';
  const aligned = alignedRange(query);
  if ((aligned.to - aligned.from) / seriesIntervals[query.interval] > maxSeriesPoints)
    return `at most ${maxSeriesPoints} points per line: widen the interval or shorten the range`;
  const unknownKey = [...query.groupBy, ...Object.keys(query.filter)].find(
    (key) => !definition.groupBy.includes(key),
  );
  if (unknownKey !== undefined)
    return `view ${definition.id} is grouped by ${definition.groupBy.join(', ') || 'nothing'}; ${JSON.stringify(unknownKey)} is not one of its keys`;
  if (new Set(query.groupBy).size !== query.groupBy.length) return 'groupBy keys must differ';
  const metric = query.metrics.find((m) => !viewMetrics.includes(m) || !definition.metrics.includes(m));
  if (metric !== undefined)
    return `view ${definition.id} offers ${definition.metrics.join(', ')}, not ${metric}`;
  if (!(Number.isInteger(query.topK) && query.topK >= 1 && query.topK <= maxTopK))
    return `topK must be a whole number from 1 to ${maxTopK}`;
  return undefined;
}

/** The query's range widened to whole intervals. */
export function alignedRange(query: Pick<SeriesQuery, 'from' | 'to' | 'interval'>): {
  from: number;
  to: number;
} {
  const step = seriesIntervals[query.interval];
  return { from: Math.floor(query.from / step) * step, to: Math.ceil(query.to / step) * step };
}

/**
 * Lines of a series from stored cells (merged per interval bucket and stored group): groups projected onto
 * `groupBy` and filtered, top-K by total count with ties broken by group value, the rest in "other".
 */
export function buildSeries(
  definition: ViewDefinition,
  cells: readonly SeriesCell[],
  query: SeriesQuery,
): SeriesResult {
  const { from, to } = alignedRange(query);
  const step = seriesIntervals[query.interval];
  const positions = query.groupBy.map((key) => definition.groupBy.indexOf(key));
  const filters = Object.entries(query.filter).map(
    ([key, value]) => [definition.groupBy.indexOf(key), value] as const,
  );
  const otherKey = '\u0000other';
  const slots = (to - from) / step;
  // Per line, its merged partial at each interval of the range (undefined where it has none).
  const byGroup = new Map<string, (ViewPartial | undefined)[]>();
  // A stored group's line, or null when the filter drops it: worked out once per group, not once per cell.
  const lineKeys = new Map<string, string | null>();
  const lineKeyOf = (group: string): string | null => {
    if (group === otherGroup) return filters.length > 0 ? null : otherKey;
    const values = JSON.parse(group) as string[];
    if (filters.some(([index, value]) => (values[index] ?? noneValue) !== value)) return null;
    return JSON.stringify(positions.map((index) => values[index] ?? noneValue));
  };
  // A slot's first cell is used as it is (cells may be shared, e.g. cached); a copy is made to merge into.
  const merged = new Set<ViewPartial>();
  let truncated = false;

  for (const cell of cells) {
    if (cell.bucket < from || cell.bucket >= to) continue;
    if (cell.group === otherGroup) truncated = true;
    let key = lineKeys.get(cell.group);
    if (key === undefined) {
      key = lineKeyOf(cell.group);
      lineKeys.set(cell.group, key);
    }
    if (key === null) continue;
    let partials = byGroup.get(key);
    if (!partials) {
      partials = new Array(slots).fill(undefined);
      byGroup.set(key, partials);
    }
    const slot = Math.floor((cell.bucket - from) / step);
    const held = partials[slot];
    if (held === undefined) partials[slot] = cell.partial;
    else if (merged.has(held)) mergePartial(held, cell.partial);
    else {
      const copy = emptyPartial();
      mergePartial(copy, held);
      mergePartial(copy, cell.partial);
      merged.add(copy);
      partials[slot] = copy;
    }
  }

  const totals = [...byGroup].map(([key, partials]) => {
    const total = emptyPartial();
    for (const partial of partials) if (partial) mergePartial(total, partial);
    return { key, partials, total };
  });
  const ranked = totals
    .filter((entry) => entry.key !== otherKey)
    .map((entry) => ({ ...entry, values: JSON.parse(entry.key) as string[] }))
    .sort((a, b) => b.total.count - a.total.count || compareValues(a.values, b.values));
  const kept = ranked.slice(0, query.topK);
  const rest = [...ranked.slice(query.topK), ...totals.filter((entry) => entry.key === otherKey)];

  const times = Array.from({ length: slots }, (_, slot) => from + slot * step);
  const none = emptyPartial();
  const lineOf = (
    group: readonly string[] | null,
    partials: readonly (ViewPartial | undefined)[],
    total: ViewPartial,
  ): SeriesLine => {
    const values: Record<string, (number | null)[]> = {};
    for (const metric of query.metrics)
      values[metric] = Array.from(partials, (partial) => metricValue(partial ?? none, metric));
    return { group, total: metricValues(total, query.metrics), values };
  };
  const lines = kept.map((entry) => lineOf(entry.values, entry.partials, entry.total));
  if (rest.length > 0) {
    const partials = Array.from({ length: slots }, emptyPartial);
    const total = emptyPartial();
    for (const entry of rest) {
      mergePartial(total, entry.total);
      entry.partials.forEach((partial, slot) => {
        if (partial) mergePartial(partials[slot] as ViewPartial, partial);
      });
    }
    lines.push(lineOf(null, partials, total));
  }
  if (lines.length === 0 && query.groupBy.length === 0)
    lines.push(lineOf([], new Array(slots).fill(undefined), emptyPartial()));
  return {
    from,
    to,
    interval: query.interval,
    groupBy: query.groupBy,
    metrics: query.metrics,
    truncated,
    times,
    lines,
  };
}

/** Group values in order, value by value (not their JSON text, where `"a b"` sorts before `"a"`). */
function compareValues(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}
