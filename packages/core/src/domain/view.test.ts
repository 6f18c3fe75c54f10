import { describe, expect, test } from 'vitest';
import type { TrackedEvent } from './tracked-event.ts';
import {
  bucketOf,
  defaultView,
  defaultViewDefinition,
  groupOf,
  groupValues,
  numericValueOf,
  otherGroup,
  uniqueKeyOf,
  type ViewDefinition,
  viewMatches,
  viewProblem,
} from './view.ts';

const t0 = Date.UTC(2026, 2, 1, 12, 0);

function trackedEvent(overrides: Partial<TrackedEvent> = {}): TrackedEvent {
  return {
    id: '019c0000-0000-7000-8000-000000000000',
    tenant: 'acme',
    name: 'checkout',
    timestamp: t0,
    sentAt: t0,
    receivedAt: t0,
    properties: {},
    context: { transport: 'http' },
    ...overrides,
  };
}

const revenue: ViewDefinition = {
  id: 'revenue_by-plan',
  title: 'Revenue by plan',
  filter: { names: ['checkout'], properties: { currency: 'EUR' } },
  groupBy: ['plan', '$name'],
  metrics: ['count', 'sum', 'avg', 'uniques', 'p99'],
  value: 'amount',
  groupCap: 100,
};

describe('viewProblem', () => {
  test.each<[string, Partial<ViewDefinition>, string | undefined]>([
    ['a good definition', {}, undefined],
    ['the default view', defaultViewDefinition(), undefined],
    ['count only, no value', { metrics: ['count', 'uniques'], value: undefined }, undefined],
    ['no group-by', { groupBy: [] }, undefined],
    ['a 63-character id', { id: 'a'.repeat(63) }, undefined],
    ['cap 1 and 100000', { groupCap: 1 }, undefined],
    ['cap 100000', { groupCap: 100_000 }, undefined],
    ['upper case id', { id: 'Revenue' }, `invalid view id "Revenue": use 1-63 of a-z, 0-9, '_' and '-'`],
    ['empty id', { id: '' }, `invalid view id "": use 1-63 of a-z, 0-9, '_' and '-'`],
    ['id starting with -', { id: '-x' }, `invalid view id "-x": use 1-63 of a-z, 0-9, '_' and '-'`],
    [
      'a 64-character id',
      { id: 'a'.repeat(64) },
      `invalid view id "${'a'.repeat(64)}": use 1-63 of a-z, 0-9, '_' and '-'`,
    ],
    ['blank title', { title: '  ' }, 'a view needs a title of 1-200 characters'],
    ['long title', { title: 'x'.repeat(201) }, 'a view needs a title of 1-200 characters'],
    ['three group-by keys', { groupBy: ['a', 'b', 'c'] }, 'group by at most 2 keys, got 3'],
    ['repeated group-by key', { groupBy: ['plan', 'plan'] }, 'group-by keys must differ'],
    ['group-by key with a space', { groupBy: ['the plan'] }, 'invalid group-by key "the plan"'],
    ['empty group-by key', { groupBy: [''] }, 'invalid group-by key ""'],
    ['no metric', { metrics: [] }, 'pick at least one metric'],
    [
      'unknown metric',
      { metrics: ['count', 'median' as never] },
      'unknown metric "median"; use count, sum, min, max, avg, uniques, p50, p90, p99',
    ],
    [
      'empty metric',
      { metrics: ['' as never] },
      'unknown metric ""; use count, sum, min, max, avg, uniques, p50, p90, p99',
    ],
    [
      'numeric metrics without value',
      { value: undefined },
      'sum, avg, p99 need a numeric property: set value',
    ],
    ['bad value property', { value: 'the amount' }, 'invalid value property "the amount"'],
    [
      'empty filter name',
      { filter: { names: ['checkout', ' '], properties: {} } },
      'filter names must not be empty',
    ],
    ['cap 0', { groupCap: 0 }, 'the group cap must be a whole number from 1 to 100000, got 0'],
    ['fractional cap', { groupCap: 1.5 }, 'the group cap must be a whole number from 1 to 100000, got 1.5'],
    [
      'cap too large',
      { groupCap: 100_001 },
      'the group cap must be a whole number from 1 to 100000, got 100001',
    ],
  ])('%s', (_, change, problem) => {
    expect(viewProblem({ ...revenue, ...change })).toBe(problem);
  });
});

describe('viewMatches', () => {
  test.each<[string, ViewDefinition['filter'], Partial<TrackedEvent>, boolean]>([
    ['no filter matches all', { names: [], properties: {} }, { name: 'anything' }, true],
    ['listed name', { names: ['signup', 'checkout'], properties: {} }, { name: 'checkout' }, true],
    ['unlisted name', { names: ['signup'], properties: {} }, { name: 'checkout' }, false],
    [
      'equal property',
      { names: [], properties: { currency: 'EUR' } },
      { properties: { currency: 'EUR' } },
      true,
    ],
    [
      'other property value',
      { names: [], properties: { currency: 'EUR' } },
      { properties: { currency: 'USD' } },
      false,
    ],
    ['missing property', { names: [], properties: { currency: 'EUR' } }, { properties: {} }, false],
    ['number is not its string', { names: [], properties: { n: 1 } }, { properties: { n: '1' } }, false],
    [
      'number and bool',
      { names: [], properties: { n: 1, b: true } },
      { properties: { n: 1, b: true, x: 'y' } },
      true,
    ],
    [
      'name and property both needed',
      { names: ['signup'], properties: { b: true } },
      { name: 'checkout', properties: { b: true } },
      false,
    ],
  ])('%s', (_, filter, event, matches) => {
    expect(viewMatches({ ...revenue, filter }, trackedEvent(event))).toBe(matches);
  });
});

describe('groupOf', () => {
  test.each<[string, string[], Partial<TrackedEvent>, string, string[]]>([
    ['no group-by', [], { properties: { plan: 'pro' } }, '[]', []],
    ['$name', ['$name'], { name: 'signup' }, '["signup"]', ['signup']],
    [
      'a property and $name',
      ['plan', '$name'],
      { properties: { plan: 'pro' } },
      '["pro","checkout"]',
      ['pro', 'checkout'],
    ],
    ['missing property', ['plan'], { properties: {} }, '["(none)"]', ['(none)']],
    [
      'number and bool as text',
      ['n', 'b'],
      { properties: { n: 1.5, b: false } },
      '["1.5","false"]',
      ['1.5', 'false'],
    ],
    [
      'a property called $name is not the name',
      ['$name'],
      { name: 'x', properties: { $name: 'y' } },
      '["x"]',
      ['x'],
    ],
    ['quotes survive', ['plan'], { properties: { plan: 'a "b"' } }, '["a \\"b\\""]', ['a "b"']],
  ])('%s', (_, groupBy, event, group, values) => {
    const definition = { ...revenue, groupBy };
    expect(groupOf(definition, trackedEvent(event))).toBe(group);
    expect(groupValues(group)).toEqual(values);
  });

  test('the other-group reads as "other" and cannot be an event group', () => {
    expect(groupValues(otherGroup)).toEqual(['other']);
    expect(groupOf(revenue, trackedEvent({ properties: { plan: otherGroup } }))).not.toBe(otherGroup);
  });
});

describe('values of an event', () => {
  test.each<[string, Partial<TrackedEvent>, number | undefined, string | undefined]>([
    ['a number and a user', { userId: 'u1', anonymousId: 'a1', properties: { amount: 12.5 } }, 12.5, 'u1'],
    ['anonymous', { anonymousId: 'a1', properties: { amount: -3 } }, -3, 'a1'],
    ['nobody, value as text', { properties: { amount: '12' } }, undefined, undefined],
    ['no value', { userId: 'u1' }, undefined, 'u1'],
    ['not finite', { properties: { amount: Number.POSITIVE_INFINITY } }, undefined, undefined],
  ])('%s', (_, event, value, who) => {
    expect(numericValueOf(revenue, trackedEvent(event))).toBe(value);
    expect(uniqueKeyOf(trackedEvent(event))).toBe(who);
  });

  test('a view without a value property reads none', () => {
    const { value: _, ...countOnly } = revenue;
    expect(
      numericValueOf({ ...countOnly, metrics: ['count'] }, trackedEvent({ properties: { amount: 1 } })),
    ).toBe(undefined);
  });
});

test('bucketOf floors to the UTC minute', () => {
  expect([t0, t0 + 59_999, t0 + 60_000, t0 - 1, -1].map(bucketOf)).toEqual([
    t0,
    t0,
    t0 + 60_000,
    t0 - 60_000,
    -60_000,
  ]);
});

test('every tenant has the default view: events by name at generation 1', () => {
  expect(defaultView('acme')).toEqual({
    tenant: 'acme',
    definition: {
      id: 'events-by-name',
      title: 'Events by name',
      filter: { names: [], properties: {} },
      groupBy: ['$name'],
      metrics: ['count'],
      groupCap: 1000,
    },
    activeGeneration: 1,
    createdAt: 0,
    updatedAt: 0,
    updatedBy: 'tidemark',
  });
});
