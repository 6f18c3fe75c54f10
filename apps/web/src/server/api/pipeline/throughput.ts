import type { OffsetTotals } from './pipeline-monitor.ts';

export interface ThroughputPoint {
  /** End of the interval, ms since the epoch. */
  readonly at: number;
  /** Events/s accepted onto the live topic. */
  readonly in: number;
  /** Events/s the warehouse committed (out of the live topic). */
  readonly warehoused: number;
  /** Events/s the projector committed (into views). */
  readonly projected: number;
  readonly invalid: number;
  readonly replayed: number;
}

export interface ThroughputSampler {
  /** Takes a sample unless the last one is younger than minIntervalMs; returns the rates between samples. */
  sample(): Promise<readonly ThroughputPoint[]>;
}

/**
 * Events/s from offset sums sampled over time. Samples are taken when someone asks (the pipeline page polls),
 * not by a timer, and shared by every viewer of this instance; the oldest go past `keep`.
 */
export function createThroughputSampler(
  read: () => Promise<OffsetTotals>,
  options: { readonly clock?: () => number; readonly minIntervalMs?: number; readonly keep?: number } = {},
): ThroughputSampler {
  const clock = options.clock ?? Date.now;
  const minIntervalMs = options.minIntervalMs ?? 1000;
  const keep = options.keep ?? 180;
  const samples: OffsetTotals[] = [];
  let pending: Promise<void> | undefined;

  return {
    async sample() {
      const last = samples.at(-1);
      if (!last || clock() - last.at >= minIntervalMs) {
        pending ??= read()
          .then((totals) => {
            samples.push(totals);
            if (samples.length > keep + 1) samples.splice(0, samples.length - keep - 1);
          })
          .finally(() => {
            pending = undefined;
          });
        await pending;
      }
      return ratesOf(samples);
    },
  };
}

/** Rates between consecutive samples; a counter that went down (a topic recreated) counts as 0. */
export function ratesOf(samples: readonly OffsetTotals[]): ThroughputPoint[] {
  const points: ThroughputPoint[] = [];
  for (let index = 1; index < samples.length; index++) {
    const before = samples[index - 1] as OffsetTotals;
    const after = samples[index] as OffsetTotals;
    const seconds = (after.at - before.at) / 1000;
    if (seconds <= 0) continue;
    const rate = (a: number, b: number) => Math.max(0, b - a) / seconds;
    points.push({
      at: after.at,
      in: rate(before.produced.events, after.produced.events),
      warehoused: rate(before.warehoused, after.warehoused),
      projected: rate(before.projected, after.projected),
      invalid: rate(before.produced.invalid, after.produced.invalid),
      replayed: rate(before.produced.replay, after.produced.replay),
    });
  }
  return points;
}
