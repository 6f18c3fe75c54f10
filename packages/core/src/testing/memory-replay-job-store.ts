import { isFinished, type ReplayJob } from '../domain/replay-job.ts';
import { partitionName } from '../domain/replay-plan.ts';
import type { ReplayJobStore } from '../ports/replay-job-store.ts';

/** In-memory ReplayJobStore for unit tests: the Cassandra one's compare-and-set rules on a Map. */
export function createMemoryReplayJobStore(): ReplayJobStore & { jobs: Map<string, ReplayJob> } {
  const jobs = new Map<string, ReplayJob>();
  const checkpoints = new Map<string, Map<string, number>>();
  const cuts = new Map<string, Map<number, bigint>>();
  const change = (id: string, patch: Partial<ReplayJob>) => {
    const job = jobs.get(id);
    if (job) jobs.set(id, { ...job, ...patch });
  };
  const withoutLease = ({ owner: _owner, leaseUntil: _lease, ...job }: ReplayJob): ReplayJob => job;
  return {
    jobs,
    async create(job) {
      if (jobs.has(job.id)) return false;
      jobs.set(job.id, job);
      return true;
    },
    async get(id) {
      return jobs.get(id);
    },
    async list(tenant) {
      return [...jobs.values()]
        .filter((job) => tenant === undefined || job.tenant === tenant)
        .sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    },
    async cancel(id, now) {
      const job = jobs.get(id);
      if (!job || isFinished(job.status)) return job;
      change(id, {
        status: 'cancelled',
        updatedAt: now,
        ...(job.status === 'pending' ? { finishedAt: now } : {}),
      });
      return jobs.get(id);
    },
    async claim(seen, claim) {
      const job = jobs.get(seen.id);
      if (
        !job ||
        job.status !== seen.status ||
        job.owner !== seen.owner ||
        job.leaseUntil !== seen.leaseUntil
      )
        return false;
      if (job.status !== 'pending' && job.status !== 'running') return false;
      change(seen.id, {
        status: 'running',
        owner: claim.owner,
        leaseUntil: claim.leaseUntil,
        updatedAt: claim.now,
        ...(job.status === 'pending' ? { startedAt: claim.now } : {}),
        ...(claim.generation !== undefined && job.scope.mode === 'rebuild'
          ? {
              scope: { ...job.scope, generation: claim.generation },
              progress: { emitted: 0, ratePerSecond: 0 },
            }
          : {}),
      });
      return true;
    },
    async renew(id, owner, progress, leaseUntil, now) {
      const job = jobs.get(id);
      if (job?.owner !== owner) return 'lost';
      if (job.status === 'cancelled') return 'cancelled';
      if (job.status !== 'running') return 'lost';
      change(id, { progress, leaseUntil, updatedAt: now });
      return 'held';
    },
    async finish(id, owner, end) {
      const job = jobs.get(id);
      const expected = end.status === 'cancelled' ? 'cancelled' : 'running';
      if (job?.owner !== owner || job.status !== expected) return false;
      jobs.set(id, {
        ...withoutLease(job),
        status: end.status,
        progress: end.progress,
        ...(end.error ? { error: end.error } : {}),
        finishedAt: end.now,
        updatedAt: end.now,
      });
      return true;
    },
    async release(id, owner, progress, now) {
      const job = jobs.get(id);
      if (job?.owner !== owner || job.status !== 'running') return false;
      jobs.set(id, { ...withoutLease(job), progress: { ...progress, ratePerSecond: 0 }, updatedAt: now });
      return true;
    },
    async finishedPartitions(id) {
      return new Map(checkpoints.get(id) ?? []);
    },
    async finishPartition(id, key, emitted) {
      const finished = checkpoints.get(id) ?? new Map<string, number>();
      finished.set(partitionName(key), emitted);
      checkpoints.set(id, finished);
    },
    async rebuildCut(tenant, view, generation) {
      return new Map(cuts.get(`${tenant}/${view}/${generation}`) ?? []);
    },
    async recordRebuildCut(tenant, view, generation, partition, offset) {
      const cut = cuts.get(`${tenant}/${view}/${generation}`) ?? new Map<number, bigint>();
      cuts.set(`${tenant}/${view}/${generation}`, cut);
      const held = cut.get(partition);
      if (held !== undefined) return held;
      cut.set(partition, offset);
      return offset;
    },
  };
}
