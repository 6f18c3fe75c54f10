import { type RebuildCut, type RebuildCutState, type ReplayJobStore, rebuildCutState } from '@tidemark/core';
import type { Admin } from 'kafkajs';
import type { Logger } from 'pino';
import { pause } from './replay-emitter.ts';

export interface RebuildCutDeps {
  readonly jobs: ReplayJobStore;
  readonly admin: Admin;
  /** The live topic, whose partitions the cut covers. */
  readonly liveTopic: string;
  readonly warehouseGroup: string;
  readonly pollIntervalMs: number;
  readonly logger: Logger;
}

/**
 * Waits until the projector has recorded O[p] for every live partition of this generation and the
 * warehouse has committed at least O[p] on each (DESIGN.md "Rebuilds", step 2). Undefined if aborted.
 * Nothing has been emitted while waiting, so failures here are only logged and the wait goes on.
 */
export async function awaitRebuildCut(
  deps: RebuildCutDeps,
  target: { readonly tenant: string; readonly view: string; readonly generation: number },
  signal: AbortSignal,
): Promise<RebuildCut | undefined> {
  let reported = '';
  while (!signal.aborted) {
    try {
      const state = await readCutState(deps, target);
      if (state.ready) return state.cut;
      const waiting = `${state.waitingFor}:${state.partitions.join(',')}`;
      if (waiting !== reported) {
        reported = waiting;
        deps.logger.info(
          { ...target, partitions: state.partitions },
          state.waitingFor === 'cut'
            ? 'rebuild waits for the projector to record cut offsets'
            : 'rebuild waits for the warehouse to commit up to the cut',
        );
      }
    } catch (error) {
      deps.logger.warn({ err: error, ...target }, 'reading the rebuild cut failed; waiting on');
    }
    await pause(deps.pollIntervalMs, signal);
  }
  return undefined;
}

async function readCutState(
  deps: RebuildCutDeps,
  target: { readonly tenant: string; readonly view: string; readonly generation: number },
): Promise<RebuildCutState> {
  const metadata = await deps.admin.fetchTopicMetadata({ topics: [deps.liveTopic] });
  const livePartitions = metadata.topics[0]?.partitions.length ?? 0;
  if (livePartitions === 0) throw new Error(`topic ${deps.liveTopic} has no partitions`);
  const cut = await deps.jobs.rebuildCut(target.tenant, target.view, target.generation);
  const committed = new Map<number, bigint>();
  if (cut.size >= livePartitions) {
    const [offsets] = await deps.admin.fetchOffsets({
      groupId: deps.warehouseGroup,
      topics: [deps.liveTopic],
    });
    for (const { partition, offset } of offsets?.partitions ?? []) {
      if (BigInt(offset) >= 0n) committed.set(partition, BigInt(offset));
    }
  }
  return rebuildCutState(livePartitions, cut, committed);
}
