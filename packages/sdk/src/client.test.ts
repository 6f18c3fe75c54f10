import { isUuidV7, uuidV7Time } from '@tidemark/core';
import { describe, expect, test } from 'vitest';
import { createTidemark, type Rejected, type TidemarkOptions } from './client.ts';
import { eventually, fakeTransport, unknown } from './fake-transport.fixture.ts';
import type { WireEvent } from './protocol.ts';
import { createMemoryStorage, type QueueStorage } from './storage.ts';

const base = { endpoint: 'http://ingest.test', token: 't', retry: { baseMs: 1, maxMs: 5 } };

function client(transport: ReturnType<typeof fakeTransport>, options: Partial<TidemarkOptions> = {}) {
  return createTidemark({ ...base, createTransport: () => transport, flushAt: 1000, ...options });
}

/** A storage that keeps what was saved in memory, as a page reload or a process restart would find it. */
function keptStorage(): QueueStorage & { saved: readonly WireEvent[] } {
  const storage = {
    saved: [] as readonly WireEvent[],
    load: () => storage.saved,
    save(events: readonly WireEvent[]) {
      storage.saved = events;
    },
  };
  return storage;
}

describe('track', () => {
  test('gives each event a UUIDv7 of its track time and sends what was tracked', async () => {
    const transport = fakeTransport();
    let clock = 1_764_000_000_000;
    const tm = client(transport, { now: () => clock });
    tm.identify('user-1');
    const a = tm.track('signup', { plan: 'pro', seats: 3, trial: false });
    clock += 5;
    const b = tm.track('click', undefined, { timestamp: new Date(1_763_999_000_000) });
    await tm.flush();
    expect(isUuidV7(a) && isUuidV7(b)).toBe(true);
    expect(uuidV7Time(a)).toBe(1_764_000_000_000);
    expect(transport.attempts).toHaveLength(1);
    // One random visitor id, the same on every event of this client.
    const anonymous = transport.attempts[0]?.events[0]?.anonymous_id;
    expect(isUuidV7(anonymous ?? '')).toBe(true);
    expect(transport.attempts[0]?.events).toEqual([
      {
        id: a,
        name: 'signup',
        timestamp: 1_764_000_000_000,
        user_id: 'user-1',
        anonymous_id: anonymous,
        properties: { plan: 'pro', seats: 3, trial: false },
        context: { sdk: { name: '@tidemark/sdk', version: '0.1.0' } },
      },
      {
        id: b,
        name: 'click',
        timestamp: 1_763_999_000_000,
        user_id: 'user-1',
        anonymous_id: anonymous,
        context: { sdk: { name: '@tidemark/sdk', version: '0.1.0' } },
      },
    ]);
  });

  test('properties are taken as they were at track time', async () => {
    const transport = fakeTransport();
    const tm = client(transport);
    const properties: Record<string, number> = { step: 1 };
    tm.track('a', properties);
    properties.step = 2;
    await tm.flush();
    expect(transport.attempts[0]?.events[0]?.properties).toEqual({ step: 1 });
  });

  test('an event over 32 KiB is reported at once and never queued', async () => {
    const transport = fakeTransport();
    const rejected: Rejected[] = [];
    const tm = client(transport, { onRejected: (r) => rejected.push(...r) });
    const id = tm.track('big', { blob: 'x'.repeat(33 * 1024) });
    await tm.flush();
    expect(rejected.map((r) => [r.event.id, r.code])).toEqual([[id, 'INGEST_EVENT_TOO_LARGE']]);
    expect(transport.attempts).toEqual([]);
  });
});

describe('acks and retries', () => {
  test('an unknown outcome sends the same ids again, with a new sent_at per attempt', async () => {
    const transport = fakeTransport([unknown, unknown]);
    let clock = 1_764_000_000_000;
    const tm = client(transport, { now: () => (clock += 1) });
    const ids = [tm.track('a'), tm.track('b')];
    await tm.flush();
    expect(transport.attempts.map((a) => a.ids)).toEqual([ids, ids, ids]);
    const sentAts = transport.attempts.map((a) => a.sentAt);
    expect(new Set(sentAts).size).toBe(3);
    await tm.flush(); // nothing left
    expect(transport.attempts).toHaveLength(3);
  });

  test('per-event rejections are reported and never retried; the rest of the batch is done', async () => {
    const transport = fakeTransport([
      () => ({ kind: 'ack', rejected: [{ index: 1, code: 'INGEST_INVALID_NAME', message: 'bad name' }] }),
    ]);
    const rejected: Rejected[] = [];
    const tm = client(transport, { onRejected: (r) => rejected.push(...r) });
    const [, bad] = [tm.track('ok'), tm.track(''), tm.track('ok too')];
    await tm.flush();
    tm.track('later');
    await tm.flush();
    expect(rejected.map((r) => [r.event.id, r.code, r.message])).toEqual([
      [bad, 'INGEST_INVALID_NAME', 'bad name'],
    ]);
    expect(transport.attempts.map((a) => a.events.map((e) => e.name))).toEqual([
      ['ok', '', 'ok too'],
      ['later'],
    ]);
  });

  test('a refused batch (4xx) is reported whole and never retried', async () => {
    const transport = fakeTransport([
      () => ({ kind: 'refused', code: 'AUTH_INVALID_TOKEN', message: 'bad token' }),
    ]);
    const rejected: Rejected[] = [];
    const tm = client(transport, { onRejected: (r) => rejected.push(...r) });
    const ids = [tm.track('a'), tm.track('b')];
    await tm.flush();
    expect(rejected.map((r) => [r.event.id, r.code])).toEqual(ids.map((id) => [id, 'AUTH_INVALID_TOKEN']));
    expect(transport.attempts).toHaveLength(1);
  });

  test('a batch too big for this ingest is split in halves, and nothing is refused', async () => {
    const tooMany = () => ({ kind: 'refused' as const, code: 'INGEST_TOO_MANY_EVENTS', message: 'max 2' });
    const transport = fakeTransport([tooMany, tooMany]);
    const rejected: Rejected[] = [];
    const tm = client(transport, { onRejected: (r) => rejected.push(...r) });
    for (let i = 0; i < 5; i += 1) tm.track(`e${i}`);
    await tm.flush();
    expect(transport.attempts.map((a) => a.ids.length)).toEqual([5, 2, 1, 1, 1, 1, 1]);
    expect(rejected).toEqual([]);
  });

  test("backoff honours the server's retry-after and is full-jitter otherwise", async () => {
    const transport = fakeTransport([
      () => ({ kind: 'retry', reason: 'unavailable', retryAfterMs: 40 }),
      unknown,
      unknown,
      unknown,
    ]);
    const delays: number[] = [];
    const tm = client(transport, {
      random: () => 0.5,
      retry: { baseMs: 8, maxMs: 20 },
      onRetry: ({ delayMs }) => delays.push(delayMs),
    });
    tm.track('a');
    await tm.flush();
    // attempt 1: max(40, 0.5·8); then 0.5·min(20, 8·2^n)
    expect(delays).toEqual([40, 8, 10, 10]);
  });
});

describe('batching', () => {
  test('by count: flushAt events go at once, in batches of at most maxBatchEvents', async () => {
    const transport = fakeTransport();
    const tm = client(transport, { flushAt: 5, maxBatchEvents: 3, flushIntervalMs: 60_000 });
    for (let i = 0; i < 4; i += 1) tm.track(`e${i}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(transport.attempts).toEqual([]);
    tm.track('e4');
    await eventually('two batches', () => transport.attempts.length === 2);
    expect(transport.attempts.map((a) => a.ids.length)).toEqual([3, 2]);
  });

  test('by bytes: flushBytes queued go at once, batches cut at maxBatchBytes', async () => {
    const transport = fakeTransport();
    const tm = client(transport, { flushBytes: 3000, maxBatchBytes: 2500, flushIntervalMs: 60_000 });
    tm.track('a', { pad: 'x'.repeat(900) });
    tm.track('b', { pad: 'x'.repeat(900) });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(transport.attempts).toEqual([]);
    tm.track('c', { pad: 'x'.repeat(900) });
    await eventually('two batches', () => transport.attempts.length === 2);
    expect(transport.attempts.map((a) => a.events.map((e) => e.name))).toEqual([['a', 'b'], ['c']]);
  });

  test('by time: a lone event goes after flushIntervalMs', async () => {
    const transport = fakeTransport();
    const tm = client(transport, { flushIntervalMs: 30 });
    const id = tm.track('a');
    await eventually('the timed batch', () => transport.attempts.length === 1);
    expect(transport.attempts[0]?.ids).toEqual([id]);
  });
});

describe('the queue', () => {
  test('when full, the oldest events are dropped and reported', async () => {
    const transport = fakeTransport();
    const dropped: string[] = [];
    const tm = client(transport, {
      maxQueueEvents: 3,
      onDropped: (events, reason) => dropped.push(...events.map((e) => `${e.name}:${reason}`)),
    });
    for (const name of ['a', 'b', 'c', 'd', 'e']) tm.track(name);
    await tm.flush();
    expect(dropped).toEqual(['a:queue_full', 'b:queue_full']);
    expect(transport.attempts.map((a) => a.events.map((e) => e.name))).toEqual([['c', 'd', 'e']]);
  });

  test('survives a restart: undelivered events are sent by the next instance with the same ids', async () => {
    const storage = keptStorage();
    const down = fakeTransport(Array.from({ length: 1000 }, () => unknown));
    const first = client(down, { storage });
    const ids = [first.track('a'), first.track('b')];
    expect(await first.shutdown({ timeoutMs: 30 })).toEqual({ undelivered: 2 });
    expect(down.closed).toBe(true);
    expect(storage.saved.map((e) => e.id)).toEqual(ids);

    const up = fakeTransport();
    const second = client(up, { storage });
    await second.ready;
    const later = second.track('c');
    await second.flush();
    expect(up.attempts.flatMap((a) => a.ids)).toEqual([...ids, later]);
    expect(await second.shutdown()).toEqual({ undelivered: 0 });
    expect(storage.saved).toEqual([]);
  });

  test('memory storage keeps nothing', async () => {
    const storage = createMemoryStorage();
    storage.save([]);
    expect(await storage.load()).toEqual([]);
  });
});
