import { describe, expect, test } from 'vitest';
import { addToHll, emptyHll } from './hyperloglog.ts';
import {
  alignedRange,
  buildSeries,
  maxSeriesPoints,
  type SeriesCell,
  type SeriesQuery,
  seriesQueryProblem,
} from './series.ts';
import { otherGroup, type ViewDefinition } from './view.ts';
import type { ViewPartial } from './view-partial.ts';

const t0 = Date.UTC(2026, 2, 1, 12, 0);
const minute = 60_000;

const definition: ViewDefinition = {
  id: 'orders',
  title: 'Orders',
  filter: { names: [], properties: {} },
  groupBy: ['country', '$name'],
  metrics: ['count', 'sum', 'min', 'max', 'avg', 'uniques'],
  value: 'amount',
  groupCap: 100,
};

const query: SeriesQuery = {
  from: t0,
  to: t0 + 3 * minute,
  interval: '1m',
  groupBy: ['country', '$name'],
  filter: {},
  metrics: ['count'],
  topK: 10,
};

function partial(count: number, sum = 0, users: readonly string[] = []): ViewPartial {
  const uniques = emptyHll();
  for (const user of users) addToHll(uniques, user);
  return { count, values: count, sum, min: sum / Math.max(count, 1), max: sum / Math.max(count, 1), uniques };
}

const cell = (minutes: number, values: string[] | typeof otherGroup, p: ViewPartial): SeriesCell => ({
  bucket: t0 + minutes * minute,
  group: values === otherGroup ? otherGroup : JSON.stringify(values),
  partial: p,
});

describe('seriesQueryProblem', () => {
  test.each<[string, Partial<SeriesQuery>, string | undefined]>([
    ['a good query', {}, undefined],
    ['one total line', { groupBy: [] }, undefined],
    ['filter on a group-by key', { groupBy: ['country'], filter: { $name: 'order' } }, undefined],
    ['unknown interval', { interval: '2m' as never }, 'interval must be one of 1m, 5m, 1h, 1d'],
    [
      'inherited property as interval',
      { interval: 'toString' as never },
      'interval must be one of 1m, 5m, 1h, 1d',
    ],
    ['from not a time', { from: Number.NaN }, 'from and to must be times'],
    ['to infinite', { to: Number.POSITIVE_INFINITY }, 'from and to must be times'],
    ['empty range', { to: t0 }, 'from must lie before to'],
    [
      'too many points',
      { to: t0 + (maxSeriesPoints + 1) * minute },
      `at most ${maxSeriesPoints} points per line: widen the interval or shorten the range`,
    ],
    ['exactly the most points', { to: t0 + maxSeriesPoints * minute }, undefined],
    [
      'too many points once aligned',
      { from: t0 + 1, to: t0 + maxSeriesPoints * minute + 1 },
      `at most ${maxSeriesPoints} points per line: widen the interval or shorten the range`,
    ],
    [
      'group by a key the view lacks',
      { groupBy: ['plan'] },
      'view orders is grouped by country, $name; "plan" is not one of its keys',
    ],
    [
      'filter on a key the view lacks',
      { filter: { plan: 'pro' } },
      'view orders is grouped by country, $name; "plan" is not one of its keys',
    ],
    ['repeated group-by key', { groupBy: ['country', 'country'] }, 'groupBy keys must differ'],
    [
      'metric the view lacks',
      { metrics: ['p99'] },
      'view orders offers count, sum, min, max, avg, uniques, not p99',
    ],
    ['topK 0', { topK: 0 }, 'topK must be a whole number from 1 to 50'],
    ['topK 51', { topK: 51 }, 'topK must be a whole number from 1 to 50'],
    ['topK 2.5', { topK: 2.5 }, 'topK must be a whole number from 1 to 50'],
  ])('%s', (_, change, problem) => {
    expect(seriesQueryProblem(definition, { ...query, ...change })).toBe(problem);
  });

  test('a view without group-by says so', () => {
    expect(seriesQueryProblem({ ...definition, groupBy: [] }, { ...query, groupBy: ['country'] })).toBe(
      'view orders is grouped by nothing; "country" is not one of its keys',
    );
  });
});

test.each<[string, Pick<SeriesQuery, 'from' | 'to' | 'interval'>, { from: number; to: number }]>([
  ['aligned', { from: t0, to: t0 + minute, interval: '1m' }, { from: t0, to: t0 + minute }],
  [
    'widened to minutes',
    { from: t0 + 1, to: t0 + minute + 1, interval: '1m' },
    { from: t0, to: t0 + 2 * minute },
  ],
  [
    '5m',
    { from: t0 + 7 * minute, to: t0 + 8 * minute, interval: '5m' },
    { from: t0 + 5 * minute, to: t0 + 10 * minute },
  ],
  ['1h', { from: t0 + minute, to: t0 + 61 * minute, interval: '1h' }, { from: t0, to: t0 + 120 * minute }],
  [
    '1d is the UTC day',
    { from: Date.UTC(2026, 2, 1, 23), to: Date.UTC(2026, 2, 2, 1), interval: '1d' },
    { from: Date.UTC(2026, 2, 1), to: Date.UTC(2026, 2, 3) },
  ],
])('alignedRange: %s', (_, range, aligned) => {
  expect(alignedRange(range)).toEqual(aligned);
});

describe('buildSeries', () => {
  const cells = [
    cell(0, ['de', 'order'], partial(2, 30, ['u1', 'u2'])),
    cell(0, ['fr', 'order'], partial(1, 5, ['u3'])),
    cell(1, ['de', 'refund'], partial(1, -10, ['u1'])),
    cell(2, ['de', 'order'], partial(4, 40, ['u4'])),
    cell(2, ['us', 'order'], partial(3, 3, ['u5'])),
    cell(3, ['us', 'order'], partial(100, 1)), // past `to`
    cell(-1, ['us', 'order'], partial(100, 1)), // before `from`
  ];

  test('every stored group, dense and zero-filled, ranked by count', () => {
    const result = buildSeries(definition, cells, { ...query, metrics: ['count', 'sum'] });
    expect(result).toEqual({
      from: t0,
      to: t0 + 3 * minute,
      interval: '1m',
      groupBy: ['country', '$name'],
      metrics: ['count', 'sum'],
      truncated: false,
      times: [t0, t0 + minute, t0 + 2 * minute],
      lines: [
        {
          group: ['de', 'order'],
          total: { count: 6, sum: 70 },
          values: { count: [2, 0, 4], sum: [30, 0, 40] },
        },
        {
          group: ['us', 'order'],
          total: { count: 3, sum: 3 },
          values: { count: [0, 0, 3], sum: [0, 0, 3] },
        },
        {
          group: ['de', 'refund'],
          total: { count: 1, sum: -10 },
          values: { count: [0, 1, 0], sum: [0, -10, 0] },
        },
        {
          group: ['fr', 'order'],
          total: { count: 1, sum: 5 },
          values: { count: [1, 0, 0], sum: [5, 0, 0] },
        },
      ],
    });
  });

  test('projected onto a subset of keys, groups merge (uniques by union)', () => {
    const result = buildSeries(definition, cells, {
      ...query,
      groupBy: ['country'],
      metrics: ['count', 'uniques', 'min', 'avg'],
    });
    expect(result.lines.map((line) => [line.group, line.total])).toEqual([
      [['de'], { count: 7, uniques: 3, min: -10, avg: 60 / 7 }],
      [['us'], { count: 3, uniques: 1, min: 1, avg: 1 }],
      [['fr'], { count: 1, uniques: 1, min: 5, avg: 5 }],
    ]);
    expect(result.lines[0]?.values).toEqual({
      count: [2, 1, 4],
      uniques: [2, 1, 1],
      min: [15, -10, 10],
      avg: [15, -10, 10],
    });
  });

  test('onto no keys: one total line', () => {
    const result = buildSeries(definition, cells, { ...query, groupBy: [], metrics: ['count', 'uniques'] });
    expect(result.lines).toEqual([
      {
        group: [],
        total: { count: 11, uniques: 5 },
        values: { count: [3, 1, 7], uniques: [3, 1, 2] },
      },
    ]);
  });

  test('a filter keeps matching groups only', () => {
    const result = buildSeries(definition, cells, {
      ...query,
      groupBy: ['country'],
      filter: { $name: 'order' },
    });
    expect(result.lines.map((line) => [line.group, line.total])).toEqual([
      [['de'], { count: 6 }],
      [['us'], { count: 3 }],
      [['fr'], { count: 1 }],
    ]);
    expect(
      buildSeries(definition, cells, {
        ...query,
        groupBy: [],
        filter: { country: 'fr', $name: 'order' },
      }).lines.map((line) => line.total),
    ).toEqual([{ count: 1 }]);
  });

  test('top-K keeps the largest lines, ties by group value, and folds the rest into "other"', () => {
    const tied = [
      cell(0, ['b', 'x'], partial(5)),
      cell(0, ['a b', 'x'], partial(5)),
      cell(1, ['a', 'x'], partial(5)),
      cell(1, ['a!', 'x'], partial(5)),
      cell(0, ['z', 'x'], partial(9)),
      cell(2, ['c', 'x'], partial(1)),
    ];
    const result = buildSeries(definition, tied, { ...query, groupBy: ['country'], topK: 3 });
    expect(result.lines.map((line) => [line.group, line.total])).toEqual([
      [['z'], { count: 9 }],
      [['a'], { count: 5 }],
      [['a b'], { count: 5 }],
      [null, { count: 11 }],
    ]);
    expect(result.lines[3]?.values.count).toEqual([5, 5, 1]);
    expect(result.truncated).toBe(false);
  });

  test('the other-group goes to the "other" line and marks the result truncated', () => {
    const capped = [
      cell(0, ['de', 'order'], partial(2)),
      cell(1, otherGroup, partial(7)),
      cell(2, ['fr', 'order'], partial(1)),
    ];
    const result = buildSeries(definition, capped, { ...query, topK: 1 });
    expect({
      truncated: result.truncated,
      lines: result.lines.map((line) => [line.group, line.total]),
    }).toEqual({
      truncated: true,
      lines: [
        [['de', 'order'], { count: 2 }],
        [null, { count: 8 }],
      ],
    });
    expect(result.lines[1]?.values.count).toEqual([0, 7, 1]);

    // A filter can't see into the other-group: it is left out, yet the result stays truncated.
    const filtered = buildSeries(definition, capped, { ...query, filter: { country: 'de' } });
    expect({ truncated: filtered.truncated, lines: filtered.lines.map((line) => line.group) }).toEqual({
      truncated: true,
      lines: [['de', 'order']],
    });
  });

  test('nothing stored: one zero line without group-by, no lines with it', () => {
    expect(
      buildSeries(definition, [], { ...query, groupBy: [], metrics: ['count', 'sum', 'min', 'uniques'] })
        .lines,
    ).toEqual([
      {
        group: [],
        total: { count: 0, sum: 0, min: null, uniques: 0 },
        values: { count: [0, 0, 0], sum: [0, 0, 0], min: [null, null, null], uniques: [0, 0, 0] },
      },
    ]);
    expect(buildSeries(definition, [], query).lines).toEqual([]);
  });

  test('times follow the aligned range of the interval', () => {
    const hourly = [
      { bucket: t0, group: '["de","order"]', partial: partial(2) },
      { bucket: t0 + 3_600_000, group: '["de","order"]', partial: partial(3) },
    ];
    const result = buildSeries(definition, hourly, {
      ...query,
      from: t0 + 5 * minute,
      to: t0 + 65 * minute,
      interval: '1h',
      groupBy: [],
    });
    expect({
      from: result.from,
      to: result.to,
      times: result.times,
      values: result.lines[0]?.values,
    }).toEqual({
      from: t0,
      to: t0 + 2 * 3_600_000,
      times: [t0, t0 + 3_600_000],
      values: { count: [2, 3] },
    });
  });

  test('a stored group shorter than the view (a view that gained a key) reads as (none)', () => {
    const result = buildSeries(definition, [cell(0, ['de'], partial(2))], query);
    expect(result.lines.map((line) => line.group)).toEqual([['de', '(none)']]);
  });
});

describe('buildSeries and its input', () => {
  test('leaves the cells it is given as they were (a cache may share them), however lines merge', () => {
    const cells = [
      cell(0, ['fr', 'buy'], partial(2, 10, ['u1'])),
      cell(0, ['fr', 'view'], partial(3, 6, ['u2'])),
      cell(1, ['de', 'buy'], partial(1, 4, ['u3'])),
      cell(1, otherGroup, partial(5, 5, ['u4'])),
    ];
    const before = structuredClone(cells);
    const byCountry = { ...query, groupBy: ['country'], metrics: ['count', 'sum', 'uniques'] } as SeriesQuery;
    const first = buildSeries(definition, cells, byCountry);
    expect(cells).toEqual(before);
    expect(buildSeries(definition, cells, byCountry)).toEqual(first);
    const fr = first.lines.find((line) => line.group?.[0] === 'fr');
    expect([fr?.values.count?.[0], fr?.values.sum?.[0]]).toEqual([5, 16]);
  });
});
