import { type ReplayJob, type ReplayScope, replayHeaders } from './replay-job.ts';
import type { SourcePosition, WarehouseKey } from './warehouse-key.ts';

const dayMs = 24 * 60 * 60 * 1000;

/** The UTC days (YYYY-MM-DD) that the time range [from, to) touches, in order. */
export function utcDaysOf(from: number, to: number): string[] {
  const days: string[] = [];
  if (from >= to) return days;
  for (let day = Math.floor(from / dayMs) * dayMs; day < to; day += dayMs)
    days.push(new Date(day).toISOString().slice(0, 10));
  return days;
}

/** Every warehouse partition of `tenant` on these days: days × shards 0..S-1. */
export function warehousePartitionsOf(
  tenant: string,
  days: readonly string[],
  shards: number,
): WarehouseKey[] {
  return days.flatMap((day) => Array.from({ length: shards }, (_, shard) => ({ tenant, day, shard })));
}

/** Identifies a partition of one job's tenant, e.g. in its checkpoints. */
export function partitionName(key: Pick<WarehouseKey, 'day' | 'shard'>): string {
  return `${key.day}/${key.shard}`;
}

/**
 * The days a republish scans. The warehouse is keyed by the UTC day of the id's time, while the range is
 * on event time; the two differ by the client's clock error. `marginMs` widens the scan by that much so
 * that events near a day edge whose id falls on the neighbouring day are still found.
 */
export function republishDays(scope: Extract<ReplayScope, { mode: 'republish' }>, marginMs = 0): string[] {
  return utcDaysOf(scope.from - marginMs, scope.to + marginMs);
}

/**
 * The days a rebuild scans: from its `since` up to `until`, the latest id time any row below the cut can
 * have (ingest accepts ids up to its max-future limit after their receive time).
 */
export function rebuildDays(scope: Extract<ReplayScope, { mode: 'rebuild' }>, until: number): string[] {
  return utcDaysOf(scope.since, until + 1);
}

/** The warehouse columns a replay decides on. */
export interface ReplayCandidate {
  readonly name: string;
  readonly eventTime: number;
  readonly source: SourcePosition;
}

/** Whether a republish job emits this row: event time in [from, to), and one of its names if it has any. */
export function republishes(scope: Extract<ReplayScope, { mode: 'republish' }>, row: ReplayCandidate) {
  return (
    row.eventTime >= scope.from &&
    row.eventTime < scope.to &&
    (scope.names === undefined || scope.names.includes(row.name))
  );
}

/** Cut offsets O[p] by live-topic partition, as the projector recorded them for one rebuild generation. */
export type RebuildCut = ReadonlyMap<number, bigint>;

/**
 * Whether a rebuild emits this row: its canonical copy lies below its partition's cut. Copies at or above
 * the cut reach the new generation live (DESIGN.md "Rebuilds", step 3).
 */
export function isBelowCut(cut: RebuildCut, source: SourcePosition): boolean {
  const offset = cut.get(source.partition);
  return offset !== undefined && BigInt(source.offset) < offset;
}

export type RebuildCutState =
  | { readonly ready: true; readonly cut: RebuildCut }
  | { readonly ready: false; readonly waitingFor: 'cut'; readonly partitions: readonly number[] }
  | { readonly ready: false; readonly waitingFor: 'warehouse'; readonly partitions: readonly number[] };

/**
 * Emission may start once every live partition has its cut O[p] and the warehouse has committed at least
 * O[p] on each: then every row below the cut is in Cassandra (DESIGN.md "Rebuilds", step 2).
 * `committed` holds the warehouse group's next offset to read per partition (absent: nothing committed, 0).
 */
export function rebuildCutState(
  livePartitions: number,
  cut: RebuildCut,
  committed: ReadonlyMap<number, bigint>,
): RebuildCutState {
  const all = Array.from({ length: livePartitions }, (_, partition) => partition);
  const uncut = all.filter((partition) => !cut.has(partition));
  if (uncut.length > 0) return { ready: false, waitingFor: 'cut', partitions: uncut };
  const behind = all.filter((partition) => (committed.get(partition) ?? 0n) < (cut.get(partition) ?? 0n));
  if (behind.length > 0) return { ready: false, waitingFor: 'warehouse', partitions: behind };
  return { ready: true, cut };
}

/** The headers of a replay record of `job`. */
export function replayRecordHeaders(job: ReplayJob): Record<string, string> {
  const headers: Record<string, string> = {
    'tm-tenant': job.tenant,
    'tm-schema': 'tidemark.v1.Event',
    [replayHeaders.job]: job.id,
  };
  if (job.scope.mode === 'rebuild') {
    headers[replayHeaders.view] = job.scope.view;
    headers[replayHeaders.generation] = String(job.scope.generation);
  }
  return headers;
}
