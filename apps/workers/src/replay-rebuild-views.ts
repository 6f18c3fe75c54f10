import { InfraError, type ReplayJob, type SeriesStore, type ViewStore } from '@tidemark/core';
import type { Admin } from 'kafkajs';
import type { Logger } from 'pino';
import { pause } from './replay-emitter.ts';

export interface RebuildViewsDeps {
  readonly views: ViewStore;
  readonly series: SeriesStore;
  readonly admin: Admin;
  readonly replayTopic: string;
  /** The projector's consumer group, whose committed offsets say the replay records were applied. */
  readonly projectorGroup: string;
  readonly pollIntervalMs: number;
  /** How long a replaced generation's documents stay before they are deleted. */
  readonly retiredGraceMs: number;
  readonly logger: Logger;
}

type Rebuild = ReplayJob & { readonly scope: { readonly mode: 'rebuild' } };

/**
 * The view side of a rebuild (DESIGN.md "Rebuilds", step 6 and invariant 6): the job's generation is marked
 * as building (so projectors record their cuts and feed it live), and once every replay record is applied,
 * it becomes the active one in one compare-and-set.
 */
export function createRebuildViews(deps: RebuildViewsDeps) {
  const log = deps.logger.child({ component: 'rebuild-views' });

  async function dropGeneration(tenant: string, view: string, generation: number): Promise<void> {
    await deps.series.dropGeneration(tenant, view, generation);
    log.info({ tenant, view, generation }, 'view generation deleted');
  }

  /** Whether the projector has committed past the replay topic's current end on every partition. */
  async function projectorCaughtUp(): Promise<boolean> {
    const ends = await deps.admin.fetchTopicOffsets(deps.replayTopic);
    const [committed] = await deps.admin.fetchOffsets({
      groupId: deps.projectorGroup,
      topics: [deps.replayTopic],
    });
    return ends.every(({ partition, high }) => {
      const offset = BigInt(
        committed?.partitions.find((entry) => entry.partition === partition)?.offset ?? '-1',
      );
      return BigInt(high) === 0n || offset >= BigInt(high);
    });
  }

  return {
    async begin(job: Rebuild): Promise<void> {
      const { view, generation } = job.scope;
      const { replaced } = await deps.views.beginRebuild(job.tenant, view, generation, job.id, Date.now());
      log.info({ jobId: job.id, tenant: job.tenant, view, generation, replaced }, 'view generation building');
      if (replaced !== undefined) await dropGeneration(job.tenant, view, replaced);
    },

    /** After emission: waits until the projector applied every replay record, then flips. False if stopped first. */
    async finish(job: Rebuild, signal: AbortSignal): Promise<boolean> {
      const { view, generation } = job.scope;
      while (!signal.aborted) {
        if (await projectorCaughtUp()) {
          if (!(await deps.views.flip(job.tenant, view, generation, Date.now())))
            throw new InfraError(
              'CASSANDRA_UNAVAILABLE',
              `generation ${generation} of ${job.tenant}/${view} is no longer being built`,
              { retriable: false },
            );
          log.info({ jobId: job.id, tenant: job.tenant, view, generation }, 'view generation active');
          return true;
        }
        await pause(deps.pollIntervalMs, signal);
      }
      return false;
    },

    /** A cancelled or failed rebuild stops feeding its generation, whose documents go. */
    async abandon(job: Rebuild): Promise<void> {
      const { view, generation } = job.scope;
      await deps.views.abandonRebuild(job.tenant, view, generation, Date.now());
      await dropGeneration(job.tenant, view, generation);
    },

    /** Deletes generations replaced longer ago than the grace period. */
    async dropRetired(now: number): Promise<void> {
      for (const view of await deps.views.listStored()) {
        const { retiredGeneration, retiredAt } = view;
        if (
          retiredGeneration === undefined ||
          retiredAt === undefined ||
          retiredAt + deps.retiredGraceMs > now
        )
          continue;
        await dropGeneration(view.tenant, view.definition.id, retiredGeneration);
        await deps.views.clearRetired(view.tenant, view.definition.id, retiredGeneration);
      }
    },
  };
}
