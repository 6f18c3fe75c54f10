import { maxSeriesPoints, seriesIntervals } from '@tidemark/core';
import { describe, expect, test } from 'vitest';
import { parseSeriesParams } from '../../../server/query/query-params.ts';
import {
  chartStateOf,
  dashboardStateOf,
  intervalProblem,
  seriesInputOf,
  seriesSearchOf,
} from './dashboard-state.ts';

const limits = { intervals: seriesIntervals, maxPoints: maxSeriesPoints };
const now = Date.parse('2030-01-01T12:00:00Z');
const hour = 3_600_000;
const day = 24 * hour;
const stateOf = (query: string) => dashboardStateOf(new URLSearchParams(query), now, limits);

describe('dashboard state in the URL', () => {
  test.each([
    ['', { range: '1h', interval: '1m', live: true, timeZone: 'local' }],
    ['range=7d', { range: '7d', interval: '1h', live: true, timeZone: 'local' }],
    ['range=30d&interval=1m', { range: '30d', interval: '5m', live: true, timeZone: 'local' }],
    ['range=nonsense&live=0&tz=utc', { range: '1h', interval: '1m', live: false, timeZone: 'utc' }],
    [
      'range=custom&from=2030-01-01T00:00:00Z',
      { range: 'custom', from: now - 12 * hour, interval: '5m', live: true, timeZone: 'local' },
    ],
    [
      `range=custom&from=${now - 3 * day}&to=${now - day}&interval=1m`,
      { range: 'custom', from: now - 3 * day, to: now - day, interval: '1m', live: false, timeZone: 'local' },
    ],
    // A custom range that ends before it starts is ignored.
    [
      `range=custom&from=${now}&to=${now - day}`,
      { range: '1h', interval: '1m', live: true, timeZone: 'local' },
    ],
  ])('%s', (query, expected) => {
    expect(stateOf(query)).toEqual(expected);
  });

  test('an interval that needs more points than the API serves is refused with the count', () => {
    expect(intervalProblem(limits, '1m', 30 * day)).toBe('1 minute would need 43,201 points; at most 10,000');
    expect(intervalProblem(limits, '5m', 30 * day)).toBeUndefined();
  });

  test('chart state per view, and the query it makes is one the API accepts', () => {
    const params = new URLSearchParams(
      'by.signups=plan&m.signups=uniques&k.signups=3&c.signups=bar&k.other=99',
    );
    expect(chartStateOf(params, 'signups')).toEqual({
      groupBy: 'plan',
      metric: 'uniques',
      topK: 3,
      kind: 'bar',
    });
    expect(chartStateOf(params, 'other')).toEqual({ topK: 10, kind: 'line' });
    const view = { id: 'signups', groupBy: ['plan', '$name'], metrics: ['count', 'uniques'] };
    const input = seriesInputOf(view, stateOf('range=6h'), chartStateOf(params, 'signups'), now);
    expect(input).toEqual({
      view: 'signups',
      from: now - 6 * hour,
      interval: '5m',
      groupBy: 'plan',
      metrics: 'uniques',
      topK: 3,
    });
    expect(parseSeriesParams(seriesSearchOf(input))).toEqual({
      view: 'signups',
      from: now - 6 * hour,
      interval: '5m',
      groupBy: ['plan'],
      metrics: ['uniques'],
      filter: {},
      topK: 3,
    });
    // A key or metric the view no longer has falls back to the view's own.
    const stale = chartStateOf(new URLSearchParams('by.signups=country&m.signups=p99'), 'signups');
    expect(seriesInputOf(view, stateOf(''), stale, now)).toEqual({
      view: 'signups',
      from: now - hour,
      interval: '1m',
      metrics: 'count',
      topK: 10,
    });
  });
});
