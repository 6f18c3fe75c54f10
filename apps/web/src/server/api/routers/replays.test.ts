import { describe, expect, test } from 'vitest';
import { codeOf, consolePerTest } from '../console-deps.fixture.ts';

const setup = consolePerTest();

const hour = 3_600_000;

describe('replays router', () => {
  test('starts a republish and rebuilds with the next generation, one rebuild of a view at a time; lists them newest first', async () => {
    const app = await setup();
    const admin = await app.callerWithToken((await app.mint('acme', 'admin')).token);
    const republish = await admin.replays.start({
      mode: 'republish',
      from: app.now() - 2 * hour,
      to: app.now(),
      names: ['signup', 'signup', 'login'],
      rateLimit: 500,
    });
    expect(republish).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      tenant: 'acme',
      scope: { mode: 'republish', from: app.now() - 2 * hour, to: app.now(), names: ['login', 'signup'] },
      rateLimit: 500,
      status: 'pending',
      progress: { emitted: 0, ratePerSecond: 0 },
      startedBy: expect.stringMatching(/^admin token /),
      createdAt: app.now(),
      updatedAt: app.now(),
    });
    app.advance(10);
    const first = await admin.replays.start({ mode: 'rebuild', view: 'signups' });
    app.advance(10);
    // A second rebuild would take the first one's generation over and make it fail at its flip.
    expect(await codeOf(admin.replays.start({ mode: 'rebuild', view: 'signups' }))).toBe('CONFLICT');
    await admin.replays.cancel({ id: first.id });
    const second = await admin.replays.start({ mode: 'rebuild', view: 'signups' });
    expect([first.scope, second.scope]).toMatchObject([
      { mode: 'rebuild', view: 'signups', generation: 1 },
      { mode: 'rebuild', view: 'signups', generation: 2 },
    ]);
    expect((await admin.replays.list({})).map((job) => job.id)).toEqual([second.id, first.id, republish.id]);
  });

  test('progress becomes a percentage and an ETA; cancel ends a job; finished jobs are the history', async () => {
    const app = await setup();
    const admin = await app.callerWithToken((await app.mint('acme', 'admin')).token);
    const job = await admin.replays.start({ mode: 'rebuild', view: 'pageviews' });
    const jobs = app.deps.replayJobs;
    expect(await jobs.claim(job, { owner: 'worker-1', leaseUntil: app.now() + 10_000, now: app.now() })).toBe(
      true,
    );
    await jobs.renew(
      job.id,
      'worker-1',
      { emitted: 250, estimatedTotal: 1000, ratePerSecond: 50 },
      app.now() + 10_000,
      app.now(),
    );
    expect(await admin.replays.get({ id: job.id })).toMatchObject({
      status: 'running',
      percent: 25,
      etaSeconds: 15,
    });
    expect(await admin.replays.list({ status: 'active' })).toHaveLength(1);

    expect(await admin.replays.cancel({ id: job.id })).toMatchObject({ id: job.id, status: 'cancelled' });
    expect(await codeOf(admin.replays.cancel({ id: job.id }))).toBe('PRECONDITION_FAILED');
    expect(await admin.replays.list({ status: 'active' })).toEqual([]);
    expect(await admin.replays.list({ status: 'finished' })).toMatchObject([
      { id: job.id, status: 'cancelled' },
    ]);
  });

  test('refuses bad requests, viewers and other tenants', async () => {
    const app = await setup();
    const admin = await app.callerWithToken((await app.mint('acme', 'admin')).token);
    const other = await app.callerWithToken((await app.mint('globex', 'admin')).token);
    const viewer = await app.callerWithToken((await app.mint('acme', 'query')).token);
    const operator = await app.callerWithToken((await app.mint('*', 'admin')).token);
    expect(await codeOf(admin.replays.start({ mode: 'republish', from: app.now(), to: app.now() - 1 }))).toBe(
      'BAD_REQUEST',
    );
    expect(await codeOf(admin.replays.start({ mode: 'rebuild', view: 'Bad View' }))).toBe('BAD_REQUEST');
    expect(await codeOf(admin.replays.start({ mode: 'rebuild', view: 'v', rateLimit: 0 }))).toBe(
      'BAD_REQUEST',
    );
    expect(await codeOf(viewer.replays.list({}))).toBe('FORBIDDEN');
    expect(await codeOf(viewer.replays.start({ mode: 'rebuild', view: 'v' }))).toBe('FORBIDDEN');

    const job = await admin.replays.start({ mode: 'rebuild', view: 'v' });
    expect(await other.replays.list({})).toEqual([]);
    expect(await codeOf(other.replays.get({ id: job.id }))).toBe('NOT_FOUND');
    expect(await codeOf(other.replays.cancel({ id: job.id }))).toBe('NOT_FOUND');
    expect((await app.deps.replayJobs.get(job.id))?.status).toBe('pending');
    expect(await codeOf(operator.replays.list({}))).toBe('BAD_REQUEST');
    expect(await operator.replays.list({ tenant: 'acme' })).toMatchObject([{ id: job.id }]);
  });
});
