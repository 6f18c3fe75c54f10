import { describe, expect, test } from 'vitest';
import { addToHll, emptyHll, encodeHll } from './hyperloglog.ts';
import { addToLogHistogram, emptyLogHistogram, logHistogramToJson } from './log-histogram.ts';
import type { TrackedEvent } from './tracked-event.ts';
import type { ViewDefinition } from './view.ts';
import {
  addEvent,
  emptyPartial,
  mergePartial,
  metricValues,
  partialFromStored,
  sketchesToJson,
  type ViewPartial,
} from './view-partial.ts';

const t0 = Date.UTC(2026, 2, 1, 12, 0);
const event = (properties: TrackedEvent['properties'], who: Partial<TrackedEvent> = {}): TrackedEvent => ({
  id: '019c0000-0000-7000-8000-000000000000',
  tenant: 'acme',
  name: 'checkout',
  timestamp: t0,
  sentAt: t0,
  receivedAt: t0,
  properties,
  context: { transport: 'http' },
  ...who,
});

const everything: ViewDefinition = {
  id: 'orders',
  title: 'Orders',
  filter: { names: [], properties: {} },
  groupBy: [],
  metrics: ['count', 'sum', 'min', 'max', 'avg', 'uniques', 'p50', 'p90', 'p99'],
  value: 'amount',
  groupCap: 10,
};
const countOnly: ViewDefinition = { ...everything, metrics: ['count'] };

function partialOf(definition: ViewDefinition, events: readonly TrackedEvent[]): ViewPartial {
  const partial = emptyPartial(definition);
  for (const e of events) addEvent(partial, definition, e);
  return partial;
}

const events = [
  event({ amount: 10 }, { userId: 'u1' }),
  event({ amount: -4 }, { userId: 'u2' }),
  event({ amount: 0 }, { anonymousId: 'a1' }),
  event({ amount: 'ten' }, { userId: 'u1' }),
  event({}),
  event({ amount: 30 }, { userId: 'u3' }),
];

describe('view partials', () => {
  test('an empty partial carries the sketches its view needs', () => {
    expect(emptyPartial(countOnly)).toEqual({ count: 0, values: 0, sum: 0 });
    expect(emptyPartial()).toEqual({ count: 0, values: 0, sum: 0 });
    expect(emptyPartial(everything)).toEqual({
      count: 0,
      values: 0,
      sum: 0,
      uniques: emptyHll(),
      quantiles: emptyLogHistogram(),
    });
  });

  test('events add count, numeric values, users and quantiles', () => {
    const uniques = emptyHll();
    for (const who of ['u1', 'u2', 'a1', 'u1', 'u3']) addToHll(uniques, who);
    const quantiles = emptyLogHistogram();
    for (const value of [10, -4, 0, 30]) addToLogHistogram(quantiles, value);
    expect(partialOf(everything, events)).toEqual({
      count: 6,
      values: 4,
      sum: 36,
      min: -4,
      max: 30,
      uniques,
      quantiles,
    });
    expect(partialOf(countOnly, events)).toEqual({ count: 6, values: 4, sum: 36, min: -4, max: 30 });
  });

  test('merging equals one partial of all events, in any order', () => {
    const whole = partialOf(everything, events);
    const parts = [events.slice(0, 2), events.slice(2, 3), events.slice(3)].map((part) =>
      partialOf(everything, part),
    );
    for (const order of [
      [0, 1, 2],
      [2, 0, 1],
      [1, 2, 0],
    ]) {
      const merged = emptyPartial();
      for (const i of order) mergePartial(merged, parts[i] as ViewPartial);
      expect(sketchesToJson(merged)).toEqual(sketchesToJson(whole));
      expect({ ...merged, uniques: undefined, quantiles: undefined }).toEqual({
        ...whole,
        uniques: undefined,
        quantiles: undefined,
      });
    }
  });

  test('metric values of a partial', () => {
    expect(metricValues(partialOf(everything, events), everything.metrics)).toEqual({
      count: 6,
      sum: 36,
      min: -4,
      max: 30,
      avg: 9,
      uniques: 4,
      p50: 0,
      p90: expect.closeTo(10, 0),
      p99: expect.closeTo(10, 0),
    });
    expect(metricValues(partialOf(everything, [event({ amount: 10 })]), ['p50'])).toEqual({
      p50: expect.closeTo(10, 0.1),
    });
  });

  test.each<[string, ViewPartial]>([
    ['an empty partial of the view', emptyPartial(everything)],
    ['an empty partial without sketches', emptyPartial()],
  ])('%s: zero counts, no min, max, avg or percentiles, zero uniques', (_, partial) => {
    expect(metricValues(partial, everything.metrics)).toEqual({
      count: 0,
      sum: 0,
      min: null,
      max: null,
      avg: null,
      uniques: 0,
      p50: null,
      p90: null,
      p99: null,
    });
  });

  test('events without values or users: avg and percentiles null, uniques 0', () => {
    expect(metricValues(partialOf(everything, [event({}), event({})]), everything.metrics)).toEqual({
      count: 2,
      sum: 0,
      min: null,
      max: null,
      avg: null,
      uniques: 0,
      p50: null,
      p90: null,
      p99: null,
    });
  });

  test('stored form round trip: numbers and sketches come back equal', () => {
    const partial = partialOf(everything, events);
    const stored = JSON.parse(
      JSON.stringify({
        count: partial.count,
        values: partial.values,
        sum: partial.sum,
        min: partial.min,
        max: partial.max,
        sketches: sketchesToJson(partial),
      }),
    );
    expect(partialFromStored(stored)).toEqual(partial);
    expect(sketchesToJson(partial)).toEqual({
      hll: encodeHll(partial.uniques as Uint8Array),
      quantiles: logHistogramToJson(partial.quantiles as never),
    });
  });

  test('stored form without optional fields (null min/max, no sketches)', () => {
    expect(partialFromStored({ count: 3, min: null as never, max: null as never })).toEqual({
      count: 3,
      values: 0,
      sum: 0,
    });
    expect(partialFromStored({ count: 3, values: 1, sum: 2, min: 2, max: 2, sketches: {} })).toEqual({
      count: 3,
      values: 1,
      sum: 2,
      min: 2,
      max: 2,
    });
  });
});
