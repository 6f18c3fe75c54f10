import cassandra from 'cassandra-driver';
import {
  isFinished,
  type ReplayJob,
  type ReplayMode,
  type ReplayProgress,
  type ReplayScope,
  type ReplayStatus,
} from '../../domain/replay-job.ts';
import { partitionName } from '../../domain/replay-plan.ts';
import { InfraError } from '../../errors.ts';
import type { ReplayJobStore } from '../../ports/replay-job-store.ts';

const { LocalDate, Long, Uuid } = cassandra.types;
/** The one partition of replay_jobs (see cassandra-schema.ts). */
const scope = 'replay';
const cas = { prepare: true, serialConsistency: cassandra.types.consistencies.localSerial };

export interface CassandraReplayJobStoreOptions {
  readonly keyspace: string;
}

/** Replay jobs, checkpoints and rebuild cuts on the tables of migration 3 (cassandra-schema.ts). */
export function createCassandraReplayJobStore(
  client: cassandra.Client,
  options: CassandraReplayJobStoreOptions,
): ReplayJobStore {
  const { keyspace } = options;
  const jobs = `${keyspace}.replay_jobs`;

  /** Runs one statement; infrastructure failures become a retriable InfraError naming what failed. */
  async function run(
    what: string,
    cql: string,
    params: unknown[],
    queryOptions: cassandra.QueryOptions = {},
  ) {
    try {
      return await client.execute(cql, params, { prepare: true, ...queryOptions });
    } catch (error) {
      throw new InfraError('CASSANDRA_UNAVAILABLE', `${what} failed on ${keyspace}`, {
        retriable: true,
        cause: error,
      });
    }
  }

  /** A compare-and-set update of one job; true when it applied. */
  async function update(
    what: string,
    id: string,
    set: string,
    setParams: unknown[],
    condition: string,
    conditionParams: unknown[],
  ) {
    const result = await run(
      what,
      `UPDATE ${jobs} SET ${set} WHERE scope = ? AND id = ? IF ${condition}`,
      [...setParams, scope, Uuid.fromString(id), ...conditionParams],
      cas,
    );
    return { applied: result.first()?.get('[applied]') === true, row: result.first() };
  }

  const progressParams = (progress: ReplayProgress) => [
    Long.fromNumber(progress.emitted),
    progress.estimatedTotal === undefined ? null : Long.fromNumber(progress.estimatedTotal),
    progress.ratePerSecond,
  ];

  async function get(id: string) {
    const result = await run(`reading replay job ${id}`, `SELECT * FROM ${jobs} WHERE scope = ? AND id = ?`, [
      scope,
      Uuid.fromString(id),
    ]);
    const row = result.first();
    return row ? jobOf(row) : undefined;
  }

  return {
    async create(job) {
      const { scope: what } = job;
      const result = await run(
        `creating replay job ${job.id}`,
        `INSERT INTO ${jobs} (scope, id, tenant, mode, status, from_time, to_time, names, view_name, generation, since,
           rate_limit, started_by, created_at, updated_at, emitted, rate)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) IF NOT EXISTS`,
        [
          scope,
          Uuid.fromString(job.id),
          job.tenant,
          what.mode,
          job.status,
          what.mode === 'republish' ? new Date(what.from) : null,
          what.mode === 'republish' ? new Date(what.to) : null,
          what.mode === 'republish' && what.names ? [...what.names] : null,
          what.mode === 'rebuild' ? what.view : null,
          what.mode === 'rebuild' ? what.generation : null,
          what.mode === 'rebuild' ? new Date(what.since) : null,
          job.rateLimit ?? null,
          job.startedBy,
          new Date(job.createdAt),
          new Date(job.updatedAt),
          Long.fromNumber(job.progress.emitted),
          job.progress.ratePerSecond,
        ],
        cas,
      );
      return result.first()?.get('[applied]') === true;
    },

    get,

    async list(tenant) {
      const result = await run('listing replay jobs', `SELECT * FROM ${jobs} WHERE scope = ?`, [scope], {
        fetchSize: 10_000,
      });
      return result.rows
        .map(jobOf)
        .filter((job) => tenant === undefined || job.tenant === tenant)
        .sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    },

    async cancel(id, now) {
      // A pending job ends at once; a running one is asked to stop and its worker records when it did.
      for (let attempt = 0; attempt < 5; attempt++) {
        const job = await get(id);
        if (!job || isFinished(job.status)) return job;
        const { applied } =
          job.status === 'pending'
            ? await update(
                `cancelling ${id}`,
                id,
                'status = ?, finished_at = ?, updated_at = ?',
                ['cancelled', new Date(now), new Date(now)],
                'status = ?',
                ['pending'],
              )
            : await update(
                `cancelling ${id}`,
                id,
                'status = ?, updated_at = ?',
                ['cancelled', new Date(now)],
                'status = ?',
                ['running'],
              );
        if (applied) return get(id);
      }
      throw new InfraError('CASSANDRA_UNAVAILABLE', `replay job ${id} kept changing while being cancelled`, {
        retriable: true,
      });
    },

    async claim(seen, claim) {
      const lease = [claim.owner, new Date(claim.leaseUntil), new Date(claim.now)];
      if (seen.status === 'pending') {
        const { applied } = await update(
          `claiming ${seen.id}`,
          seen.id,
          'owner = ?, lease_until = ?, updated_at = ?, status = ?, started_at = ?',
          [...lease, 'running', new Date(claim.now)],
          'status = ? AND owner = ?',
          ['pending', null],
        );
        return applied;
      }
      const restart =
        claim.generation === undefined
          ? { set: '', params: [] }
          : {
              set: ', generation = ?, emitted = ?, estimated_total = ?, rate = ?',
              params: [claim.generation, Long.ZERO, null, 0],
            };
      const { applied } = await update(
        `taking over ${seen.id}`,
        seen.id,
        `owner = ?, lease_until = ?, updated_at = ?${restart.set}`,
        [...lease, ...restart.params],
        'status = ? AND owner = ? AND lease_until = ?',
        ['running', seen.owner ?? null, seen.leaseUntil === undefined ? null : new Date(seen.leaseUntil)],
      );
      return applied;
    },

    async renew(id, owner, progress, leaseUntil, now) {
      const { applied, row } = await update(
        `renewing ${id}`,
        id,
        'emitted = ?, estimated_total = ?, rate = ?, lease_until = ?, updated_at = ?',
        [...progressParams(progress), new Date(leaseUntil), new Date(now)],
        'owner = ? AND status = ?',
        [owner, 'running'],
      );
      if (applied) return 'held';
      return row?.get('owner') === owner && row?.get('status') === 'cancelled' ? 'cancelled' : 'lost';
    },

    async finish(id, owner, end) {
      const { applied } = await update(
        `finishing ${id}`,
        id,
        'emitted = ?, estimated_total = ?, rate = ?, status = ?, error = ?, finished_at = ?, updated_at = ?, owner = ?, lease_until = ?',
        [
          ...progressParams(end.progress),
          end.status,
          end.error ?? null,
          new Date(end.now),
          new Date(end.now),
          null,
          null,
        ],
        'owner = ? AND status = ?',
        [owner, end.status === 'cancelled' ? 'cancelled' : 'running'],
      );
      return applied;
    },

    async release(id, owner, progress, now) {
      const { applied } = await update(
        `releasing ${id}`,
        id,
        'emitted = ?, estimated_total = ?, rate = ?, updated_at = ?, owner = ?, lease_until = ?',
        [...progressParams({ ...progress, ratePerSecond: 0 }), new Date(now), null, null],
        'owner = ? AND status = ?',
        [owner, 'running'],
      );
      return applied;
    },

    async finishedPartitions(id) {
      const result = await run(
        `reading the checkpoints of ${id}`,
        `SELECT day, shard, emitted FROM ${keyspace}.replay_checkpoints WHERE job_id = ?`,
        [Uuid.fromString(id)],
        { fetchSize: 100_000 },
      );
      return new Map(
        result.rows.map((row) => [
          partitionName({ day: String(row.get('day')), shard: row.get('shard') as number }),
          Number(String(row.get('emitted'))),
        ]),
      );
    },

    async finishPartition(id, key, emitted, now) {
      await run(
        `checkpointing ${id} ${partitionName(key)}`,
        `INSERT INTO ${keyspace}.replay_checkpoints (job_id, day, shard, emitted, finished_at) VALUES (?, ?, ?, ?, ?)`,
        [
          Uuid.fromString(id),
          LocalDate.fromString(key.day),
          key.shard,
          Long.fromNumber(emitted),
          new Date(now),
        ],
      );
    },

    async rebuildCut(tenant, view, generation) {
      const result = await run(
        `reading the cut of ${tenant}/${view} generation ${generation}`,
        `SELECT partition, cut_offset FROM ${keyspace}.rebuild_cuts WHERE tenant = ? AND view_name = ? AND generation = ?`,
        [tenant, view, generation],
      );
      return new Map(
        result.rows.map((row) => [row.get('partition') as number, BigInt(String(row.get('cut_offset')))]),
      );
    },

    async recordRebuildCut(tenant, view, generation, partition, offset, now) {
      const result = await run(
        `recording the cut of ${tenant}/${view} generation ${generation} partition ${partition}`,
        `INSERT INTO ${keyspace}.rebuild_cuts (tenant, view_name, generation, partition, cut_offset, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?) IF NOT EXISTS`,
        [tenant, view, generation, partition, Long.fromString(offset.toString()), new Date(now)],
        cas,
      );
      const row = result.first();
      return row?.get('[applied]') === true ? offset : BigInt(String(row?.get('cut_offset')));
    },
  };
}

function jobOf(row: cassandra.types.Row): ReplayJob {
  const time = (column: string) => (row.get(column) as Date | null)?.getTime();
  const optional = <T>(name: string, value: T | null | undefined) =>
    value === null || value === undefined ? {} : { [name]: value };
  const mode = row.get('mode') as ReplayMode;
  const names = row.get('names') as string[] | null;
  const scopeOfJob: ReplayScope =
    mode === 'republish'
      ? {
          mode,
          from: time('from_time') ?? 0,
          to: time('to_time') ?? 0,
          ...(names?.length ? { names } : {}),
        }
      : {
          mode,
          view: row.get('view_name') as string,
          generation: row.get('generation') as number,
          since: time('since') ?? 0,
        };
  const estimated = row.get('estimated_total');
  return {
    id: String(row.get('id')),
    tenant: row.get('tenant') as string,
    scope: scopeOfJob,
    ...optional('rateLimit', row.get('rate_limit') as number | null),
    status: row.get('status') as ReplayStatus,
    progress: {
      emitted: Number(String(row.get('emitted') ?? 0)),
      ...(estimated === null ? {} : { estimatedTotal: Number(String(estimated)) }),
      ratePerSecond: (row.get('rate') as number | null) ?? 0,
    },
    startedBy: row.get('started_by') as string,
    createdAt: time('created_at') ?? 0,
    ...optional('startedAt', time('started_at')),
    ...optional('finishedAt', time('finished_at')),
    updatedAt: time('updated_at') ?? 0,
    ...optional('owner', row.get('owner') as string | null),
    ...optional('leaseUntil', time('lease_until')),
    ...optional('error', row.get('error') as string | null),
  };
}
