import { defaultViewDefinition, emptyDoc } from '@tidemark/core';
import { describe, expect, test } from 'vitest';
import { codeOf, consolePerTest } from '../console-deps.fixture.ts';
import type { InvalidEventView } from '../pipeline/pipeline-monitor.ts';

const setup = consolePerTest();

const invalid = (tenant: string, code: string, offset: number, reason = 'bad'): InvalidEventView => ({
  partition: 0,
  offset,
  tenant,
  code,
  reason,
  transport: 'http',
  receivedAt: 1000 + offset,
  size: 10,
  sha256: 'ab'.repeat(32),
  preview: '{"name":""}',
});

describe('pipeline router', () => {
  test('admins see health, topics and lag; viewers and strangers do not', async () => {
    const app = await setup();
    const admin = await app.callerWithToken((await app.mint('acme', 'admin')).token);
    const viewer = await app.callerWithToken((await app.mint('acme', 'query')).token);
    expect(await admin.pipeline.lag()).toMatchObject([{ group: 'tidemark-warehouse', lag: 4 }]);
    expect(await admin.pipeline.health()).toMatchObject([{ engine: 'kafka', ok: true }]);
    expect(await admin.pipeline.topics()).toMatchObject([{ topic: 'tidemark.events' }]);
    for (const call of [viewer.pipeline.lag(), viewer.pipeline.health(), viewer.pipeline.invalidEvents({})]) {
      expect(await codeOf(call)).toBe('FORBIDDEN');
    }
    expect(await codeOf((await app.callerWithHeaders(new Headers())).pipeline.topics())).toBe('UNAUTHORIZED');
  });

  test('throughput is the offset growth per second between samples', async () => {
    const app = await setup();
    const admin = await app.callerWithToken((await app.mint('acme', 'admin')).token);
    const totals = (at: number, events: number, warehoused: number, projected: number) => ({
      at,
      produced: { events, replay: 0, invalid: 1, seriesUpdates: 0 },
      warehoused,
      projected,
    });
    app.pipeline.state.totals = totals(app.now(), 100, 90, 50);
    expect(await admin.pipeline.throughput()).toEqual([]);
    app.advance(2000);
    app.pipeline.state.totals = totals(app.now(), 300, 250, 40);
    expect(await admin.pipeline.throughput()).toEqual([
      // a counter that went down (a group reset) counts as 0, not as negative throughput
      { at: app.now(), in: 100, warehoused: 80, projected: 0, invalid: 0, replayed: 0 },
    ]);
  });

  test("invalid events: an admin sees only the tenant's, filtered by code and text; an operator may see all", async () => {
    const app = await setup();
    app.pipeline.state.invalid = [
      invalid('acme', 'INGEST_INVALID_ID', 1, 'id is not a UUIDv7'),
      invalid('acme', 'INGEST_PAYLOAD_TOO_LARGE', 2),
      invalid('globex', 'INGEST_INVALID_ID', 3),
    ];
    const admin = await app.callerWithToken((await app.mint('acme', 'admin')).token);
    const operator = await app.callerWithToken((await app.mint('*', 'admin')).token);
    const page = await admin.pipeline.invalidEvents({});
    expect(page.events.map((event) => event.offset)).toEqual([2, 1]);
    expect(page.codes).toEqual([
      { code: 'INGEST_INVALID_ID', count: 1 },
      { code: 'INGEST_PAYLOAD_TOO_LARGE', count: 1 },
    ]);
    expect(
      (await admin.pipeline.invalidEvents({ code: 'INGEST_INVALID_ID' })).events.map((e) => e.offset),
    ).toEqual([1]);
    expect((await admin.pipeline.invalidEvents({ text: 'uuidv7' })).events.map((e) => e.offset)).toEqual([1]);
    expect(await codeOf(admin.pipeline.invalidEvents({ tenant: 'globex' }))).toBe('FORBIDDEN');
    expect((await operator.pipeline.invalidEvents({})).events).toHaveLength(3);
    expect((await operator.pipeline.invalidEvents({ tenant: 'globex' })).events.map((e) => e.offset)).toEqual(
      [3],
    );
  });
});

describe('pipeline freshness', () => {
  test('is the newest projected minute of the caller tenant; an operator sees every tenant or picks one', async () => {
    const app = await setup();
    const key = (tenant: string, bucket: number) => ({
      tenant,
      view: 'events-by-name',
      generation: 1,
      bucket,
      group: '["a"]',
      topic: 'tidemark.events',
      partition: 0,
    });
    await app.deps.series.write(
      [key('acme', 60_000), key('globex', 180_000)].map((k) => ({
        ...emptyDoc(k, defaultViewDefinition()),
        version: 1n,
      })),
    );
    const admin = await app.callerWithToken((await app.mint('acme', 'admin')).token);
    const operator = await app.callerWithToken((await app.mint('*', 'admin')).token);
    const viewer = await app.callerWithToken((await app.mint('acme', 'query')).token);
    expect((await admin.pipeline.freshness({})).newestBucket).toBe(60_000);
    expect(await codeOf(admin.pipeline.freshness({ tenant: 'globex' }))).toBe('FORBIDDEN');
    expect((await operator.pipeline.freshness({})).newestBucket).toBe(180_000);
    expect((await operator.pipeline.freshness({ tenant: 'acme' })).newestBucket).toBe(60_000);
    expect((await operator.pipeline.freshness({ tenant: 'initech' })).newestBucket).toBeNull();
    expect(await codeOf(viewer.pipeline.freshness({}))).toBe('FORBIDDEN');
  });
});
