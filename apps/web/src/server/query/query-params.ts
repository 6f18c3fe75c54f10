import {
  alignedRange,
  maxTopK,
  type SeriesInterval,
  type SeriesQuery,
  seriesIntervals,
  seriesQueryProblem,
  type ViewDefinition,
  type ViewMetric,
} from '@tidemark/core';

/** A query's parameters as sent, before the view is known. */
export interface SeriesParams {
  readonly view: string;
  readonly from?: number;
  readonly to?: number;
  readonly interval: SeriesInterval;
  readonly groupBy?: readonly string[];
  readonly filter: Readonly<Record<string, string>>;
  readonly metrics?: readonly ViewMetric[];
  readonly topK: number;
}

export class QueryInputError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** How far back a query without `from` looks: the last hour, or 24 h from a day-sized interval. */
const defaultSpanMs = (interval: SeriesInterval) =>
  (interval === '1d' ? 30 : interval === '1h' ? 1 : 1 / 24) * 86_400_000;

function time(name: string, text: string | null): number | undefined {
  if (text === null || text === '') return undefined;
  const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(ms))
    throw new QueryInputError(
      'QUERY_INVALID_TIME',
      `${name} must be an ISO time or ms since the epoch, got ${text}`,
    );
  return ms;
}

const list = (text: string | null) =>
  text === null || text.trim() === ''
    ? undefined
    : text
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean);

/**
 * Parses `view, from, to, interval (1m|5m|1h|1d), groupBy (a,b), filter (key:value, repeatable),
 * metrics (a,b), topK`; every bad input names itself.
 */
export function parseSeriesParams(search: URLSearchParams): SeriesParams {
  const view = search.get('view');
  if (!view) throw new QueryInputError('QUERY_MISSING_VIEW', 'view is required (see GET /api/v1/views)');
  const interval = (search.get('interval') ?? '1m') as SeriesInterval;
  if (!(interval in seriesIntervals))
    throw new QueryInputError(
      'QUERY_INVALID_INTERVAL',
      `interval must be one of ${Object.keys(seriesIntervals).join(', ')}, got ${interval}`,
    );
  const filter: Record<string, string> = {};
  for (const entry of search.getAll('filter')) {
    const colon = entry.indexOf(':');
    if (colon <= 0)
      throw new QueryInputError(
        'QUERY_INVALID_FILTER',
        `filter must be key:value, got ${JSON.stringify(entry)}`,
      );
    filter[entry.slice(0, colon)] = entry.slice(colon + 1);
  }
  const topKText = search.get('topK');
  const topK = topKText === null ? 10 : Number(topKText);
  if (!(Number.isInteger(topK) && topK >= 1 && topK <= maxTopK))
    throw new QueryInputError(
      'QUERY_INVALID_TOPK',
      `topK must be a whole number from 1 to ${maxTopK}, got ${topKText}`,
    );
  const from = time('from', search.get('from'));
  const to = time('to', search.get('to'));
  const groupBy = list(search.get('groupBy'));
  const metrics = list(search.get('metrics')) as ViewMetric[] | undefined;
  return {
    view,
    interval,
    filter,
    topK,
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(groupBy ? { groupBy: search.get('groupBy') === 'none' ? [] : groupBy } : {}),
    ...(metrics ? { metrics } : {}),
  };
}

/** The full query against a known view: defaults filled in (the view's own group-by and metrics), validated. */
export function seriesQueryOf(definition: ViewDefinition, params: SeriesParams, now: number): SeriesQuery {
  const step = seriesIntervals[params.interval];
  const to = params.to ?? Math.floor(now / step) * step + step;
  const from = params.from ?? to - defaultSpanMs(params.interval);
  const query: SeriesQuery = {
    ...alignedRange({ from, to, interval: params.interval }),
    interval: params.interval,
    groupBy: params.groupBy ?? definition.groupBy,
    filter: params.filter,
    metrics: params.metrics ?? definition.metrics,
    topK: params.topK,
  };
  const problem = seriesQueryProblem(definition, query);
  if (problem) throw new QueryInputError('QUERY_INVALID', problem);
  return query;
}
