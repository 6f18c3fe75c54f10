import { describe, expect, test } from 'vitest';
import { fakeTransport } from './fake-transport.fixture.ts';
import { createFallbackTransport } from './fallback-transport.ts';
import { outcomeOfFrame, outcomeOfHttp, parseRetryAfter, type SendOutcome } from './protocol.ts';

describe('outcomeOfHttp', () => {
  const rejected = [{ index: 0, code: 'INGEST_INVALID_NAME', message: 'name is empty' }];
  test.each<[string, number, unknown, string | null, SendOutcome]>([
    ['all accepted', 200, { accepted: 2, rejected: [] }, null, { kind: 'ack', rejected: [] }],
    // Nothing accepted: the status is the first event's, but the answer is still per event.
    ['all refused, per event', 400, { accepted: 0, rejected }, null, { kind: 'ack', rejected }],
    [
      'rate limited',
      429,
      { error: { code: 'RATE_LIMITED', message: 'slow down' } },
      '3',
      { kind: 'retry', reason: '429 RATE_LIMITED', retryAfterMs: 3000 },
    ],
    [
      'Kafka down',
      503,
      { error: { code: 'UNAVAILABLE', message: 'unknown' } },
      '1',
      { kind: 'retry', reason: '503 UNAVAILABLE', retryAfterMs: 1000 },
    ],
    ['a proxy error without a body', 502, undefined, null, { kind: 'retry', reason: '502 HTTP_502' }],
    ["a 404 that is not ingest's", 404, undefined, null, { kind: 'retry', reason: '404 HTTP_404' }],
    [
      'a bad token',
      401,
      { error: { code: 'AUTH_INVALID_TOKEN', message: 'bad signature' } },
      null,
      { kind: 'refused', code: 'AUTH_INVALID_TOKEN', message: 'bad signature' },
    ],
    [
      'a whole batch too large',
      413,
      { error: { code: 'INGEST_PAYLOAD_TOO_LARGE', message: 'too big' } },
      null,
      { kind: 'refused', code: 'INGEST_PAYLOAD_TOO_LARGE', message: 'too big' },
    ],
  ])('%s', (_, status, body, retryAfter, outcome) => {
    expect(outcomeOfHttp(status, body, retryAfter)).toEqual(outcome);
  });
});

describe('outcomeOfFrame', () => {
  test.each<[unknown, SendOutcome]>([
    [
      { type: 'ack', seq: 1, accepted: 3, rejected: [] },
      { kind: 'ack', rejected: [] },
    ],
    [
      { type: 'refused', code: 'INGEST_MALFORMED_JSON', message: 'bad' },
      { kind: 'refused', code: 'INGEST_MALFORMED_JSON', message: 'bad' },
    ],
    [
      { type: 'throttled', seq: 2, retryAfterMs: 250 },
      { kind: 'retry', reason: 'throttled', retryAfterMs: 250 },
    ],
    [
      { type: 'unavailable', seq: 3, retryAfterMs: 1000 },
      { kind: 'retry', reason: 'unavailable', retryAfterMs: 1000 },
    ],
  ])('%j', (frame, outcome) => {
    expect(outcomeOfFrame(frame as Parameters<typeof outcomeOfFrame>[0])).toEqual(outcome);
  });
});

test('Retry-After in seconds or as an HTTP date', () => {
  const now = Date.parse('2026-11-26T10:00:00Z');
  expect(parseRetryAfter('2', now)).toBe(2000);
  expect(parseRetryAfter('Thu, 26 Nov 2026 10:00:05 GMT', now)).toBe(5000);
  expect(parseRetryAfter(null, now)).toBeUndefined();
  expect(parseRetryAfter('soon', now)).toBeUndefined();
});

describe('fallback transport', () => {
  const unreachable = (): SendOutcome => ({ kind: 'retry', reason: 'no connection', unreachable: true });

  test('moves to the next transport when the preferred one cannot connect but that one can, and stays', async () => {
    const blocked = fakeTransport([unreachable, unreachable]);
    const comet = fakeTransport();
    const transport = createFallbackTransport([blocked, comet]);
    expect(await transport.send([], 1)).toEqual({ kind: 'ack', rejected: [] });
    expect(await transport.send([], 2)).toEqual({ kind: 'ack', rejected: [] });
    expect([blocked.attempts.length, comet.attempts.length]).toEqual([1, 2]);
    expect(transport.name).toBe('fake');
  });

  test('keeps its preference when nothing connects (ingest is away, not WebSockets blocked)', async () => {
    const ws = fakeTransport([unreachable]);
    const http = fakeTransport([unreachable]);
    const transport = createFallbackTransport([ws, http]);
    expect(await transport.send([], 1)).toEqual(unreachable());
    expect(await transport.send([], 2)).toEqual({ kind: 'ack', rejected: [] });
    expect([ws.attempts.length, http.attempts.length]).toEqual([2, 1]);
  });
});
