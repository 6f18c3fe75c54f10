import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import {
  defaultIngestLimits,
  type EventLog,
  InfraError,
  isBelowCut,
  isClaimable,
  type ReplayJob,
  rebuildDays,
  replayRecordHeaders,
  republishDays,
  republishes,
  type WarehouseRow,
  warehousePartitionsOf,
} from '@tidemark/core';
import {
  createCassandraEventStore,
  createCassandraReplayJobStore,
  createCassandraViewStore,
} from '@tidemark/core/cassandra';
import { createKafkaEventLog, createThreadedKafkaEventLog } from '@tidemark/core/kafka';
import { createOpenSearchClient, createOpenSearchSeriesStore } from '@tidemark/core/opensearch';
import { Counter, Gauge } from 'prom-client';
import { type Emission, emitPartitions, pause } from '../replay-emitter.ts';
import { type JobRunDeps, type RunCounters, runReplayJob } from '../replay-job-run.ts';
import { awaitRebuildCut } from '../replay-rebuild-cut.ts';
import { createRebuildViews } from '../replay-rebuild-views.ts';
import type { Role, RoleContext } from '../role.ts';

export interface ReplayOptions {
  /** The live topic (whose partitions a rebuild cut covers) and the replay topic; default: the engines' names. */
  readonly topics?: { readonly events: string; readonly replay: string };
  /** The warehouse's consumer group, whose committed offsets a rebuild waits for. */
  readonly warehouseGroup?: string;
  /** The projector's consumer group, whose committed offsets on the replay topic end a rebuild. */
  readonly projectorGroup?: string;
  /** How long a view generation replaced by a rebuild stays before it is deleted. */
  readonly retiredGraceMs?: number;
  readonly viewIndexPrefix?: string;
  /** Defaults to the engines' keyspace. */
  readonly keyspace?: string;
  /** S, used only if the deployment has none yet (the stored one always wins). */
  readonly shards?: number;
  /** How often an idle worker looks for jobs and a busy one renews its lease and checks for a cancel. */
  readonly pollIntervalMs?: number;
  /** How long a silent worker keeps its job before another may take it over. */
  readonly leaseMs?: number;
  readonly partitionsInParallel?: number;
  /** Encode and send to Kafka on a worker thread (default false: measured no faster, 220 MiB more RSS). */
  readonly kafkaThread?: boolean;
  /** Warehouse rows per scanned page. */
  readonly pageSize?: number;
  /**
   * Republish scans the UTC days of [from − margin, to + margin): ids whose time lies on a neighbouring
   * day of their event time (client clock error near midnight) are found only within this margin.
   */
  readonly dayMarginMs?: number;
  /** Identifies this worker in the jobs it holds. */
  readonly workerId?: string;
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
}

/**
 * Seed C: runs replay jobs one at a time. Polls the jobs table, claims a claimable job with a
 * compare-and-set, then emits its warehouse rows to the replay topic while a heartbeat renews the lease,
 * saves progress and watches for a cancel. Republish jobs resume from their partition checkpoints; a
 * rebuild that is interrupted restarts into a fresh generation when it is claimed again (DESIGN.md "Rebuilds").
 */
export async function startReplay(context: RoleContext, options: ReplayOptions = {}): Promise<Role> {
  const log = context.logger.child({ component: 'replay' });
  const { names } = context.engines;
  const topics = options.topics ?? { events: names.topics.events, replay: names.topics.replay };
  const keyspace = options.keyspace ?? context.engines.cassandra.keyspace;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const leaseMs = options.leaseMs ?? 10_000;
  const workerId = options.workerId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const jobs = createCassandraReplayJobStore(context.cassandra, { keyspace });
  const warehouse = createCassandraEventStore(context.cassandra, { keyspace });
  const shards = await warehouse.fixShards(options.shards ?? 64);
  // Kafka refuses a partition's batch over message.max.bytes (1 MiB by default), and a send merges
  // appends; the log counts only keys and values, so headers and framing get the rest of the margin.
  // Optionally on a worker thread, where kafkajs's encoding runs beside the scans instead of between them;
  // on 2 cores shared with the engines that measured no faster (bench/README.md), so it is off by default.
  const eventLogOptions = { maxSendBytes: 640 * 1024 };
  let eventLog: EventLog;
  if (options.kafkaThread ?? false) {
    const threaded = createThreadedKafkaEventLog(
      {
        brokers: context.engines.kafkaBrokers,
        clientId: 'tidemark-replay',
        log: (level, message, fields) => log.child({ component: 'kafkajs' })[level](fields, message),
      },
      eventLogOptions,
    );
    await threaded.ready(); // so that a job's first appends don't wait for the thread to load
    eventLog = threaded;
  } else {
    eventLog = createKafkaEventLog(context.kafka, eventLogOptions);
  }
  const admin = context.kafka.admin();
  let adminConnected: Promise<void> | undefined;
  const opensearch = createOpenSearchClient(context.engines.opensearch);
  const rebuildViews = createRebuildViews({
    views: createCassandraViewStore(context.cassandra, { keyspace }),
    series: createOpenSearchSeriesStore(opensearch, {
      prefix: options.viewIndexPrefix ?? context.engines.opensearch.viewPrefix,
    }),
    admin,
    liveTopic: topics.events,
    replayTopic: topics.replay,
    projectorGroup: options.projectorGroup ?? names.groups.projector,
    pollIntervalMs,
    retiredGraceMs: options.retiredGraceMs ?? 5 * 60_000,
    logger: log,
  });
  const metrics = createReplayMetrics(context);
  const emitterDeps = {
    warehouse,
    eventLog,
    topic: topics.replay,
    failpoints: context.failpoints,
    logger: log,
    pageSize: options.pageSize ?? 5000,
    appendSize: 1000,
    partitionsInParallel: options.partitionsInParallel ?? 4,
    backoff: options.backoff ?? { initialMs: 200, maxMs: 5000 },
  };
  const stopping = new AbortController();
  let running: Promise<void> | undefined;

  /** The oldest claimable job, now held by this worker; a restarted rebuild comes back with its new generation. */
  async function claimNext(): Promise<ReplayJob | undefined> {
    const now = Date.now();
    const candidates = (await jobs.list()).filter((job) => isClaimable(job, now)).reverse();
    for (const seen of candidates) {
      // A rebuild that had started may have emitted part of its rows into its generation: start afresh.
      const generation =
        seen.status === 'running' && seen.scope.mode === 'rebuild' ? seen.scope.generation + 1 : undefined;
      const claim = {
        owner: workerId,
        leaseUntil: now + leaseMs,
        now,
        ...(generation ? { generation } : {}),
      };
      if (!(await jobs.claim(seen, claim))) continue;
      if (generation)
        log.warn({ jobId: seen.id, generation }, 'an interrupted rebuild restarts into a fresh generation');
      return jobs.get(seen.id);
    }
    return undefined;
  }

  /** Emits the job's rows; true once every partition is done, false when stopped before. */
  async function execute(job: ReplayJob, signal: AbortSignal, counters: RunCounters): Promise<boolean> {
    const headers = replayRecordHeaders(job);
    const recordOf = (row: WarehouseRow) => ({ key: row.id, value: row.payload, headers });
    const { scope } = job;
    let emission: Emission;
    if (scope.mode === 'republish') {
      const partitions = warehousePartitionsOf(job.tenant, republishDays(scope, options.dayMarginMs), shards);
      const finished = await jobs.finishedPartitions(job.id);
      counters.partitions = partitions.length;
      counters.finishedPartitions = finished.size;
      counters.emittedFromFinished = [...finished.values()].reduce((sum, n) => sum + n, 0);
      emission = {
        partitions,
        finished: new Set(finished.keys()),
        accepts: (row) => republishes(scope, row),
        recordOf,
        retryAppends: true,
        checkpoint: (key, emitted) => jobs.finishPartition(job.id, key, emitted, Date.now()),
        signal,
        ...(job.rateLimit ? { rateLimit: job.rateLimit } : {}),
      };
    } else {
      adminConnected ??= admin.connect();
      await adminConnected;
      const rebuild = { ...job, scope };
      await rebuildViews.begin(rebuild);
      const cut = await awaitRebuildCut(
        {
          jobs,
          admin,
          liveTopic: topics.events,
          warehouseGroup: options.warehouseGroup ?? names.groups.warehouse,
          pollIntervalMs,
          logger: log.child({ jobId: job.id }),
        },
        { tenant: job.tenant, view: scope.view, generation: scope.generation },
        signal,
      );
      if (!cut) return false;
      // Every row below the cut was received by now, so its id time is at most ingest's max-future later.
      const until = Date.now() + defaultIngestLimits.maxFutureMs;
      const partitions = warehousePartitionsOf(job.tenant, rebuildDays(scope, until), shards);
      counters.partitions = partitions.length;
      emission = {
        partitions,
        finished: new Set<string>(),
        accepts: (row) => isBelowCut(cut, row.source),
        recordOf,
        retryAppends: false,
        signal,
        ...(job.rateLimit ? { rateLimit: job.rateLimit } : {}),
      };
    }
    if (scope.mode === 'republish') return emitPartitions(emitterDeps, emission, counters);
    const rebuild = { ...job, scope };
    try {
      const emitted = await emitPartitions(emitterDeps, emission, counters);
      if (emitted) return await rebuildViews.finish(rebuild, signal);
      if (signal.reason === 'cancelled') await rebuildViews.abandon(rebuild);
      return false;
    } catch (error) {
      if (!(error instanceof InfraError && error.retriable))
        await rebuildViews.abandon(rebuild).catch(() => {});
      throw error;
    }
  }

  const runDeps: JobRunDeps = {
    jobs,
    workerId,
    leaseMs,
    pollIntervalMs,
    logger: log,
    execute,
    onEmitted: (count) => metrics.emitted.inc(count),
  };
  let retiredCheckedAt = 0;
  const polling = (async () => {
    while (!stopping.signal.aborted) {
      if (Date.now() - retiredCheckedAt > 30_000) {
        retiredCheckedAt = Date.now();
        await rebuildViews
          .dropRetired(retiredCheckedAt)
          .catch((error: unknown) => log.warn({ err: error }, 'deleting retired view generations failed'));
      }
      if (!running) {
        const job = await claimNext().catch((error: unknown) => {
          log.warn({ err: error }, 'looking for replay jobs failed');
          return undefined;
        });
        if (job) {
          metrics.running.set(1);
          // Claimed during a shutdown, the run gives the job straight back.
          running = runReplayJob(runDeps, job, stopping.signal).finally(() => {
            metrics.running.set(0);
            running = undefined;
          });
        }
      }
      await pause(pollIntervalMs, stopping.signal);
    }
  })();
  log.info({ workerId, shards, topic: topics.replay, pollIntervalMs }, 'replay worker polling for jobs');

  return {
    checks: [],
    async stop() {
      stopping.abort();
      await polling;
      await running;
      await eventLog.close();
      if (adminConnected) await admin.disconnect();
      await opensearch.close();
    },
  };
}

function createReplayMetrics(context: RoleContext) {
  const registers = [context.registry];
  return {
    emitted: new Counter({
      name: 'tidemark_replay_events_emitted_total',
      help: 'Replay records acknowledged by Kafka',
      registers,
    }),
    running: new Gauge({
      name: 'tidemark_replay_jobs_running',
      help: 'Replay jobs this worker runs (0 or 1)',
      registers,
    }),
  };
}
