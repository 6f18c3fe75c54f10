import { operatorTenant, tenantProblem } from '../auth/token-claims.ts';

export const replayModes = ['republish', 'rebuild'] as const;
export type ReplayMode = (typeof replayModes)[number];

export const replayStatuses = ['pending', 'running', 'done', 'cancelled', 'failed'] as const;
export type ReplayStatus = (typeof replayStatuses)[number];

/** Headers of every record on the replay topic, beside `tm-tenant` and `tm-schema`. */
export const replayHeaders = {
  job: 'tm-replay-job',
  /** Rebuild records only: the view and the generation they are for; republish records never touch views. */
  view: 'tm-replay-view',
  generation: 'tm-replay-generation',
} as const;

/** What a job replays. */
export type ReplayScope =
  | {
      readonly mode: 'republish';
      /** Event-time range [from, to), ms since the epoch. */
      readonly from: number;
      readonly to: number;
      /** Only these event names; every name when absent. */
      readonly names?: readonly string[];
    }
  | {
      readonly mode: 'rebuild';
      readonly view: string;
      /** The generation being built; a crashed rebuild restarts into the next one (DESIGN.md "Rebuilds"). */
      readonly generation: number;
      /** First UTC day scanned: the warehouse has no per-tenant index of its days, so history starts here. */
      readonly since: number;
    };

export interface ReplayProgress {
  readonly emitted: number;
  /** Extrapolated from the partitions finished so far; absent until one is. */
  readonly estimatedTotal?: number;
  /** Events per second over the last few seconds. */
  readonly ratePerSecond: number;
}

export interface ReplayJob {
  /** A UUIDv7, so that jobs sort by creation. */
  readonly id: string;
  readonly tenant: string;
  readonly scope: ReplayScope;
  /** Events per second; unthrottled when absent. */
  readonly rateLimit?: number;
  readonly status: ReplayStatus;
  readonly progress: ReplayProgress;
  readonly startedBy: string;
  readonly createdAt: number;
  readonly startedAt?: number;
  readonly finishedAt?: number;
  readonly updatedAt: number;
  /** The replay worker running the job, while its lease lasts. */
  readonly owner?: string;
  readonly leaseUntil?: number;
  readonly error?: string;
}

export type ReplayRequest =
  | {
      readonly tenant: string;
      readonly mode: 'republish';
      readonly from: number;
      readonly to: number;
      readonly names?: readonly string[];
      readonly rateLimit?: number;
      readonly startedBy: string;
    }
  | {
      readonly tenant: string;
      readonly mode: 'rebuild';
      readonly view: string;
      readonly generation: number;
      readonly since: number;
      readonly rateLimit?: number;
      readonly startedBy: string;
    };

const viewPattern = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** Why a request can't become a job, or undefined when it can. */
export function replayRequestProblem(request: ReplayRequest): string | undefined {
  if (request.tenant === operatorTenant) return `a replay is for one tenant, not ${operatorTenant}`;
  const tenant = tenantProblem(request.tenant, 'query');
  if (tenant) return tenant;
  if (request.rateLimit !== undefined && !(Number.isInteger(request.rateLimit) && request.rateLimit > 0))
    return `the rate limit must be a positive whole number of events per second, got ${request.rateLimit}`;
  if (request.startedBy.trim() === '') return 'say who starts the replay';
  if (request.mode === 'republish') {
    if (!Number.isFinite(request.from) || !Number.isFinite(request.to))
      return 'from and to must be times (ms since the epoch)';
    if (request.from >= request.to)
      return `from (${new Date(request.from).toISOString()}) must lie before to (${new Date(request.to).toISOString()})`;
    if (request.names?.some((name) => name.trim() === '')) return 'event names must not be empty';
    return undefined;
  }
  if (!viewPattern.test(request.view))
    return `invalid view ${JSON.stringify(request.view)}: use 1-63 of a-z, 0-9, '_' and '-'`;
  if (!(Number.isInteger(request.generation) && request.generation > 0))
    return `the generation must be a positive whole number, got ${request.generation}`;
  if (!Number.isFinite(request.since)) return 'since must be a time (ms since the epoch)';
  return undefined;
}

/** A new pending job for a request that `replayRequestProblem` accepted. */
export function newReplayJob(request: ReplayRequest, id: string, now: number): ReplayJob {
  const scope: ReplayScope =
    request.mode === 'republish'
      ? {
          mode: 'republish',
          from: request.from,
          to: request.to,
          ...(request.names?.length ? { names: [...new Set(request.names)].sort() } : {}),
        }
      : { mode: 'rebuild', view: request.view, generation: request.generation, since: request.since };
  return {
    id,
    tenant: request.tenant,
    scope,
    ...(request.rateLimit === undefined ? {} : { rateLimit: request.rateLimit }),
    status: 'pending',
    progress: { emitted: 0, ratePerSecond: 0 },
    startedBy: request.startedBy,
    createdAt: now,
    updatedAt: now,
  };
}

/** The generation a new rebuild of `view` targets: one past any earlier rebuild's, starting at 1. */
export function nextRebuildGeneration(
  jobs: readonly ReplayJob[],
  tenant: string,
  view: string,
  generations?: {
    readonly activeGeneration: number;
    readonly buildingGeneration?: number;
    readonly retiredGeneration?: number;
  },
): number {
  let highest = Math.max(
    0,
    generations?.activeGeneration ?? 0,
    generations?.buildingGeneration ?? 0,
    generations?.retiredGeneration ?? 0,
  );
  for (const job of jobs) {
    if (job.tenant === tenant && job.scope.mode === 'rebuild' && job.scope.view === view)
      highest = Math.max(highest, job.scope.generation);
  }
  return highest + 1;
}

/**
 * A rebuild of `view` that has not ended: a second one would take its generation over and make it fail at its
 * flip, so starting one is refused while this exists.
 */
export function unfinishedRebuild(
  jobs: readonly ReplayJob[],
  tenant: string,
  view: string,
): ReplayJob | undefined {
  return jobs.find(
    (job) =>
      job.tenant === tenant &&
      job.scope.mode === 'rebuild' &&
      job.scope.view === view &&
      !isFinished(job.status),
  );
}

export function isFinished(status: ReplayStatus): boolean {
  return status === 'done' || status === 'cancelled' || status === 'failed';
}

/**
 * Whether a worker may take the job now: pending and unowned, or running with no live owner (the owner
 * released it on a graceful stop, or its lease ran out because it crashed).
 */
export function isClaimable(job: ReplayJob, now: number): boolean {
  if (job.status === 'pending') return job.owner === undefined;
  if (job.status !== 'running') return false;
  return job.owner === undefined || (job.leaseUntil ?? 0) <= now;
}
