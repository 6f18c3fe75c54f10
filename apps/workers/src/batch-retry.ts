import { setTimeout as sleep } from 'node:timers/promises';
import { InfraError } from '@tidemark/core';
import type { EachBatchPayload } from 'kafkajs';
import type { Logger } from 'pino';

export interface BatchRetry {
  readonly backoff: { readonly initialMs: number; readonly maxMs: number };
  readonly log: Logger;
  /** Called with true while the partition waits for an engine, false once it works again. */
  readonly onPause?: (paused: boolean) => void;
}

/**
 * Runs `work` until it succeeds, retrying retriable infrastructure failures with backoff while heartbeating, so
 * that a partition pauses while an engine is down and resumes by itself (invariant 8). Gives up, leaving the
 * batch uncommitted, when the partition is revoked meanwhile.
 */
export async function untilDone<T>(
  retry: BatchRetry,
  what: string,
  work: () => Promise<T>,
  payload: EachBatchPayload,
): Promise<T> {
  const partition = payload.batch.partition;
  let wait = retry.backoff.initialMs;
  for (let attempt = 1; ; attempt += 1) {
    try {
      const result = await work();
      if (attempt > 1) {
        retry.onPause?.(false);
        retry.log.info(
          { topic: payload.batch.topic, partition, attempt },
          `${what} succeeded again; resuming`,
        );
      }
      return result;
    } catch (error) {
      if (!(error instanceof InfraError && error.retriable)) throw error;
      if (attempt === 1)
        retry.log.warn(
          { err: error, topic: payload.batch.topic, partition },
          `${what} failed; pausing this partition until it works`,
        );
      retry.onPause?.(true);
      if (!payload.isRunning() || payload.isStale())
        throw new Error('partition revoked while waiting; the batch stays uncommitted');
      await sleep(wait);
      await payload.heartbeat();
      wait = Math.min(wait * 2, retry.backoff.maxMs);
    }
  }
}
