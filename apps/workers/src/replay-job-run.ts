import {
  createRateMeter,
  estimateTotal,
  InfraError,
  type ReplayJob,
  type ReplayJobStore,
  type ReplayProgress,
} from '@tidemark/core';
import type { Logger } from 'pino';
import { type EmissionCounters, pause } from './replay-emitter.ts';

/** What a run counts as it goes, for the progress it saves. */
export type RunCounters = EmissionCounters & { partitions: number };

export interface JobRunDeps {
  readonly jobs: ReplayJobStore;
  readonly workerId: string;
  readonly leaseMs: number;
  /** How often the lease is renewed, the progress saved and a cancel looked for. */
  readonly pollIntervalMs: number;
  readonly logger: Logger;
  /** Emits the job's rows; true once every partition is done, false when the signal stopped it first. */
  readonly execute: (job: ReplayJob, signal: AbortSignal, counters: RunCounters) => Promise<boolean>;
  /** Told of every newly acknowledged event, for metrics. */
  readonly onEmitted: (count: number) => void;
}

/**
 * Runs one claimed job to its end while a heartbeat renews the lease, saves progress and watches for a
 * cancel. `stopping` (a graceful shutdown) gives the job back for another worker. How a run ends:
 * done, cancelled (acknowledged once emission has stopped), failed (a non-retriable error), or given
 * back (shutdown, or a retriable error: a republish then resumes, a rebuild restarts in a new generation).
 */
export async function runReplayJob(deps: JobRunDeps, job: ReplayJob, stopping: AbortSignal): Promise<void> {
  const log = deps.logger.child({ jobId: job.id, tenant: job.tenant, mode: job.scope.mode });
  log.info({ scope: job.scope, rateLimit: job.rateLimit }, 'replay job claimed');
  const control = new AbortController();
  const stopOnShutdown = () => control.abort('stopping');
  stopping.addEventListener('abort', stopOnShutdown);
  if (stopping.aborted) stopOnShutdown();
  const counters: RunCounters = {
    // A republish resumes, so its count goes on; a rebuild always starts from nothing.
    emitted: job.scope.mode === 'republish' ? job.progress.emitted : 0,
    finishedPartitions: 0,
    emittedFromFinished: 0,
    partitions: 0,
  };
  const meter = createRateMeter();
  let reported = counters.emitted;
  const progress = (): ReplayProgress => {
    deps.onEmitted(counters.emitted - reported);
    reported = counters.emitted;
    const estimatedTotal = estimateTotal(counters);
    return {
      emitted: counters.emitted,
      ...(estimatedTotal === undefined ? {} : { estimatedTotal }),
      ratePerSecond: Math.round(meter.sample(Date.now(), counters.emitted) * 10) / 10,
    };
  };
  const heartbeat = renewWhileRunning(deps, job.id, control, progress, log);
  try {
    const complete = await deps.execute(job, control.signal, counters);
    const outcome = complete ? 'done' : control.signal.reason;
    control.abort('ended');
    await heartbeat;
    await settle(deps, job.id, outcome, progress);
    log.info({ outcome, emitted: counters.emitted }, 'replay run ended');
  } catch (error) {
    control.abort('failed');
    await heartbeat;
    if (error instanceof InfraError && error.retriable) {
      log.warn({ err: error }, 'replay run interrupted; giving the job back to be claimed again');
      await settle(deps, job.id, 'stopping', progress).catch((settleError: unknown) =>
        log.warn({ err: settleError }, 'could not give the job back; it is taken over once its lease ends'),
      );
    } else {
      log.error({ err: error }, 'replay job failed');
      const message = error instanceof Error ? error.message : String(error);
      await deps.jobs
        .finish(job.id, deps.workerId, {
          status: 'failed',
          progress: progress(),
          error: message,
          now: Date.now(),
        })
        .catch((finishError: unknown) => log.error({ err: finishError }, 'could not record the failure'));
    }
  } finally {
    stopping.removeEventListener('abort', stopOnShutdown);
  }
}

/**
 * Records how a run ended. A cancel can land at any moment, so when `done` or a release no longer
 * applies, the run acknowledges the cancel instead; a lost job belongs to another worker.
 */
async function settle(
  deps: JobRunDeps,
  id: string,
  outcome: unknown,
  progress: () => ReplayProgress,
): Promise<void> {
  const end = (status: 'done' | 'cancelled') =>
    deps.jobs.finish(id, deps.workerId, { status, progress: progress(), now: Date.now() });
  if (outcome === 'lost') return;
  if (outcome === 'done' && (await end('done'))) return;
  if (outcome === 'stopping' && (await deps.jobs.release(id, deps.workerId, progress(), Date.now()))) return;
  await end('cancelled');
}

/** Every pollIntervalMs: renew the lease with the progress; abort the run on a cancel or a lost lease. */
async function renewWhileRunning(
  deps: JobRunDeps,
  id: string,
  control: AbortController,
  progress: () => ReplayProgress,
  log: Logger,
): Promise<void> {
  let heldUntil = Date.now() + deps.leaseMs;
  while (!control.signal.aborted) {
    await pause(deps.pollIntervalMs, control.signal);
    if (control.signal.aborted) return;
    const now = Date.now();
    const lease = await deps.jobs
      .renew(id, deps.workerId, progress(), now + deps.leaseMs, now)
      .catch((error: unknown) => {
        log.warn({ err: error }, 'renewing the replay lease failed');
        return undefined;
      });
    if (lease === 'held') heldUntil = now + deps.leaseMs;
    if (lease === 'cancelled') {
      log.info('replay job cancelled; stopping emission');
      control.abort('cancelled');
    } else if (lease === 'lost' || (lease === undefined && now + deps.pollIntervalMs >= heldUntil)) {
      // Another worker may take the job from here on: stop before two emit at once.
      log.warn('replay lease lost; stopping emission');
      control.abort('lost');
    }
  }
}
