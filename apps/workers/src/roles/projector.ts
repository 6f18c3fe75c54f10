import { setTimeout as sleep } from 'node:timers/promises';
import {
  bucketOf,
  encodeSeriesUpdate,
  InfraError,
  manifestGroup,
  type PartialDoc,
  seriesUpdateKey,
  type ViewGeneration,
  type ViewTarget,
} from '@tidemark/core';
import {
  createCassandraEventStore,
  createCassandraReplayJobStore,
  createCassandraViewStore,
} from '@tidemark/core/cassandra';
import { createKafkaEventLog } from '@tidemark/core/kafka';
import { createOpenSearchClient, createOpenSearchSeriesStore } from '@tidemark/core/opensearch';
import type { Consumer, EachBatchPayload } from 'kafkajs';
import { Counter, Gauge, Histogram } from 'prom-client';
import { startBatchConsumer } from '../batch-consumer.ts';
import { type BatchRetry, untilDone } from '../batch-retry.ts';
import {
  cutKey,
  dirtyDocs,
  newPartitionState,
  type PartitionState,
  type ProjectorStepDeps,
  projectBatch,
  recordCuts,
} from '../projector-step.ts';
import { createViewRegistry } from '../projector-views.ts';
import { createRefreshGate } from '../refresh-gate.ts';
import type { Role, RoleContext } from '../role.ts';

export interface ProjectorOptions {
  readonly topics: { readonly events: string; readonly replay: string; readonly seriesUpdates: string };
  readonly groupId: string;
  readonly shards: number;
  readonly sessionTimeoutMs?: number;
  /** Replay records wait while any live partition is further behind than this. */
  readonly maxLiveLagForReplay?: number;
  readonly viewRefreshMs?: number;
  /** Partial documents kept in memory per partition before the cache is dropped (it reloads with `_mget`). */
  readonly maxCachedDocs?: number;
  readonly keyspace?: string;
  readonly viewIndexPrefix?: string;
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
}

/**
 * Seed D: builds every view from the live and replay topics into per-partition partial documents in OpenSearch
 * (DESIGN.md "Projection mechanics"). Per partition batch: count only canonical copies, apply them to the
 * open documents, write the changed ones with external versions, then commit, never before; publish which
 * buckets changed.
 */
export async function startProjector(context: RoleContext, options: ProjectorOptions): Promise<Role> {
  const log = context.logger.child({ component: 'projector' });
  const keyspace = options.keyspace ?? context.engines.cassandra.keyspace;
  const opensearch = createOpenSearchClient(context.engines.opensearch);
  const series = createOpenSearchSeriesStore(opensearch, {
    prefix: options.viewIndexPrefix ?? context.engines.opensearch.viewPrefix,
  });
  // A pushed update must be readable at once, but a bulk that waits for the index refresh (up to 250 ms)
  // held each partition's next batch back; so batches commit first and their updates wait for a shared refresh.
  const readable = createRefreshGate({
    refresh: (generations: ViewGeneration[]) => series.makeReadable(generations),
    idOf: (generation) => `${generation.tenant}/${generation.view}/${generation.generation}`,
    minGapMs: 100,
  });
  const publishing = new Set<Promise<void>>();
  const events = createCassandraEventStore(context.cassandra, { keyspace });
  const jobs = createCassandraReplayJobStore(context.cassandra, { keyspace });
  const views = createViewRegistry(createCassandraViewStore(context.cassandra, { keyspace }));
  const updates = createKafkaEventLog(context.kafka);
  const metrics = createProjectorMetrics(context);
  const shards = await events.fixShards(options.shards);
  const maxLag = options.maxLiveLagForReplay ?? 5000;
  const maxCachedDocs = options.maxCachedDocs ?? 20_000;
  const admin = context.kafka.admin();
  await admin.connect();
  await untilViewsLoad();

  const states = new Map<string, PartitionState>();
  const locks = new Map<string, Promise<unknown>>();
  const liveLag = new Map<number, number>();
  let ownedLive: number[] = [];
  let replayPaused = false;

  const stateOf = (topic: string, partition: number) => {
    const id = `${topic}:${partition}`;
    let state = states.get(id);
    if (!state) {
      state = newPartitionState(topic, partition, topic === options.topics.events);
      states.set(id, state);
    }
    return state;
  };

  /** One batch or cut recording at a time per partition, so that a cut lands between batches. */
  function locked<T>(topic: string, partition: number, work: () => Promise<T>): Promise<T> {
    const id = `${topic}:${partition}`;
    const run = (locks.get(id) ?? Promise.resolve()).catch(() => {}).then(work);
    locks.set(id, run);
    return run;
  }

  async function recordCut(target: ViewTarget, partition: number, offset: bigint) {
    const held = await jobs.recordRebuildCut(
      target.tenant,
      target.definition.id,
      target.generation,
      partition,
      offset,
      Date.now(),
    );
    log.info(
      {
        tenant: target.tenant,
        view: target.definition.id,
        generation: target.generation,
        partition,
        offset: held,
      },
      'rebuild cut recorded',
    );
    return held;
  }

  async function flush(
    state: PartitionState,
    payload: EachBatchPayload,
    retry: BatchRetry,
  ): Promise<PartialDoc[]> {
    const dirty = dirtyDocs(state);
    if (dirty.length === 0) return [];
    const started = performance.now();
    const half = Math.ceil(dirty.length / 2);
    if (context.failpoints.isActive('projector-half-bulk') && dirty.length > 1) {
      await series.write(dirty.slice(0, half));
      context.failpoints.hit('projector-half-bulk');
    }
    const outcome = await untilDone(
      retry,
      'writing view documents to OpenSearch',
      async () => {
        const result = await series.write(dirty);
        if (result.failed.length > 0)
          throw new InfraError(
            'OPENSEARCH_REQUEST_FAILED',
            `${result.failed.length} of ${dirty.length} documents failed, first: ${result.failed[0]?.reason}`,
            { retriable: true },
          );
        return result;
      },
      payload,
    );
    for (const doc of dirty) doc.dirty = false;
    // A stale write means another writer holds newer state: forget ours so that it reloads.
    if (outcome.stale > 0) state.docs.clear();
    metrics.docs.inc(outcome.written);
    metrics.stale.inc(outcome.stale);
    metrics.flushSeconds.observe((performance.now() - started) / 1000);
    return dirty;
  }

  /** Publishes which buckets changed once they are readable (a crash before the commit may publish twice). */
  function publishWhenReadable(changed: readonly PartialDoc[]): void {
    const byView = changedBuckets(changed);
    if (byView.length === 0) return;
    const done = readable
      .after(byView)
      .catch((error: unknown) =>
        log.warn({ err: error }, 'refreshing view indices failed; publishing the updates anyway'),
      )
      .then(() => publish(byView));
    publishing.add(done);
    void done.finally(() => publishing.delete(done));
  }

  async function publish(byView: ReturnType<typeof changedBuckets>): Promise<void> {
    const at = Date.now();
    try {
      await updates.append(
        options.topics.seriesUpdates,
        byView.map((entry) => ({
          key: seriesUpdateKey(entry.tenant, entry.view),
          value: encodeSeriesUpdate({ ...entry, buckets: [...entry.buckets].sort((a, b) => a - b), at }),
        })),
      );
    } catch (error) {
      // Updates only wake live subscribers; the numbers are already stored and committed.
      metrics.updatesFailed.inc();
      log.warn({ err: error }, 'publishing series updates failed');
    }
  }

  function evict(state: PartitionState): void {
    if (state.docs.size > maxCachedDocs) {
      state.docs.clear();
      return;
    }
    const horizon = bucketOf(Date.now() - 3 * 60 * 60 * 1000);
    for (const [id, doc] of state.docs) if (doc.key.bucket < horizon) state.docs.delete(id);
  }

  function steerReplay(consumer: Consumer): void {
    const behind = Math.max(0, ...liveLag.values());
    if (behind > maxLag && !replayPaused) {
      consumer.pause([{ topic: options.topics.replay }]);
      replayPaused = true;
      metrics.replayPaused.set(1);
      log.info({ liveLag: behind }, 'live traffic is behind: replay records wait');
    } else if (behind <= maxLag && replayPaused) {
      consumer.resume([{ topic: options.topics.replay }]);
      replayPaused = false;
      metrics.replayPaused.set(0);
      log.info({ liveLag: behind }, 'live traffic caught up: replay records flow again');
    }
  }

  async function handleBatch(payload: EachBatchPayload, consumer: Consumer): Promise<void> {
    const { batch } = payload;
    const state = stateOf(batch.topic, batch.partition);
    const retry: BatchRetry = {
      backoff: options.backoff ?? { initialMs: 200, maxMs: 5000 },
      log,
      onPause: (paused) =>
        metrics.paused.set({ topic: batch.topic, partition: batch.partition }, paused ? 1 : 0),
    };
    const deps: ProjectorStepDeps = {
      series,
      events,
      views,
      recordCut,
      shards,
      async waitForWarehouse(attempt) {
        metrics.warehouseWaits.inc();
        if (!payload.isRunning() || payload.isStale())
          throw new Error('partition revoked while waiting for the warehouse; the batch stays uncommitted');
        // Each wait ends in one point read (of the batch's first missing row): cheap enough to ask often.
        await sleep(Math.min(10 * attempt, 50));
      },
    };
    const result = await untilDone(
      retry,
      'projecting a batch',
      () => projectBatch(deps, state, batch.messages),
      payload,
    );
    const changed = await flush(state, payload, retry);
    // The numbers are stored: the refresh that makes them readable need not wait for the commit.
    publishWhenReadable(changed);
    context.failpoints.hit('projector-after-bulk');
    const through = result.coveredThrough ?? BigInt(batch.lastOffset());
    await consumer.commitOffsets([
      { topic: batch.topic, partition: batch.partition, offset: (through + 1n).toString() },
    ]);
    payload.resolveOffset(through.toString());
    evict(state);
    metrics.counted.inc({ topic: batch.topic }, result.counted);
    metrics.copies.inc(result.copies);
    const lag = Number(batch.offsetLag());
    metrics.lag.set({ topic: batch.topic, partition: batch.partition }, lag);
    if (state.live) {
      liveLag.set(batch.partition, lag);
      steerReplay(consumer);
    }
  }

  /**
   * Records the cut on live partitions that see no batch, from their committed offset (they're idle). The
   * offset is read under the partition's lock: a batch running meanwhile applied its records to the active
   * generation only, so the cut must lie past the offset it commits, not at the one committed before it.
   */
  async function recordIdleCuts(): Promise<void> {
    const building = views.building();
    if (building.length === 0 || ownedLive.length === 0) return;
    for (const partition of ownedLive) {
      const state = stateOf(options.topics.events, partition);
      if (building.every((target) => state.cuts.has(cutKey(target)))) continue;
      await locked(options.topics.events, partition, async () => {
        const [committed] = await admin.fetchOffsets({
          groupId: options.groupId,
          topics: [options.topics.events],
        });
        const offset = committed?.partitions.find((entry) => entry.partition === partition)?.offset;
        const next =
          offset !== undefined && BigInt(offset) >= 0n
            ? BigInt(offset)
            : BigInt(
                (await admin.fetchTopicOffsets(options.topics.events)).find(
                  (entry) => entry.partition === partition,
                )?.low ?? '0',
              );
        await recordCuts({ views, recordCut }, state, next);
      });
    }
  }

  async function untilViewsLoad(): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await views.refresh();
      } catch (error) {
        if (attempt === 1) log.warn({ err: error }, 'loading views failed; retrying');
        await sleep(Math.min(200 * attempt, 5000));
      }
    }
  }

  const refresher = setInterval(() => {
    void views
      .refresh()
      .then(recordIdleCuts)
      .catch((error: unknown) => log.warn({ err: error }, 'refreshing views or recording cuts failed'));
  }, options.viewRefreshMs ?? 1000);

  const consumer = await startBatchConsumer(context.kafka, log, {
    groupId: options.groupId,
    topics: [options.topics.events, options.topics.replay],
    ...(options.sessionTimeoutMs ? { sessionTimeoutMs: options.sessionTimeoutMs } : {}),
    partitionsConcurrently: 12,
    // A live batch may cover only the records the warehouse has stored; kafkajs fetches the rest again.
    autoResolve: false,
    onJoin(current, assignment) {
      ownedLive = assignment[options.topics.events] ?? [];
      states.clear(); // only clean state lives between batches; dropping it costs a reload
      liveLag.clear();
      // A new member starts unpaused; the next live batch decides again, so an instance left with no live
      // partition does not hold replay back.
      if (replayPaused) {
        current.resume([{ topic: options.topics.replay }]);
        replayPaused = false;
        metrics.replayPaused.set(0);
      }
      log.info({ assignment }, 'projector joined its group');
    },
    handle: (payload, current) =>
      locked(payload.batch.topic, payload.batch.partition, () => handleBatch(payload, current)),
  });
  log.info({ group: options.groupId, topics: options.topics }, 'projector consuming');

  return {
    checks: [],
    async stop() {
      clearInterval(refresher);
      await consumer.stop();
      await Promise.allSettled(publishing);
      await Promise.allSettled([updates.close(), admin.disconnect(), opensearch.close()]);
    },
  };
}

/** The buckets a flush changed, per view generation (manifests are bookkeeping, not numbers). */
function changedBuckets(changed: readonly PartialDoc[]) {
  const byView = new Map<
    string,
    { tenant: string; view: string; generation: number; buckets: Set<number> }
  >();
  for (const { key } of changed) {
    if (key.group === manifestGroup) continue;
    const id = `${key.tenant}/${key.view}/${key.generation}`;
    const entry = byView.get(id) ?? {
      tenant: key.tenant,
      view: key.view,
      generation: key.generation,
      buckets: new Set(),
    };
    entry.buckets.add(key.bucket);
    byView.set(id, entry);
  }
  return [...byView.values()];
}

function createProjectorMetrics(context: RoleContext) {
  const registers = [context.registry];
  return {
    counted: new Counter({
      name: 'tidemark_projector_records_counted_total',
      help: 'Records applied to views (live: canonical copies only)',
      labelNames: ['topic'],
      registers,
    }),
    copies: new Counter({
      name: 'tidemark_projector_copies_skipped_total',
      help: 'Live copies that are not their event canonical copy',
      registers,
    }),
    docs: new Counter({
      name: 'tidemark_projector_docs_written_total',
      help: 'Partial documents written',
      registers,
    }),
    stale: new Counter({
      name: 'tidemark_projector_docs_stale_total',
      help: 'Partial documents refused because a newer version was stored',
      registers,
    }),
    warehouseWaits: new Counter({
      name: 'tidemark_projector_warehouse_waits_total',
      help: 'Times a batch waited for the warehouse to store its events',
      registers,
    }),
    updatesFailed: new Counter({
      name: 'tidemark_projector_updates_failed_total',
      help: 'Series updates that could not be published',
      registers,
    }),
    flushSeconds: new Histogram({
      name: 'tidemark_projector_flush_seconds',
      help: 'Time to write one partition batch of documents',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    lag: new Gauge({
      name: 'tidemark_projector_lag',
      help: 'Records behind the end of each partition',
      labelNames: ['topic', 'partition'],
      registers,
    }),
    paused: new Gauge({
      name: 'tidemark_projector_paused',
      help: '1 while a partition waits for an engine',
      labelNames: ['topic', 'partition'],
      registers,
    }),
    replayPaused: new Gauge({
      name: 'tidemark_projector_replay_paused',
      help: '1 while replay records wait for live traffic to catch up',
      registers,
    }),
  };
}
