import type { ReplayJob, ReplayProgress } from '../domain/replay-job.ts';
import type { RebuildCut } from '../domain/replay-plan.ts';
import type { WarehouseKey } from '../domain/warehouse-key.ts';

export interface ReplayClaim {
  readonly owner: string;
  readonly leaseUntil: number;
  readonly now: number;
  /** Set when a rebuild that had started is taken over: it restarts into this fresh generation. */
  readonly generation?: number;
}

/** What a worker learns when it renews its lease. */
export type ReplayLease = 'held' | 'cancelled' | 'lost';

/**
 * Replay jobs, their per-partition checkpoints, and rebuild cuts (Cassandra in production). Every change
 * of a job after its creation is a compare-and-set, so two workers never run one job and a cancel is
 * never overwritten.
 */
export interface ReplayJobStore {
  /** Stores a new job; false if one with its id exists already. */
  create(job: ReplayJob): Promise<boolean>;
  get(id: string): Promise<ReplayJob | undefined>;
  /** Newest first; one tenant's, or every tenant's when absent. */
  list(tenant?: string): Promise<ReplayJob[]>;
  /** Cancels a pending or running job; returns the job as it now stands, undefined when there is none. */
  cancel(id: string, now: number): Promise<ReplayJob | undefined>;
  /**
   * Takes `seen` (the job as last read) if its status, owner and lease are still what they were: a
   * pending job starts running; a released or expired running job changes hands.
   */
  claim(seen: ReplayJob, claim: ReplayClaim): Promise<boolean>;
  /** Extends the owner's lease and saves progress, while the job runs and the owner still holds it. */
  renew(
    id: string,
    owner: string,
    progress: ReplayProgress,
    leaseUntil: number,
    now: number,
  ): Promise<ReplayLease>;
  /**
   * Ends a job the owner holds: `done` or `failed` from running, or `cancelled` to acknowledge a cancel
   * once emission has stopped. False when the job was not in the expected state.
   */
  finish(
    id: string,
    owner: string,
    end: {
      readonly status: 'done' | 'failed' | 'cancelled';
      readonly progress: ReplayProgress;
      readonly error?: string;
      readonly now: number;
    },
  ): Promise<boolean>;
  /**
   * Gives a running job back without finishing it (graceful stop), so that any worker takes it at once.
   * False when the owner no longer holds it running (it was cancelled or taken over meanwhile).
   */
  release(id: string, owner: string, progress: ReplayProgress, now: number): Promise<boolean>;
  /** Emitted events of every warehouse partition the job finished, by `partitionName`. */
  finishedPartitions(id: string): Promise<Map<string, number>>;
  /** Records that every replay record of this partition was acknowledged. */
  finishPartition(id: string, key: WarehouseKey, emitted: number, now: number): Promise<void>;
  /** The cut offsets recorded so far for one generation of a view. */
  rebuildCut(tenant: string, view: string, generation: number): Promise<RebuildCut>;
  /** Records O[p] for one live partition if none is recorded yet; returns the one that holds. */
  recordRebuildCut(
    tenant: string,
    view: string,
    generation: number,
    partition: number,
    offset: bigint,
    now: number,
  ): Promise<bigint>;
}
