/** Events per second over the last `windowMs`, from (time, emitted so far) samples taken as a job runs. */
export function createRateMeter(windowMs = 5000): { sample(at: number, emitted: number): number } {
  const samples: { at: number; emitted: number }[] = [];
  return {
    sample(at, emitted) {
      samples.push({ at, emitted });
      // Keep one sample at or before the window's start, so the rate always spans the whole window.
      while (samples.length > 2 && (samples[1]?.at ?? at) <= at - windowMs) samples.shift();
      const oldest = samples[0] ?? { at, emitted };
      const seconds = (at - oldest.at) / 1000;
      return seconds > 0 ? (emitted - oldest.emitted) / seconds : 0;
    },
  };
}

/**
 * Cassandra can't count a partition without reading it, so the total is extrapolated: events emitted
 * per finished partition so far, times every partition of the job, and never below what was emitted.
 * Exact once all are finished.
 */
export function estimateTotal(counts: {
  readonly emitted: number;
  readonly partitions: number;
  readonly finishedPartitions: number;
  /** Events emitted from the finished partitions (not from those still in progress). */
  readonly emittedFromFinished: number;
}): number | undefined {
  if (counts.finishedPartitions === 0) return undefined;
  if (counts.finishedPartitions >= counts.partitions) return counts.emittedFromFinished;
  const extrapolated = Math.round(
    (counts.emittedFromFinished / counts.finishedPartitions) * counts.partitions,
  );
  return Math.max(extrapolated, counts.emitted);
}
