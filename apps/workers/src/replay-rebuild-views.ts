import { setTimeout as sleep } from 'node:timers/promises';
import { InfraError, type ReplayJob, type SeriesStore, type ViewStore } from '@tidemark/core';
import type { Admin } from 'kafkajs';
import type { Logger } from 'pino';
import { pause } from './replay-emitter.ts';

export interface RebuildViewsDeps {
  readonly views: ViewStore;
  readonly series: SeriesStore;
  readonly admin: Admin;
  readonly liveTopic: string;
  readonly replayTopic: string;
  /** The projector's consumer group, whose committed offsets say the replay records were applied. */
  readonly projectorGroup: string;
  readonly pollIntervalMs: number;
  /** How long a replaced generation's documents stay before they are deleted. */
  readonly retiredGraceMs: number;
  /** How long projectors take at most to see a view change (their view refresh, 1 s, with a margin). */
  readonly projectorRefreshMs?: number;
  /** How long a generation no longer fed waits at most for the projectors before its second deletion. */
  readonly unfedWaitMs?: number;
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

  /** Whether the projector has committed at least `ends` on every partition of `topic`. */
  async function projectorCommitted(
    topic: string,
    ends: readonly { partition: number; high: string }[],
  ): Promise<boolean> {
    const [committed] = await deps.admin.fetchOffsets({ groupId: deps.projectorGroup, topics: [topic] });
    return ends.every(({ partition, high }) => {
      const offset = BigInt(
        committed?.partitions.find((entry) => entry.partition === partition)?.offset ?? '-1',
      );
      return BigInt(high) === 0n || offset >= BigInt(high);
    });
  }

  /** Whether the projector has committed past the replay topic's current end on every partition. */
  async function projectorCaughtUp(): Promise<boolean> {
    return projectorCommitted(deps.replayTopic, await deps.admin.fetchTopicOffsets(deps.replayTopic));
  }

  /**
   * Deletes a generation that is no longer fed, twice. Projectors learn of the change only at their next view
   * refresh, and a batch they began before it may still write the generation, which re-creates its index: so
   * the second deletion waits for that refresh and then for the projector group to commit past both topics'
   * ends seen after it (a batch commits only after its writes). Without a projector, it gives up after
   * `unfedWaitMs` and deletes anyway.
   */
  async function dropUnfed(tenant: string, view: string, generation: number): Promise<void> {
    await dropGeneration(tenant, view, generation);
    await sleep(deps.projectorRefreshMs ?? 2000);
    const deadline = Date.now() + (deps.unfedWaitMs ?? 60_000);
    const [live, replay] = await Promise.all(
      [deps.liveTopic, deps.replayTopic].map((topic) => deps.admin.fetchTopicOffsets(topic)),
    );
    while (Date.now() < deadline) {
      const done =
        (await projectorCommitted(deps.liveTopic, live ?? [])) &&
        (await projectorCommitted(deps.replayTopic, replay ?? []));
      if (done) break;
      await sleep(deps.pollIntervalMs);
    }
    await dropGeneration(tenant, view, generation);
  }

  /**
   * A flip retires the active generation in the place of any generation an earlier flip retired, which would
   * then never be deleted (two rebuilds within the grace period): so that one goes first. Readers read only
   * the active generation, which it stopped being one flip ago.
   */
  async function dropRetiredNow(tenant: string, view: string): Promise<void> {
    const retired = (await deps.views.get(tenant, view))?.retiredGeneration;
    if (retired === undefined) return;
    await dropGeneration(tenant, view, retired);
    await deps.views.clearRetired(tenant, view, retired);
  }

  return {
    async begin(job: Rebuild): Promise<void> {
      const { view, generation } = job.scope;
      const { replaced } = await deps.views.beginRebuild(job.tenant, view, generation, job.id, Date.now());
      log.info({ jobId: job.id, tenant: job.tenant, view, generation, replaced }, 'view generation building');
      if (replaced !== undefined) await dropUnfed(job.tenant, view, replaced);
    },

    /** After emission: waits until the projector applied every replay record, then flips. False if stopped first. */
    async finish(job: Rebuild, signal: AbortSignal): Promise<boolean> {
      const { view, generation } = job.scope;
      while (!signal.aborted) {
        if (await projectorCaughtUp()) {
          await dropRetiredNow(job.tenant, view);
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
      await dropUnfed(job.tenant, view, generation);
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
