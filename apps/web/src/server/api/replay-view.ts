import type { ReplayJob } from '@tidemark/core';

export interface ReplayRow extends ReplayJob {
  /** 0–100 once a total is known (or the job is done). */
  readonly percent?: number;
  /** Seconds left at the current rate, while running. */
  readonly etaSeconds?: number;
}

/** A job as the replays page shows it: its progress as a share and an ETA where they can be told. */
export function replayRowOf(job: ReplayJob): ReplayRow {
  const { emitted, estimatedTotal, ratePerSecond } = job.progress;
  const percent =
    job.status === 'done'
      ? 100
      : estimatedTotal !== undefined && estimatedTotal > 0
        ? Math.min(100, (emitted / estimatedTotal) * 100)
        : undefined;
  const etaSeconds =
    job.status === 'running' && estimatedTotal !== undefined && ratePerSecond > 0
      ? Math.max(0, estimatedTotal - emitted) / ratePerSecond
      : undefined;
  return {
    ...job,
    ...(percent === undefined ? {} : { percent }),
    ...(etaSeconds === undefined ? {} : { etaSeconds }),
  };
}
