import { setTimeout as sleep } from 'node:timers/promises';
import {
  createRateLimiter,
  type EventLog,
  type EventStore,
  InfraError,
  type LogRecord,
  partitionName,
  type WarehouseKey,
  type WarehouseRow,
} from '@tidemark/core';
import type { Logger } from 'pino';
import type { Failpoints } from './failpoints.ts';

export interface EmitterDeps {
  readonly warehouse: EventStore;
  readonly eventLog: EventLog;
  readonly topic: string;
  readonly failpoints: Failpoints;
  readonly logger: Logger;
  readonly pageSize: number;
  /** Records per append, at most. */
  readonly appendSize: number;
  readonly partitionsInParallel: number;
  readonly backoff: { readonly initialMs: number; readonly maxMs: number };
}

/** One run over a job's warehouse partitions. */
export interface Emission {
  readonly partitions: readonly WarehouseKey[];
  /** Partitions finished by an earlier run, by partitionName: skipped. */
  readonly finished: ReadonlySet<string>;
  readonly accepts: (row: WarehouseRow) => boolean;
  readonly recordOf: (row: WarehouseRow) => LogRecord;
  /** Events per second; unthrottled when absent. */
  readonly rateLimit?: number;
  /**
   * A failed append has an unknown outcome. Republish retries it (at-least-once); a rebuild may not, or
   * the new generation could count an event twice, so there the failure ends the run.
   */
  readonly retryAppends: boolean;
  /** Called once every record of a partition is acknowledged; absent when the job does not resume. */
  readonly checkpoint?: (key: WarehouseKey, emitted: number) => Promise<void>;
  readonly signal: AbortSignal;
}

/** What a run has done so far; the role reads it for progress. */
export interface EmissionCounters {
  emitted: number;
  finishedPartitions: number;
  emittedFromFinished: number;
}

/** Waits `ms`, or less if the signal aborts first. */
export async function pause(ms: number, signal: AbortSignal): Promise<void> {
  await sleep(ms, undefined, { signal }).catch(() => {});
}

/**
 * Scans the partitions `partitionsInParallel` at a time, page by page, and appends the accepted rows to
 * the replay topic within the rate limit. A partition is checkpointed only after all its records were
 * acknowledged, so a crash re-emits at most the partitions in progress. Resolves true when every partition
 * is done, false when the signal aborted first; rejects on the first failure that may not be retried.
 */
export async function emitPartitions(
  deps: EmitterDeps,
  emission: Emission,
  counters: EmissionCounters,
): Promise<boolean> {
  const failed = new AbortController();
  const signal = AbortSignal.any([emission.signal, failed.signal]);
  const pace = pacer(emission.rateLimit, signal);
  const chunkSize = Math.min(deps.appendSize, pace.burst);
  const todo = emission.partitions.filter((key) => !emission.finished.has(partitionName(key)));
  let next = 0;
  let done = 0;

  /** Runs `work` until it succeeds, waiting with backoff after retriable failures; undefined if aborted. */
  async function retrying<T>(what: string, work: () => Promise<T>, retry = true): Promise<T | undefined> {
    let wait = deps.backoff.initialMs;
    for (;;) {
      try {
        return await work();
      } catch (error) {
        if (!(retry && error instanceof InfraError && error.retriable)) throw error;
        deps.logger.warn({ err: error, retryInMs: wait }, `${what} failed; retrying`);
        await pause(wait, signal);
        if (signal.aborted) return undefined;
        wait = Math.min(wait * 2, deps.backoff.maxMs);
      }
    }
  }

  async function emitPartition(key: WarehouseKey): Promise<void> {
    const where = `${key.tenant}/${partitionName(key)}`;
    const scan = (after?: string) => {
      const page = retrying(`scanning ${where}`, () =>
        deps.warehouse.scan(key, { size: deps.pageSize, ...(after ? { after } : {}) }),
      );
      page.catch(() => {}); // awaited below, unless an abort leaves it behind
      return page;
    };
    const send = async (chunk: LogRecord[]) => {
      const sent = await retrying(
        `appending ${chunk.length} records of ${where} to ${deps.topic}`,
        () => deps.eventLog.append(deps.topic, chunk).then(() => true),
        emission.retryAppends,
      );
      if (!sent) return 0;
      counters.emitted += chunk.length;
      deps.failpoints.hit('replay-after-send');
      return chunk.length;
    };
    let emitted = 0;
    // The next page is read while this one's records are sent, and its appends are all in flight at
    // once: the partition is checkpointed only when every one of them is acknowledged anyway.
    let reading = scan();
    for (;;) {
      const page = await reading;
      if (!page || signal.aborted) return;
      if (page.next !== undefined) reading = scan(page.next);
      const records = page.rows.filter(emission.accepts).map(emission.recordOf);
      const sends: Promise<number>[] = [];
      for (let first = 0; first < records.length; first += chunkSize) {
        const chunk = records.slice(first, first + chunkSize);
        if (!(await pace.take(chunk.length))) break;
        sends.push(send(chunk));
      }
      for (const count of await Promise.all(sends)) emitted += count;
      if (signal.aborted || page.next === undefined) break;
    }
    if (signal.aborted) return;
    const { checkpoint } = emission;
    if (
      checkpoint &&
      !(await retrying(`checkpointing ${where}`, () => checkpoint(key, emitted).then(() => true)))
    )
      return;
    done += 1;
    counters.finishedPartitions += 1;
    counters.emittedFromFinished += emitted;
  }

  const worker = async () => {
    for (let key = todo[next++]; key && !signal.aborted; key = todo[next++]) await emitPartition(key);
  };
  const results = await Promise.allSettled(
    Array.from({ length: Math.min(deps.partitionsInParallel, todo.length) }, () =>
      worker().catch((error: unknown) => {
        failed.abort(error);
        throw error;
      }),
    ),
  );
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
  return done === todo.length;
}

/** A token bucket shared by every partition of one run; take() waits for tokens, false if aborted meanwhile. */
function pacer(ratePerSecond: number | undefined, signal: AbortSignal) {
  if (ratePerSecond === undefined) {
    return { burst: Number.POSITIVE_INFINITY, take: async () => !signal.aborted };
  }
  // A tenth of a second's worth at once: appends stay small enough that the rate is smooth.
  const burst = Math.max(1, Math.ceil(ratePerSecond / 10));
  const limiter = createRateLimiter({ ratePerSecond, burst }, () => performance.now());
  return {
    burst,
    async take(count: number) {
      for (;;) {
        if (signal.aborted) return false;
        const decision = limiter.take('job', count);
        if (decision.allowed) return true;
        await pause(decision.retryAfterMs, signal);
      }
    },
  };
}
