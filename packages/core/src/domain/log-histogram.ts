/**
 * Quantiles through fixed logarithmic buckets, DDSketch-style: a value lands in bucket ceil(log_γ |x|) with
 * γ = (1 + α) / (1 − α), so any quantile is within relative error α, and two histograms merge exactly by
 * adding counts, in any order. Zero has its own count; negatives mirror positives.
 */
export const relativeAccuracy = 0.01;
const gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
const logGamma = Math.log(gamma);
/** Values closer to zero than this count as zero. */
const smallest = 1e-9;

export interface LogHistogram {
  readonly positive: Map<number, number>;
  readonly negative: Map<number, number>;
  zero: number;
}

export function emptyLogHistogram(): LogHistogram {
  return { positive: new Map(), negative: new Map(), zero: 0 };
}

export function addToLogHistogram(histogram: LogHistogram, value: number, count = 1): void {
  const magnitude = Math.abs(value);
  if (magnitude < smallest) {
    histogram.zero += count;
    return;
  }
  const side = value > 0 ? histogram.positive : histogram.negative;
  const index = Math.ceil(Math.log(magnitude) / logGamma);
  side.set(index, (side.get(index) ?? 0) + count);
}

export function mergeLogHistograms(into: LogHistogram, from: LogHistogram): void {
  for (const [index, count] of from.positive)
    into.positive.set(index, (into.positive.get(index) ?? 0) + count);
  for (const [index, count] of from.negative)
    into.negative.set(index, (into.negative.get(index) ?? 0) + count);
  into.zero += from.zero;
}

function representative(index: number): number {
  return (2 * gamma ** index) / (gamma + 1);
}

/** The q-quantile (0 ≤ q ≤ 1), or undefined for an empty histogram. */
export function logHistogramQuantile(histogram: LogHistogram, q: number): number | undefined {
  const negatives = [...histogram.negative].sort((a, b) => b[0] - a[0]);
  const positives = [...histogram.positive].sort((a, b) => a[0] - b[0]);
  const total =
    negatives.reduce((n, [, c]) => n + c, 0) + histogram.zero + positives.reduce((n, [, c]) => n + c, 0);
  if (total === 0) return undefined;
  const rank = Math.floor(q * (total - 1));
  let seen = 0;
  for (const [index, count] of negatives) {
    seen += count;
    if (seen > rank) return -representative(index);
  }
  seen += histogram.zero;
  if (seen > rank) return 0;
  for (const [index, count] of positives) {
    seen += count;
    if (seen > rank) return representative(index);
  }
  return representative(positives.at(-1)?.[0] ?? 0);
}

/** As stored: [index, count] pairs, sorted, so equal histograms serialise equally. */
export interface LogHistogramJson {
  readonly p: readonly (readonly [number, number])[];
  readonly n: readonly (readonly [number, number])[];
  readonly z: number;
}

export function logHistogramToJson(histogram: LogHistogram): LogHistogramJson {
  const sorted = (side: Map<number, number>) => [...side].sort((a, b) => a[0] - b[0]);
  return { p: sorted(histogram.positive), n: sorted(histogram.negative), z: histogram.zero };
}

export function logHistogramFromJson(json: LogHistogramJson): LogHistogram {
  return { positive: new Map(json.p), negative: new Map(json.n), zero: json.z };
}
