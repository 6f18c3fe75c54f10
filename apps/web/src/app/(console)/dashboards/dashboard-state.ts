// The dashboards' state as it lives in the URL, so that a link shows the same charts: the range, interval,
// live mode and time zone for the page, and per chart its breakdown, metric, top-K and chart type.
// Client code: only types from @tidemark/core (its runtime pulls node:crypto); the server page passes the limits.
import type { SeriesInterval } from '@tidemark/core';

/** The query API's intervals and point limit (`seriesIntervals`, `maxSeriesPoints`), from the server page. */
export interface SeriesLimits {
  readonly intervals: Readonly<Record<SeriesInterval, number>>;
  readonly maxPoints: number;
}

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

export const rangePresets = [
  { id: '15m', label: 'Last 15 minutes', span: 15 * minute, interval: '1m' },
  { id: '1h', label: 'Last hour', span: hour, interval: '1m' },
  { id: '6h', label: 'Last 6 hours', span: 6 * hour, interval: '5m' },
  { id: '24h', label: 'Last 24 hours', span: day, interval: '5m' },
  { id: '7d', label: 'Last 7 days', span: 7 * day, interval: '1h' },
  { id: '30d', label: 'Last 30 days', span: 30 * day, interval: '1d' },
] as const satisfies readonly { id: string; label: string; span: number; interval: SeriesInterval }[];

export type RangePreset = (typeof rangePresets)[number]['id'];
export const intervals: readonly SeriesInterval[] = ['1m', '5m', '1h', '1d'];
export const intervalLabels: Record<SeriesInterval, string> = {
  '1m': '1 minute',
  '5m': '5 minutes',
  '1h': '1 hour',
  '1d': '1 day',
};
export const chartKinds = ['line', 'area', 'bar'] as const;
export type ChartKind = (typeof chartKinds)[number];
export const topKChoices = [3, 5, 10, 20, 50] as const;
export const defaultTopK = 10;

export interface DashboardState {
  readonly range: RangePreset | 'custom';
  /** Custom ranges only, ms. `to` absent: until now. */
  readonly from?: number;
  readonly to?: number;
  readonly interval: SeriesInterval;
  readonly live: boolean;
  readonly timeZone: 'local' | 'utc';
}

export interface ChartState {
  /** Absent: the view's own group-by; `none`: one total line; else one of the view's keys. */
  readonly groupBy?: string;
  readonly metric?: string;
  readonly topK: number;
  readonly kind: ChartKind;
}

const presetOf = (id: string | null) => rangePresets.find((preset) => preset.id === id);

function timeParam(text: string | null): number | undefined {
  if (!text) return undefined;
  const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}

/** The span a state covers, for choosing intervals; a custom range without an end runs until `now`. */
export function spanOf(state: Pick<DashboardState, 'range' | 'from' | 'to'>, now: number): number {
  if (state.range !== 'custom') return presetOf(state.range)?.span ?? hour;
  return Math.max(minute, (state.to ?? now) - (state.from ?? now - hour));
}

/** Why an interval can't show a span (too many points), or undefined when it can. */
export function intervalProblem(
  limits: SeriesLimits,
  interval: SeriesInterval,
  span: number,
): string | undefined {
  const points = Math.ceil(span / limits.intervals[interval]) + 1;
  return points > limits.maxPoints
    ? `${intervalLabels[interval]} would need ${points.toLocaleString('en-US')} points; at most ${limits.maxPoints.toLocaleString('en-US')}`
    : undefined;
}

/** The finest allowed interval at or above `wanted`, else the coarsest. */
function fitInterval(limits: SeriesLimits, wanted: SeriesInterval, span: number): SeriesInterval {
  const from = intervals.indexOf(wanted);
  return intervals.slice(from).find((interval) => !intervalProblem(limits, interval, span)) ?? '1d';
}

/** Reads the page's state; anything missing or malformed falls back to the last hour, live, local time. */
export function dashboardStateOf(params: URLSearchParams, now: number, limits: SeriesLimits): DashboardState {
  const from = timeParam(params.get('from'));
  const to = timeParam(params.get('to'));
  const custom = params.get('range') === 'custom' && from !== undefined && (to === undefined || to > from);
  const preset = presetOf(params.get('range')) ?? rangePresets[1];
  const range = custom ? ('custom' as const) : preset.id;
  const span = spanOf({ range, from, to }, now);
  const asked = params.get('interval') as SeriesInterval | null;
  const fallback: SeriesInterval = custom
    ? span > 7 * day
      ? '1d'
      : span > day
        ? '1h'
        : span > 3 * hour
          ? '5m'
          : '1m'
    : preset.interval;
  const interval = fitInterval(limits, asked && intervals.includes(asked) ? asked : fallback, span);
  return {
    range,
    ...(custom ? { from, ...(to !== undefined ? { to } : {}) } : {}),
    interval,
    // A range that has ended gets no updates.
    live: params.get('live') !== '0' && !(custom && to !== undefined && to <= now),
    timeZone: params.get('tz') === 'utc' ? 'utc' : 'local',
  };
}

/** URL parameter names of one chart's state; view ids are [a-z0-9_-], so a dot can't collide. */
export function chartParams(view: string) {
  return { groupBy: `by.${view}`, metric: `m.${view}`, topK: `k.${view}`, kind: `c.${view}` } as const;
}

export function chartStateOf(params: URLSearchParams, view: string): ChartState {
  const names = chartParams(view);
  const topK = Number(params.get(names.topK));
  const kind = params.get(names.kind) as ChartKind | null;
  const groupBy = params.get(names.groupBy);
  const metric = params.get(names.metric);
  return {
    ...(groupBy ? { groupBy } : {}),
    ...(metric ? { metric } : {}),
    topK: Number.isInteger(topK) && topK >= 1 && topK <= 50 ? topK : defaultTopK,
    kind: kind && (chartKinds as readonly string[]).includes(kind) ? kind : 'line',
  };
}

/** The view's parts a chart needs. */
export interface ChartView {
  readonly id: string;
  readonly groupBy: readonly string[];
  readonly metrics: readonly string[];
}

/** The inputs of `series.query` and of the live channel for one chart (the parameters of GET /api/v1/series). */
export interface SeriesInput {
  readonly view: string;
  readonly from: number;
  readonly to?: number;
  readonly interval: SeriesInterval;
  readonly groupBy?: string;
  readonly metrics: string;
  readonly topK: number;
}

/** The chart's query, with `anchor` as "now" for a preset range; keys and metrics the view lacks fall back. */
export function seriesInputOf(
  view: ChartView,
  page: DashboardState,
  chart: ChartState,
  anchor: number,
): SeriesInput {
  const span = spanOf(page, anchor);
  const from = page.range === 'custom' ? (page.from ?? anchor - span) : anchor - span;
  const groupBy =
    chart.groupBy === 'none'
      ? 'none'
      : chart.groupBy && view.groupBy.includes(chart.groupBy)
        ? chart.groupBy
        : undefined;
  const metric =
    chart.metric && view.metrics.includes(chart.metric) ? chart.metric : (view.metrics[0] ?? 'count');
  return {
    view: view.id,
    from,
    ...(page.range === 'custom' && page.to !== undefined ? { to: page.to } : {}),
    interval: page.interval,
    ...(groupBy ? { groupBy } : {}),
    metrics: metric,
    topK: chart.topK,
  };
}

/** The same query as URL parameters, for the live channel. */
export function seriesSearchOf(input: SeriesInput): URLSearchParams {
  const search = new URLSearchParams({
    view: input.view,
    from: String(input.from),
    interval: input.interval,
    metrics: input.metrics,
    topK: String(input.topK),
  });
  if (input.to !== undefined) search.set('to', String(input.to));
  if (input.groupBy) search.set('groupBy', input.groupBy);
  return search;
}
