import { describe, expect, test } from 'vitest';
import {
  addToLogHistogram,
  emptyLogHistogram,
  type LogHistogram,
  logHistogramFromJson,
  logHistogramQuantile,
  logHistogramToJson,
  mergeLogHistograms,
  relativeAccuracy,
} from './log-histogram.ts';

/** A deterministic pseudo-random source (mulberry32), so every run sees the same numbers. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function histogramOf(values: readonly number[]): LogHistogram {
  const histogram = emptyLogHistogram();
  for (const value of values) addToLogHistogram(histogram, value);
  return histogram;
}

/** The exact q-quantile with the histogram's rank rule: the value at rank floor(q · (n − 1)). */
function exactQuantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))] as number;
}

const next = random(42);
const distributions: Record<string, number[]> = {
  'uniform 1..1000': Array.from({ length: 20_000 }, () => 1 + next() * 999),
  'exponential (latencies)': Array.from({ length: 20_000 }, () => -Math.log(1 - next()) * 120),
  'log-uniform over 12 decades': Array.from({ length: 20_000 }, () => 10 ** (next() * 12 - 6)),
  'integers 1..10': Array.from({ length: 1_000 }, (_, i) => (i % 10) + 1),
  'symmetric around zero': Array.from({ length: 20_000 }, () => (next() - 0.5) * 2000),
  'negatives only': Array.from({ length: 5_000 }, () => -1 - next() * 500),
  'a third zeros': Array.from({ length: 9_000 }, (_, i) =>
    i % 3 === 0 ? 0 : (i % 3 === 1 ? -1 : 1) * (1 + next() * 50),
  ),
  'one value': [7.25],
};
const quantiles = [0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1];

describe('log histogram', () => {
  test.each(Object.entries(distributions))('quantiles of %s are within 1 %% relative', (_, values) => {
    const histogram = histogramOf(values);
    const errors = quantiles.map((q) => {
      const exact = exactQuantile(values, q);
      const estimate = logHistogramQuantile(histogram, q) as number;
      return exact === 0 ? Math.abs(estimate) : Math.abs(estimate - exact) / Math.abs(exact);
    });
    // α plus rounding in the logarithm at a bucket's edge.
    for (const error of errors) expect(error).toBeLessThanOrEqual(relativeAccuracy * (1 + 1e-9));
  });

  test('an empty histogram has no quantile', () => {
    expect(logHistogramQuantile(emptyLogHistogram(), 0.5)).toBeUndefined();
  });

  test.each([
    { value: 0, expected: { p: [], n: [], z: 1 } },
    { value: 1e-12, expected: { p: [], n: [], z: 1 } },
    { value: -1e-12, expected: { p: [], n: [], z: 1 } },
    { value: 1, expected: { p: [[0, 1]], n: [], z: 0 } },
    { value: -1, expected: { p: [], n: [[0, 1]], z: 0 } },
  ])('$value lands in its bucket', ({ value, expected }) => {
    expect(logHistogramToJson(histogramOf([value]))).toEqual(expected);
  });

  test('merging adds counts, the same in any order and grouping, and equals one histogram of all values', () => {
    const parts = [
      distributions['symmetric around zero'] as number[],
      distributions['a third zeros'] as number[],
      distributions['exponential (latencies)'] as number[],
    ];
    const all = histogramOf(parts.flat());
    const orders = [
      [0, 1, 2],
      [2, 1, 0],
      [1, 0, 2],
    ];
    for (const order of orders) {
      const merged = emptyLogHistogram();
      for (const i of order) mergeLogHistograms(merged, histogramOf(parts[i] as number[]));
      expect(logHistogramToJson(merged)).toEqual(logHistogramToJson(all));
    }
    const grouped = histogramOf(parts[0] as number[]);
    const rest = histogramOf(parts[1] as number[]);
    mergeLogHistograms(rest, histogramOf(parts[2] as number[]));
    mergeLogHistograms(grouped, rest);
    expect(logHistogramToJson(grouped)).toEqual(logHistogramToJson(all));
  });

  test('JSON round trip keeps every count, sorted by bucket', () => {
    const histogram = histogramOf(distributions['a third zeros'] as number[]);
    const json = logHistogramToJson(histogram);
    expect(json.p.map(([index]) => index)).toEqual([...json.p.map(([index]) => index)].sort((a, b) => a - b));
    const back = logHistogramFromJson(JSON.parse(JSON.stringify(json)));
    expect(back).toEqual(histogram);
    expect(logHistogramToJson(back)).toEqual(json);
    for (const q of quantiles) expect(logHistogramQuantile(back, q)).toBe(logHistogramQuantile(histogram, q));
  });
});
