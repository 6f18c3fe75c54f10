import {
  applyToDocs,
  docKeysFor,
  type EventStore,
  isUuidV7,
  type PartialDoc,
  type PartialKey,
  type ProjectedRecord,
  partialDocId,
  replayHeaders,
  type SeriesStore,
  type ViewDefinition,
  type ViewTarget,
  warehouseKeyOf,
} from '@tidemark/core';
import { decodeTrackedEvent } from '@tidemark/proto';
import type { ViewRegistry } from './projector-views.ts';

export interface IncomingRecord {
  readonly offset: string;
  readonly value: Buffer | null;
  readonly headers?: Record<string, unknown>;
}

/** What one projector keeps for one topic-partition it owns, between batches. */
export interface PartitionState {
  readonly topic: string;
  readonly partition: number;
  readonly live: boolean;
  /** Open partial documents by `_id`: a cache, since every stored document carries its version. */
  readonly docs: Map<string, PartialDoc>;
  /** O[p] of each generation being rebuilt, by `cutKey`, once recorded. */
  readonly cuts: Map<string, bigint>;
}

export interface ProjectorStepDeps {
  readonly series: SeriesStore;
  readonly events: Pick<EventStore, 'canonicalSources'>;
  readonly views: ViewRegistry;
  /** Records O[p] insert-if-absent and returns the one that holds. */
  recordCut(target: ViewTarget, partition: number, offset: bigint): Promise<bigint>;
  readonly shards: number;
  /** Waits before asking the warehouse again for rows it doesn't have yet (heartbeats, throws when revoked). */
  waitForWarehouse(attempt: number): Promise<void>;
}

export interface StepResult {
  readonly counted: number;
  /** Live copies that are not their event's canonical copy: retries and redeliveries. */
  readonly copies: number;
  readonly undecodable: number;
  /**
   * Set when the step covered only the records up to this offset: a live batch whose later rows the warehouse
   * lacks yet. The rest is left to the next fetch; only up to here may be committed.
   */
  readonly coveredThrough?: bigint;
}

export const cutKey = (target: ViewTarget) =>
  `${target.tenant}\u0000${target.definition.id}\u0000${target.generation}`;

export function newPartitionState(topic: string, partition: number, live: boolean): PartitionState {
  return { topic, partition, live, docs: new Map(), cuts: new Map() };
}

/**
 * Records O[p] for every generation being rebuilt that this partition has no cut for yet: from `next` on,
 * live records of this partition feed that generation too (DESIGN.md "Rebuilds", step 1).
 */
export async function recordCuts(
  deps: Pick<ProjectorStepDeps, 'views' | 'recordCut'>,
  state: PartitionState,
  next: bigint,
): Promise<void> {
  for (const target of deps.views.building()) {
    const key = cutKey(target);
    if (!state.cuts.has(key)) state.cuts.set(key, await deps.recordCut(target, state.partition, next));
  }
}

/**
 * Applies one batch of one partition to the open documents, loading the ones it needs. Live records count only
 * when the warehouse row of their id names this very copy (invariant 4); a replay record counts only for the
 * generation its job builds. Leaves the changed documents dirty for `flushPartition`.
 */
export async function projectBatch(
  deps: ProjectorStepDeps,
  state: PartitionState,
  records: readonly IncomingRecord[],
): Promise<StepResult> {
  const decoded: { record: ProjectedRecord; headers?: Record<string, unknown> }[] = [];
  const undecodable: bigint[] = [];
  for (const incoming of records) {
    try {
      const event = decodeTrackedEvent(incoming.value ?? Buffer.alloc(0));
      if (!isUuidV7(event.id) || !event.tenant) {
        undecodable.push(BigInt(incoming.offset));
        continue;
      }
      decoded.push({
        record: { event, topic: state.topic, partition: state.partition, offset: BigInt(incoming.offset) },
        ...(incoming.headers ? { headers: incoming.headers } : {}),
      });
    } catch {
      undecodable.push(BigInt(incoming.offset)); // the warehouse copies it to the invalid topic; views never see it
    }
  }
  if (decoded.length === 0) return { counted: 0, copies: 0, undecodable: undecodable.length };

  let counted = decoded;
  let coveredThrough: bigint | undefined;
  if (state.live) {
    await recordCuts(deps, state, decoded[0]?.record.offset ?? 0n);
    const ready = await canonicalPrefix(deps, state, decoded);
    counted = ready.canonical;
    if (ready.missingFrom !== undefined) coveredThrough = ready.missingFrom - 1n;
  }
  const covered = (offset: bigint) => coveredThrough === undefined || offset <= coveredThrough;

  // A rebuild record for a generation this projector doesn't know yet: its view list may be a second old (an
  // instance that owns no live partition never had to record a cut). Look again before deciding.
  if (
    !state.live &&
    counted.some(({ record, headers }) => replayTargets(deps, record, headers) === undefined)
  )
    await deps.views.refresh();
  const work: { record: ProjectedRecord; targets: ViewTarget[] }[] = counted.map(({ record, headers }) => ({
    record,
    targets: state.live ? liveTargets(deps, state, record) : (replayTargets(deps, record, headers) ?? []),
  }));
  // Each (record, target) names its three documents once; hashing their ids again per use was a hot spot.
  const needed = new Map<string, { key: PartialKey; definition: ViewDefinition }>();
  const applications: { record: ProjectedRecord; target: ViewTarget; group: string; ids: string[] }[] = [];
  const idOf = batchDocIds();
  for (const { record, targets } of work)
    for (const target of targets) {
      const keys = docKeysFor(target, record);
      if (keys.length === 0) continue;
      const ids = keys.map((key) => idOf(target, key));
      keys.forEach((key, i) => {
        const id = ids[i] as string;
        if (!state.docs.has(id)) needed.set(id, { key, definition: target.definition });
      });
      applications.push({ record, target, group: (keys[1] as PartialKey).group, ids });
    }
  if (needed.size > 0) {
    const entries = [...needed.values()];
    const definitions = new Map(entries.map((entry) => [entry.key, entry.definition]));
    const loaded = await deps.series.load(
      entries.map((entry) => entry.key),
      (key) => definitions.get(key) as ViewDefinition,
    );
    const ids = [...needed.keys()];
    for (const [i, doc] of loaded.entries()) state.docs.set(ids[i] as string, doc);
  }
  const loadedDoc = (id: string | undefined) => {
    const doc = id === undefined ? undefined : state.docs.get(id);
    if (!doc) throw new Error(`partial document ${id} not loaded`);
    return doc;
  };
  for (const { record, target, group, ids } of applications)
    applyToDocs(target.definition, record, group, {
      manifest: loadedDoc(ids[0]),
      group: loadedDoc(ids[1]),
      other: loadedDoc(ids[2]),
    });
  return {
    counted: counted.length,
    copies: decoded.filter(({ record }) => covered(record.offset)).length - counted.length,
    undecodable: undecodable.filter(covered).length,
    ...(coveredThrough !== undefined ? { coveredThrough } : {}),
  };
}

/**
 * Document ids within one partition batch, by target, bucket and group: the batch's records share a few
 * buckets, and hashing or even joining the full key for each of them cost more than the rest of the step.
 */
function batchDocIds(): (target: ViewTarget, key: PartialKey) => string {
  const byTarget = new Map<string, Map<number, Map<string, string>>>();
  return (target, key) => {
    const name = `${target.tenant}\u0000${target.definition.id}\u0000${target.generation}`;
    const byBucket = byTarget.get(name) ?? new Map<number, Map<string, string>>();
    byTarget.set(name, byBucket);
    const byGroup = byBucket.get(key.bucket) ?? new Map<string, string>();
    byBucket.set(key.bucket, byGroup);
    let id = byGroup.get(key.group);
    if (id === undefined) {
      id = partialDocId(key);
      byGroup.set(key.group, id);
    }
    return id;
  };
}

function liveTargets(deps: ProjectorStepDeps, state: PartitionState, record: ProjectedRecord): ViewTarget[] {
  const { active, building } = deps.views.liveTargets(record.event.tenant);
  const fed = building.filter((target) => {
    const cut = state.cuts.get(cutKey(target));
    return cut !== undefined && record.offset >= cut;
  });
  return [...active, ...fed];
}

/** The generation a replay record feeds; [] for republish records, undefined when no view builds it. */
function replayTargets(
  deps: ProjectorStepDeps,
  record: ProjectedRecord,
  headers: Record<string, unknown> | undefined,
): ViewTarget[] | undefined {
  const view = headers?.[replayHeaders.view]?.toString();
  const generation = Number(headers?.[replayHeaders.generation]?.toString());
  if (!view || !Number.isInteger(generation)) return []; // a republish record: never touches views
  const target = deps.views.replayTarget(record.event.tenant, view, generation);
  return target ? [target] : undefined;
}

/**
 * Keeps the live records that are their event's canonical copy. Rows the warehouse lacks yet are waited for
 * only while the batch's first record lacks its row; after that the step takes the records before the first
 * one still missing (`missingFrom`) and leaves the rest to the next fetch. Waiting for the batch's last row
 * instead held this partition, and through kafkajs's fetch loop every other one, for a whole warehouse cycle.
 */
async function canonicalPrefix<T extends { record: ProjectedRecord }>(
  deps: ProjectorStepDeps,
  state: PartitionState,
  decoded: readonly T[],
): Promise<{ canonical: T[]; missingFrom?: bigint }> {
  const first = decoded[0]?.record.offset;
  const canonical: T[] = [];
  let pending = decoded.map((entry) => ({
    entry,
    row: {
      key: warehouseKeyOf(entry.record.event.tenant, entry.record.event.id, deps.shards),
      id: entry.record.event.id,
    },
  }));
  for (let round = 0; pending.length > 0; round += 1) {
    if (round > 0) {
      // Until the first row shows, ask for it alone: one point read per wait, not one per warehouse partition.
      const probe = pending.slice(0, 1).map(({ row }) => row);
      for (let attempt = 1; ; attempt += 1) {
        await deps.waitForWarehouse(attempt);
        if ((await deps.events.canonicalSources(probe)).size > 0) break;
      }
    }
    const sources = await deps.events.canonicalSources(pending.map(({ row }) => row));
    const missing: typeof pending = [];
    for (const item of pending) {
      const { entry } = item;
      const source = sources.get(entry.record.event.id);
      if (!source) missing.push(item);
      else if (source.partition === state.partition && BigInt(source.offset) === entry.record.offset)
        canonical.push(entry);
    }
    pending = missing;
    const missingFrom = pending[0]?.entry.record.offset; // pending keeps the batch's offset order
    if (missingFrom !== undefined && missingFrom !== first)
      return {
        canonical: byOffset(canonical.filter(({ record }) => record.offset < missingFrom)),
        missingFrom,
      };
  }
  return { canonical: byOffset(canonical) };
}

const byOffset = <T extends { record: ProjectedRecord }>(entries: T[]) =>
  entries.sort((a, b) => (a.record.offset < b.record.offset ? -1 : 1));

/** The dirty documents of a partition, to write before its offsets are committed. */
export function dirtyDocs(state: PartitionState): PartialDoc[] {
  return [...state.docs.values()].filter((doc) => doc.dirty);
}
