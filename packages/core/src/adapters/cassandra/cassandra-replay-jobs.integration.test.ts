import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newReplayJob, type ReplayJob, type ReplayRequest } from '../../domain/replay-job.ts';
import { newUuidV7 } from '../../domain/uuidv7.ts';
import { migrateTestKeyspace } from '../../testing/cassandra-keyspace.ts';
import { testEngineConfig, uniqueName } from '../../testing/engines.ts';
import { createCassandraClient } from './cassandra-client.ts';
import { createCassandraReplayJobStore } from './cassandra-replay-jobs.ts';

const config = testEngineConfig();
const client = createCassandraClient({ ...config.cassandra, keyspace: undefined });
const keyspace = uniqueName('test');
const store = createCassandraReplayJobStore(client, { keyspace });
const t0 = Date.parse('2026-03-01T12:00:00Z');

const republish = (tenant = 'acme', at = t0): ReplayJob =>
  newReplayJob(
    {
      tenant,
      mode: 'republish',
      from: t0 - 3_600_000,
      to: t0,
      names: ['signup', 'page_view'],
      rateLimit: 500,
      startedBy: 'test',
    },
    newUuidV7(at),
    at,
  );
const rebuildRequest: ReplayRequest = {
  tenant: 'acme',
  mode: 'rebuild',
  view: 'signups',
  generation: 2,
  since: t0 - 86_400_000,
  startedBy: 'test',
};
const progress = (emitted: number) => ({ emitted, estimatedTotal: emitted * 2, ratePerSecond: 12.5 });

beforeAll(async () => {
  await migrateTestKeyspace(client, keyspace);
});
afterAll(async () => {
  await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`).catch(() => {});
  await client.shutdown();
});

describe('Cassandra replay job store', () => {
  test('a created job reads back whole; an id is created once; lists are newest first and by tenant', async () => {
    const older = republish('acme', t0 - 1000);
    const newer = republish('acme', t0);
    const other = republish('globex', t0 + 1000);
    const rebuild = newReplayJob(rebuildRequest, newUuidV7(t0 + 2000), t0 + 2000);
    for (const job of [older, newer, other, rebuild]) expect(await store.create(job)).toBe(true);
    expect(await store.create(newer)).toBe(false);

    expect(await store.get(newer.id)).toEqual(newer);
    expect(await store.get(rebuild.id)).toEqual(rebuild);
    expect(await store.get(newUuidV7(t0))).toBeUndefined();
    expect((await store.list('acme')).map((job) => job.id)).toEqual([rebuild.id, newer.id, older.id]);
    expect((await store.list()).map((job) => job.id)).toEqual([rebuild.id, other.id, newer.id, older.id]);
  });

  test('one of two racing workers claims a pending job; renewals save progress and keep it', async () => {
    const job = republish();
    await store.create(job);
    const claims = await Promise.all(
      ['worker-a', 'worker-b'].map((owner) => store.claim(job, { owner, leaseUntil: t0 + 10_000, now: t0 })),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    const owner = claims[0] ? 'worker-a' : 'worker-b';
    const loser = claims[0] ? 'worker-b' : 'worker-a';

    expect(await store.renew(job.id, owner, progress(40), t0 + 11_000, t0 + 1000)).toBe('held');
    expect(await store.renew(job.id, loser, progress(1), t0 + 11_000, t0 + 1000)).toBe('lost');
    expect(await store.get(job.id)).toMatchObject({
      status: 'running',
      owner,
      leaseUntil: t0 + 11_000,
      startedAt: t0,
      updatedAt: t0 + 1000,
      progress: progress(40),
    });
  });

  test('a running job changes hands only once its lease is seen to run out, or after a release', async () => {
    const job = republish();
    await store.create(job);
    await store.claim(job, { owner: 'crashed', leaseUntil: t0 + 5000, now: t0 });
    const running = (await store.get(job.id)) as ReplayJob;
    expect(await store.claim(running, { owner: 'next', leaseUntil: t0 + 15_000, now: t0 + 6000 })).toBe(true);
    // A claim on the stale view of the job fails: someone else took it meanwhile.
    expect(await store.claim(running, { owner: 'third', leaseUntil: t0 + 15_000, now: t0 + 6000 })).toBe(
      false,
    );
    expect(await store.renew(job.id, 'crashed', progress(1), t0 + 20_000, t0 + 6000)).toBe('lost');

    expect(await store.release(job.id, 'next', progress(7), t0 + 7000)).toBe(true);
    const released = (await store.get(job.id)) as ReplayJob;
    expect(released).toMatchObject({ status: 'running', progress: { emitted: 7, ratePerSecond: 0 } });
    expect(released.owner).toBeUndefined();
    expect(released.leaseUntil).toBeUndefined();
    expect(await store.claim(released, { owner: 'third', leaseUntil: t0 + 20_000, now: t0 + 8000 })).toBe(
      true,
    );
  });

  test('a rebuild taken over restarts into the given generation with its progress reset', async () => {
    const job = newReplayJob(rebuildRequest, newUuidV7(t0), t0);
    await store.create(job);
    await store.claim(job, { owner: 'crashed', leaseUntil: t0 + 5000, now: t0 });
    await store.renew(job.id, 'crashed', progress(99), t0 + 5000, t0 + 1000);
    const seen = (await store.get(job.id)) as ReplayJob;
    expect(
      await store.claim(seen, { owner: 'next', leaseUntil: t0 + 20_000, now: t0 + 9000, generation: 3 }),
    ).toBe(true);
    expect(await store.get(job.id)).toMatchObject({
      scope: { mode: 'rebuild', view: 'signups', generation: 3 },
      owner: 'next',
      progress: { emitted: 0, ratePerSecond: 0 },
    });
    expect((await store.get(job.id))?.progress.estimatedTotal).toBeUndefined();
  });

  test('cancel ends a pending job at once, and a running one once its worker acknowledges', async () => {
    const pending = republish();
    await store.create(pending);
    expect(await store.cancel(pending.id, t0 + 1)).toMatchObject({ status: 'cancelled', finishedAt: t0 + 1 });
    expect(await store.claim(pending, { owner: 'w', leaseUntil: t0 + 9000, now: t0 + 2 })).toBe(false);

    const running = republish();
    await store.create(running);
    await store.claim(running, { owner: 'w', leaseUntil: t0 + 9000, now: t0 });
    const cancelled = await store.cancel(running.id, t0 + 500);
    expect(cancelled).toMatchObject({ status: 'cancelled', owner: 'w' });
    expect(cancelled?.finishedAt).toBeUndefined();
    expect(await store.renew(running.id, 'w', progress(3), t0 + 9000, t0 + 900)).toBe('cancelled');
    expect(
      await store.finish(running.id, 'w', { status: 'done', progress: progress(3), now: t0 + 950 }),
    ).toBe(false);
    expect(
      await store.finish(running.id, 'w', { status: 'cancelled', progress: progress(3), now: t0 + 1000 }),
    ).toBe(true);
    const ended = await store.get(running.id);
    expect(ended).toMatchObject({ status: 'cancelled', finishedAt: t0 + 1000, progress: progress(3) });
    expect(ended?.owner).toBeUndefined();
    expect(await store.cancel(newUuidV7(t0), t0)).toBeUndefined();
  });

  test('finish records done or failed with the final progress and the error', async () => {
    const job = republish();
    await store.create(job);
    await store.claim(job, { owner: 'w', leaseUntil: t0 + 9000, now: t0 });
    expect(
      await store.finish(job.id, 'other', { status: 'done', progress: progress(5), now: t0 + 100 }),
    ).toBe(false);
    expect(
      await store.finish(job.id, 'w', {
        status: 'failed',
        progress: progress(5),
        error: 'boom',
        now: t0 + 100,
      }),
    ).toBe(true);
    expect(await store.get(job.id)).toMatchObject({ status: 'failed', error: 'boom', finishedAt: t0 + 100 });
  });

  test('checkpoints list the finished partitions with their emitted counts', async () => {
    const job = republish();
    await store.finishPartition(job.id, { tenant: 'acme', day: '2026-03-01', shard: 3 }, 120, t0);
    await store.finishPartition(job.id, { tenant: 'acme', day: '2026-02-28', shard: 0 }, 0, t0);
    expect(await store.finishedPartitions(job.id)).toEqual(
      new Map([
        ['2026-02-28/0', 0],
        ['2026-03-01/3', 120],
      ]),
    );
    expect(await store.finishedPartitions(republish().id)).toEqual(new Map());
  });

  test('the first cut recorded for a partition holds', async () => {
    expect(await store.rebuildCut('acme', 'signups', 4)).toEqual(new Map());
    expect(await store.recordRebuildCut('acme', 'signups', 4, 0, 1500n, t0)).toBe(1500n);
    expect(await store.recordRebuildCut('acme', 'signups', 4, 0, 1700n, t0)).toBe(1500n);
    expect(await store.recordRebuildCut('acme', 'signups', 4, 1, 9_007_199_254_740_993n, t0)).toBe(
      9_007_199_254_740_993n,
    );
    expect(await store.rebuildCut('acme', 'signups', 4)).toEqual(
      new Map([
        [0, 1500n],
        [1, 9_007_199_254_740_993n],
      ]),
    );
    expect(await store.rebuildCut('acme', 'signups', 5)).toEqual(new Map());
  });
});
