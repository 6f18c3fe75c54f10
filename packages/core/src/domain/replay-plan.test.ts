import { describe, expect, test } from 'vitest';
import { newReplayJob } from './replay-job.ts';
import {
  isBelowCut,
  rebuildCutState,
  rebuildDays,
  replayRecordHeaders,
  republishDays,
  republishes,
  utcDaysOf,
  warehousePartitionsOf,
} from './replay-plan.ts';

const hour = 3_600_000;
const t = (iso: string) => Date.parse(iso);

describe('utcDaysOf', () => {
  test.each<[string, number, number, string[]]>([
    ['within one day', t('2026-03-01T10:00Z'), t('2026-03-01T11:00Z'), ['2026-03-01']],
    ['across midnight', t('2026-03-01T23:00Z'), t('2026-03-02T01:00Z'), ['2026-03-01', '2026-03-02']],
    [
      'ending exactly at midnight (exclusive)',
      t('2026-03-01T00:00Z'),
      t('2026-03-02T00:00Z'),
      ['2026-03-01'],
    ],
    [
      'ending one ms after midnight',
      t('2026-03-01T00:00Z'),
      t('2026-03-02T00:00:00.001Z'),
      ['2026-03-01', '2026-03-02'],
    ],
    ['across a month edge', t('2026-02-28T12:00Z'), t('2026-03-01T12:00Z'), ['2026-02-28', '2026-03-01']],
    ['empty', t('2026-03-01T10:00Z'), t('2026-03-01T10:00Z'), []],
  ])('%s', (_, from, to, days) => {
    expect(utcDaysOf(from, to)).toEqual(days);
  });
});

test('warehousePartitionsOf gives every shard of every day', () => {
  expect(warehousePartitionsOf('acme', ['2026-03-01', '2026-03-02'], 2)).toEqual([
    { tenant: 'acme', day: '2026-03-01', shard: 0 },
    { tenant: 'acme', day: '2026-03-01', shard: 1 },
    { tenant: 'acme', day: '2026-03-02', shard: 0 },
    { tenant: 'acme', day: '2026-03-02', shard: 1 },
  ]);
});

describe('republish', () => {
  const scope = {
    mode: 'republish' as const,
    from: t('2026-03-01T00:30Z'),
    to: t('2026-03-01T23:30Z'),
    names: ['signup'],
  };
  test('scans the days of the range, widened by the margin', () => {
    expect(republishDays(scope)).toEqual(['2026-03-01']);
    expect(republishDays(scope, hour)).toEqual(['2026-02-28', '2026-03-01', '2026-03-02']);
  });
  test.each([
    ['at from', { name: 'signup', eventTime: scope.from }, true],
    ['just before to', { name: 'signup', eventTime: scope.to - 1 }, true],
    ['at to', { name: 'signup', eventTime: scope.to }, false],
    ['before from', { name: 'signup', eventTime: scope.from - 1 }, false],
    ['another name', { name: 'page_view', eventTime: scope.from }, false],
  ])('emits a row %s: %s', (_, row, expected) => {
    expect(republishes(scope, { ...row, source: { partition: 0, offset: '0' } })).toBe(expected);
    const { names: _names, ...everyName } = scope;
    if (row.eventTime >= scope.from && row.eventTime < scope.to) {
      expect(republishes(everyName, { ...row, source: { partition: 0, offset: '0' } })).toBe(true);
    }
  });
});

test('a rebuild scans from its since day through the day of `until`', () => {
  const scope = { mode: 'rebuild' as const, view: 'v', generation: 2, since: t('2026-02-27T15:00Z') };
  expect(rebuildDays(scope, t('2026-03-01T00:00Z'))).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
});

describe('rebuild cut', () => {
  const cut = new Map([
    [0, 100n],
    [1, 5n],
  ]);
  test.each([
    [{ partition: 0, offset: '99' }, true],
    [{ partition: 0, offset: '100' }, false],
    [{ partition: 1, offset: '4' }, true],
    [{ partition: 1, offset: '50' }, false],
    [{ partition: 2, offset: '0' }, false],
  ])('isBelowCut(%o) is %s', (source, below) => {
    expect(isBelowCut(cut, source)).toBe(below);
  });

  test("emission waits for every partition's cut, then for the warehouse to commit up to it", () => {
    expect(rebuildCutState(3, cut, new Map())).toEqual({ ready: false, waitingFor: 'cut', partitions: [2] });
    const full = new Map([...cut, [2, 0n]]);
    expect(rebuildCutState(3, full, new Map([[0, 100n]]))).toEqual({
      ready: false,
      waitingFor: 'warehouse',
      partitions: [1],
    });
    expect(
      rebuildCutState(
        3,
        full,
        new Map([
          [0, 100n],
          [1, 4n],
          [2, 0n],
        ]),
      ),
    ).toMatchObject({
      waitingFor: 'warehouse',
      partitions: [1],
    });
    // Partition 2's cut is 0: nothing lies below it, so nothing needs committing.
    expect(
      rebuildCutState(
        3,
        full,
        new Map([
          [0, 250n],
          [1, 5n],
        ]),
      ),
    ).toEqual({ ready: true, cut: full });
  });
});

test('replay records name their job, and for a rebuild the view and generation', () => {
  const base = { tenant: 'acme', startedBy: 'x' };
  const republishJob = newReplayJob({ ...base, mode: 'republish', from: 0, to: 1 }, 'job-1', 0);
  const rebuildJob = newReplayJob(
    { ...base, mode: 'rebuild', view: 'v', generation: 3, since: 0 },
    'job-2',
    0,
  );
  expect(replayRecordHeaders(republishJob)).toEqual({
    'tm-tenant': 'acme',
    'tm-schema': 'tidemark.v1.Event',
    'tm-replay-job': 'job-1',
  });
  expect(replayRecordHeaders(rebuildJob)).toEqual({
    'tm-tenant': 'acme',
    'tm-schema': 'tidemark.v1.Event',
    'tm-replay-job': 'job-2',
    'tm-replay-view': 'v',
    'tm-replay-generation': '3',
  });
});
