import { emptyDoc, type PartialKey } from '@tidemark/core';
import { describe, expect, test } from 'vitest';
import { parseSeriesParams } from '../../query/query-params.ts';
import { consolePerTest, errorOf, type TestConsole } from '../console-deps.fixture.ts';
import { seriesSearchParams } from './series.ts';

const setup = consolePerTest();

const minute = 60_000;

/** Stores `count` events of one name in one minute of one generation of a tenant's default view. */
async function store(
  app: TestConsole,
  cells: {
    tenant: string;
    generation?: number;
    minute: number;
    name: string;
    count: number;
    partition?: number;
  }[],
) {
  const docs = cells.map((cell) => {
    const key: PartialKey = {
      tenant: cell.tenant,
      view: 'events-by-name',
      generation: cell.generation ?? 1,
      bucket: cell.minute,
      group: JSON.stringify([cell.name]),
      topic: 'tidemark.events',
      partition: cell.partition ?? 0,
    };
    const doc = emptyDoc(key, {
      id: 'x',
      title: 'x',
      filter: { names: [], properties: {} },
      groupBy: [],
      metrics: ['count'],
      groupCap: 10,
    });
    doc.partial.count = cell.count;
    doc.version = 1n;
    return doc;
  });
  const outcome = await app.deps.series.write(docs);
  expect(outcome.written).toBe(docs.length);
}

describe('series router', () => {
  test('answers what GET /api/v1/series answers: dense points of the active generation, top-K and other', async () => {
    const app = await setup();
    const t0 = app.now() - 10 * minute;
    await store(app, [
      { tenant: 'acme', minute: t0, name: 'signup', count: 3 },
      { tenant: 'acme', minute: t0, name: 'signup', count: 2, partition: 1 },
      { tenant: 'acme', minute: t0 + minute, name: 'login', count: 4 },
      { tenant: 'acme', minute: t0 + 2 * minute, name: 'logout', count: 1 },
      { tenant: 'acme', generation: 2, minute: t0, name: 'signup', count: 100 },
      { tenant: 'globex', minute: t0, name: 'signup', count: 50 },
    ]);
    const viewer = await app.callerWithToken((await app.mint('acme', 'query')).token);
    const answer = await viewer.series.query({
      view: 'events-by-name',
      from: t0,
      to: new Date(t0 + 3 * minute).toISOString(),
      interval: '1m',
      topK: 2,
    });
    expect(answer.view).toMatchObject({ id: 'events-by-name', generation: 1 });
    expect(answer.series).toEqual({
      from: t0,
      to: t0 + 3 * minute,
      interval: '1m',
      groupBy: ['$name'],
      metrics: ['count'],
      truncated: false,
      times: [t0, t0 + minute, t0 + 2 * minute],
      lines: [
        { group: ['signup'], total: { count: 5 }, values: { count: [5, 0, 0] } },
        { group: ['login'], total: { count: 4 }, values: { count: [0, 4, 0] } },
        { group: null, total: { count: 1 }, values: { count: [0, 0, 1] } },
      ],
    });

    const total = await viewer.series.query({
      view: 'events-by-name',
      from: t0,
      to: t0 + 5 * minute,
      interval: '5m',
      groupBy: 'none',
    });
    expect(total.series.times).toEqual([t0 - (t0 % (5 * minute))]);
    expect(total.series.lines).toEqual([{ group: [], total: { count: 10 }, values: { count: [10] } }]);
    const filtered = await viewer.series.query({
      view: 'events-by-name',
      from: t0,
      to: t0 + 3 * minute,
      filter: ['$name:login'],
    });
    expect(filtered.series.lines.map((line) => [line.group, line.total])).toEqual([
      [['login'], { count: 4 }],
    ]);
  });

  test.each([
    [{ interval: '2m' }, 'interval must be one of 1m, 5m, 1h, 1d, got 2m'],
    [{ topK: 0 }, 'topK must be a whole number from 1 to 50, got 0'],
    [{ from: 'yesterday' }, 'from must be an ISO time or ms since the epoch, got yesterday'],
    [{ filter: ['plan'] }, 'filter must be key:value, got "plan"'],
    [{ groupBy: 'plan' }, undefined],
    [{ metrics: 'sum' }, undefined],
    [{ view: '' }, 'view is required (see GET /api/v1/views)'],
  ])('refuses %j as GET /api/v1/series does', async (change, message) => {
    const app = await setup();
    const viewer = await app.callerWithToken((await app.mint('acme', 'query')).token);
    const input = { view: 'events-by-name', ...change };
    const refused = await errorOf(viewer.series.query(input));
    expect(refused.code).toBe('BAD_REQUEST');
    if (message) {
      expect(refused.message).toBe(message);
      expect(() => parseSeriesParams(seriesSearchParams(input))).toThrow(message);
    } else expect(refused.message).toMatch(/plan|sum/);
  });

  test('an unknown view is NOT_FOUND; another tenant is FORBIDDEN; no credentials are UNAUTHORIZED', async () => {
    const app = await setup();
    const viewer = await app.callerWithToken((await app.mint('acme', 'query')).token);
    expect(await errorOf(viewer.series.query({ view: 'nope' }))).toEqual({
      code: 'NOT_FOUND',
      message: 'tenant acme has no view "nope"',
    });
    expect(await errorOf(viewer.series.query({ tenant: 'globex', view: 'events-by-name' }))).toEqual({
      code: 'FORBIDDEN',
      message: 'this token is for tenant acme, not globex',
    });
    const anonymous = await app.callerWithHeaders(new Headers());
    expect((await errorOf(anonymous.series.query({ view: 'events-by-name' }))).code).toBe('UNAUTHORIZED');
  });
});
