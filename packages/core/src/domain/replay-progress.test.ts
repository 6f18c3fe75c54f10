import { describe, expect, test } from 'vitest';
import { createRateMeter, estimateTotal } from './replay-progress.ts';

describe('createRateMeter', () => {
  test('measures over the last window of samples', () => {
    const meter = createRateMeter(5000);
    expect(meter.sample(0, 0)).toBe(0);
    expect(meter.sample(1000, 500)).toBe(500);
    expect(meter.sample(2000, 1500)).toBe(750);
    for (let s = 3; s <= 10; s++) meter.sample(s * 1000, 1500 + (s - 2) * 100);
    // Samples older than 5 s are gone: the last 5 s emitted 100/s.
    expect(meter.sample(11_000, 2400)).toBe(100);
  });
});

describe('estimateTotal', () => {
  test.each([
    [
      'nothing finished yet',
      { emitted: 10, partitions: 8, finishedPartitions: 0, emittedFromFinished: 0 },
      undefined,
    ],
    [
      'extrapolated from finished partitions',
      { emitted: 300, partitions: 8, finishedPartitions: 2, emittedFromFinished: 200 },
      800,
    ],
    [
      'never below what was emitted',
      { emitted: 900, partitions: 8, finishedPartitions: 2, emittedFromFinished: 200 },
      900,
    ],
    [
      'exact when all are finished',
      { emitted: 830, partitions: 8, finishedPartitions: 8, emittedFromFinished: 810 },
      810,
    ],
  ])('%s', (_, counts, expected) => {
    expect(estimateTotal(counts)).toBe(expected);
  });
});
