import { addToHll, decodeHll, emptyHll, encodeHll, hllEstimate, mergeHll } from './hyperloglog.ts';
import {
  addToLogHistogram,
  emptyLogHistogram,
  type LogHistogram,
  type LogHistogramJson,
  logHistogramFromJson,
  logHistogramQuantile,
  logHistogramToJson,
  mergeLogHistograms,
} from './log-histogram.ts';
import type { TrackedEvent } from './tracked-event.ts';
import { numericValueOf, uniqueKeyOf, type ViewDefinition, type ViewMetric } from './view.ts';

/**
 * The aggregate of some events of one view, bucket and group: what a stored partial document holds and what
 * queries merge. Counts, min and max are exact; sums are exact for integer inputs; uniques and percentiles
 * come from sketches that merge exactly.
 */
export interface ViewPartial {
  count: number;
  /** Events that had the view's numeric property. */
  values: number;
  sum: number;
  min?: number;
  max?: number;
  uniques?: Uint8Array;
  quantiles?: LogHistogram;
}

const wantsUniques = (definition: ViewDefinition) => definition.metrics.includes('uniques');
const wantsQuantiles = (definition: ViewDefinition) =>
  definition.metrics.some((metric) => metric === 'p50' || metric === 'p90' || metric === 'p99');

export function emptyPartial(definition?: ViewDefinition): ViewPartial {
  return {
    count: 0,
    values: 0,
    sum: 0,
    ...(definition && wantsUniques(definition) ? { uniques: emptyHll() } : {}),
    ...(definition && wantsQuantiles(definition) ? { quantiles: emptyLogHistogram() } : {}),
  };
}

export function addEvent(partial: ViewPartial, definition: ViewDefinition, event: TrackedEvent): void {
  partial.count += 1;
  const value = numericValueOf(definition, event);
  if (value !== undefined) {
    partial.values += 1;
    partial.sum += value;
    partial.min = partial.min === undefined ? value : Math.min(partial.min, value);
    partial.max = partial.max === undefined ? value : Math.max(partial.max, value);
    if (partial.quantiles) addToLogHistogram(partial.quantiles, value);
  }
  const who = uniqueKeyOf(event);
  if (partial.uniques && who !== undefined) addToHll(partial.uniques, who);
}

/** Adds `from` into `into`; the result is the same in any order of merging. */
export function mergePartial(into: ViewPartial, from: ViewPartial): void {
  into.count += from.count;
  into.values += from.values;
  into.sum += from.sum;
  if (from.min !== undefined) into.min = into.min === undefined ? from.min : Math.min(into.min, from.min);
  if (from.max !== undefined) into.max = into.max === undefined ? from.max : Math.max(into.max, from.max);
  if (from.uniques) {
    into.uniques ??= emptyHll();
    mergeHll(into.uniques, from.uniques);
  }
  if (from.quantiles) {
    into.quantiles ??= emptyLogHistogram();
    mergeLogHistograms(into.quantiles, from.quantiles);
  }
}

/** The view's metrics of an aggregate; null where there is nothing to say (e.g. avg of no values). */
export function metricValues(
  partial: ViewPartial,
  metrics: readonly ViewMetric[],
): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const metric of metrics) out[metric] = metricValue(partial, metric);
  return out;
}

export function metricValue(partial: ViewPartial, metric: ViewMetric): number | null {
  switch (metric) {
    case 'count':
      return partial.count;
    case 'sum':
      return partial.sum;
    case 'min':
      return partial.min ?? null;
    case 'max':
      return partial.max ?? null;
    case 'avg':
      return partial.values === 0 ? null : partial.sum / partial.values;
    case 'uniques':
      // No sketch and no events: a zero-filled point of a series, which has no users rather than unknown ones.
      if (!partial.uniques) return partial.count === 0 ? 0 : null;
      return hllEstimate(partial.uniques);
    case 'p50':
      return quantile(partial, 0.5);
    case 'p90':
      return quantile(partial, 0.9);
    case 'p99':
      return quantile(partial, 0.99);
  }
}

function quantile(partial: ViewPartial, q: number): number | null {
  return partial.quantiles ? (logHistogramQuantile(partial.quantiles, q) ?? null) : null;
}

/** A partial's sketches as a stored document keeps them. */
export interface SketchesJson {
  readonly hll?: string;
  readonly quantiles?: LogHistogramJson;
}

export function sketchesToJson(partial: ViewPartial): SketchesJson {
  return {
    ...(partial.uniques ? { hll: encodeHll(partial.uniques) } : {}),
    ...(partial.quantiles ? { quantiles: logHistogramToJson(partial.quantiles) } : {}),
  };
}

export function partialFromStored(stored: {
  readonly count: number;
  readonly values?: number;
  readonly sum?: number;
  readonly min?: number;
  readonly max?: number;
  readonly sketches?: SketchesJson;
}): ViewPartial {
  return {
    count: stored.count,
    values: stored.values ?? 0,
    sum: stored.sum ?? 0,
    ...(stored.min !== undefined && stored.min !== null ? { min: stored.min } : {}),
    ...(stored.max !== undefined && stored.max !== null ? { max: stored.max } : {}),
    ...(stored.sketches?.hll ? { uniques: decodeHll(stored.sketches.hll) } : {}),
    ...(stored.sketches?.quantiles ? { quantiles: logHistogramFromJson(stored.sketches.quantiles) } : {}),
  };
}
