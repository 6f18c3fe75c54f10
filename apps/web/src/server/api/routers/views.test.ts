import { defaultView } from '@tidemark/core';
import { describe, expect, test } from 'vitest';
import { signIn } from '../../auth/sign-in.ts';
import { consolePerTest, errorOf } from '../console-deps.fixture.ts';

const setup = consolePerTest();

const signups = {
  id: 'signups',
  title: 'Signups by plan',
  filter: { names: ['signup'], properties: { beta: true } },
  groupBy: ['plan'],
  metrics: ['count', 'uniques'],
  groupCap: 50,
};

describe('views router', () => {
  test('anyone signed in lists and reads the views of their tenant, the default one included', async () => {
    const app = await setup();
    const admin = await app.callerWithToken((await app.mint('acme', 'admin')).token);
    const viewer = await app.callerWithToken((await app.mint('acme', 'query')).token);
    expect(await viewer.views.list({})).toEqual([
      {
        id: 'events-by-name',
        title: 'Events by name',
        filter: { names: [], properties: {} },
        groupBy: ['$name'],
        metrics: ['count'],
        groupCap: 1000,
        generation: 1,
        updatedAt: 0,
        updatedBy: 'tidemark',
      },
    ]);
    await admin.views.save({ create: true, definition: signups });
    expect((await viewer.views.list({})).map((view) => view.id)).toEqual(['events-by-name', 'signups']);
    expect(await viewer.views.get({ id: 'signups' })).toEqual({
      ...signups,
      generation: 1,
      updatedAt: app.now(),
      updatedBy: expect.stringMatching(/^admin token /),
    });
    expect(await errorOf(viewer.views.get({ id: 'nope' }))).toEqual({
      code: 'NOT_FOUND',
      message: 'tenant acme has no view "nope"',
    });
  });

  test('tenants are isolated: another tenant neither sees nor reaches the views', async () => {
    const app = await setup();
    const acme = await app.callerWithToken((await app.mint('acme', 'admin')).token);
    const globex = await app.callerWithToken((await app.mint('globex', 'admin')).token);
    await acme.views.save({ create: true, definition: signups });
    expect((await globex.views.list({})).map((view) => view.id)).toEqual(['events-by-name']);
    expect((await errorOf(globex.views.get({ id: 'signups' }))).code).toBe('NOT_FOUND');
    expect(await errorOf(globex.views.list({ tenant: 'acme' }))).toEqual({
      code: 'FORBIDDEN',
      message: 'this token is for tenant globex, not acme',
    });
    expect(
      (await errorOf(globex.views.save({ tenant: 'acme', create: false, definition: signups }))).code,
    ).toBe('FORBIDDEN');
    // An operator names the tenant it acts on.
    const operator = await app.callerWithToken((await app.mint('*', 'admin')).token);
    expect((await errorOf(operator.views.list({}))).code).toBe('BAD_REQUEST');
    expect((await operator.views.list({ tenant: 'acme' })).map((view) => view.id)).toEqual([
      'events-by-name',
      'signups',
    ]);
  });

  test('only admins change views, and a session only from the console itself', async () => {
    const app = await setup();
    const viewer = await app.callerWithToken((await app.mint('acme', 'query')).token);
    expect(await errorOf(viewer.views.save({ create: true, definition: signups }))).toEqual({
      code: 'FORBIDDEN',
      message: 'this needs an admin token (tidemark:admin)',
    });
    const admin = await app.mint('acme', 'admin');
    const signedIn = await signIn(app.deps, app.browserHeaders(), admin.token);
    if (!signedIn.ok) throw new Error(signedIn.message);
    const cookie = `${signedIn.cookie.name}=${signedIn.cookie.value}`;
    const crossSite = await app.callerWithHeaders(
      new Headers({ cookie, host: 'console.test', origin: 'http://evil.test' }),
    );
    expect(await errorOf(crossSite.views.save({ create: true, definition: signups }))).toEqual({
      code: 'FORBIDDEN',
      message: 'cross-site request refused: send it from the console itself',
    });
    expect(await app.deps.views.get('acme', 'signups')).toBeUndefined();
    const console = await app.callerWithHeaders(app.browserHeaders({ cookie }));
    expect((await console.views.save({ create: true, definition: signups })).created).toBe(true);
  });

  test.each([
    [{ id: 'Bad Id' }, "invalid view id \"Bad Id\": use 1-63 of a-z, 0-9, '_' and '-'"],
    [{ title: '  ' }, 'a view needs a title of 1-200 characters'],
    [{ groupBy: ['a', 'b', 'c'] }, 'group by at most 2 keys, got 3'],
    [{ groupBy: ['plan', 'plan'] }, 'group-by keys must differ'],
    [{ groupBy: ['a b'] }, 'invalid group-by key "a b"'],
    [{ metrics: [] }, 'pick at least one metric'],
    [
      { metrics: ['count', 'median'] },
      'unknown metric "median"; use count, sum, min, max, avg, uniques, p50, p90, p99',
    ],
    [{ metrics: ['sum', 'p90'] }, 'sum, p90 need a numeric property: set value'],
    [{ metrics: ['sum'], value: 'price usd' }, 'invalid value property "price usd"'],
    [{ filter: { names: ['signup', ' '], properties: {} } }, 'filter names must not be empty'],
    [{ filter: { names: [], properties: { '': 'x' } } }, 'filter properties need a name'],
    [{ groupCap: 0 }, 'the group cap must be a whole number from 1 to 100000, got 0'],
    [{ groupCap: 2.5 }, 'the group cap must be a whole number from 1 to 100000, got 2.5'],
  ])('refuses %j with a clear reason', async (change, message) => {
    const app = await setup();
    const admin = await app.callerWithToken((await app.mint('acme', 'admin')).token);
    expect(await errorOf(admin.views.save({ create: true, definition: { ...signups, ...change } }))).toEqual({
      code: 'BAD_REQUEST',
      message,
    });
    expect(await app.deps.views.list('acme')).toEqual([defaultView('acme')]);
  });

  test('create refuses a taken id, update an unknown one; an update says whether the definition changed', async () => {
    const app = await setup();
    const admin = await app.callerWithToken((await app.mint('acme', 'admin')).token);
    expect(await admin.views.save({ create: true, definition: signups })).toMatchObject({
      created: true,
      changed: true,
      view: { id: 'signups', generation: 1 },
    });
    expect(await errorOf(admin.views.save({ create: true, definition: signups }))).toEqual({
      code: 'CONFLICT',
      message: 'view signups exists already: choose another id, or edit that view',
    });
    expect(
      (await errorOf(admin.views.save({ create: true, definition: { ...signups, id: 'events-by-name' } })))
        .code,
    ).toBe('CONFLICT');
    expect(
      await errorOf(admin.views.save({ create: false, definition: { ...signups, id: 'other' } })),
    ).toEqual({
      code: 'NOT_FOUND',
      message: 'tenant acme has no view "other" to change',
    });

    app.advance(1000);
    const reordered = {
      ...signups,
      filter: { names: ['signup'], properties: { beta: true } },
      metrics: ['uniques', 'count'],
    };
    expect(await admin.views.save({ create: false, definition: reordered })).toMatchObject({
      created: false,
      changed: false,
      view: { updatedAt: app.now() - 1000 },
    });
    const changed = await admin.views.save({
      create: false,
      definition: { ...signups, groupBy: ['plan', '$name'], metrics: ['count', 'sum'], value: 'seats' },
    });
    expect(changed).toMatchObject({
      created: false,
      changed: true,
      view: { groupBy: ['plan', '$name'], metrics: ['count', 'sum'], value: 'seats', updatedAt: app.now() },
    });
    // The implicit default view can be edited like any other.
    expect(
      await admin.views.save({
        create: false,
        definition: {
          id: 'events-by-name',
          title: 'All events',
          groupBy: ['$name'],
          metrics: ['count'],
        },
      }),
    ).toMatchObject({ created: false, changed: true, view: { title: 'All events', generation: 1 } });
  });

  test('a backfill after saving rebuilds into a generation past the active one', async () => {
    const app = await setup();
    const admin = await app.callerWithToken((await app.mint('acme', 'admin')).token);
    await admin.views.save({ create: true, definition: signups });
    const job = await admin.replays.start({ mode: 'rebuild', view: 'signups' });
    expect(job.scope).toMatchObject({ mode: 'rebuild', view: 'signups', generation: 2 });
    await app.deps.views.beginRebuild('acme', 'signups', 2, job.id, app.now());
    await app.deps.views.flip('acme', 'signups', 2, app.now());
    const jobs = app.deps.replayJobs;
    await jobs.claim(job, { owner: 'worker-1', leaseUntil: app.now() + 10_000, now: app.now() });
    await jobs.finish(job.id, 'worker-1', { status: 'done', progress: job.progress, now: app.now() });
    const again = await admin.replays.start({ mode: 'rebuild', view: 'signups' });
    expect(again.scope).toMatchObject({ generation: 3 });
    expect(await admin.views.get({ id: 'signups' })).toMatchObject({ generation: 2 });
  });
});
