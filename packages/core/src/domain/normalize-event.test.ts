import { describe, expect, test } from 'vitest';
import { defaultIngestLimits } from './ingest-limits.ts';
import { checkEventSize, normalizeEvent, type ReceiveContext } from './normalize-event.ts';
import { newUuidV7 } from './uuidv7.ts';

const receivedAt = Date.UTC(2026, 10, 26, 12, 0, 0);
const hour = 3_600_000;
const id = newUuidV7(receivedAt - 5000, Buffer.alloc(16, 1));
const generated = newUuidV7(receivedAt, Buffer.alloc(16, 2));
const context: ReceiveContext = {
  tenant: 'acme',
  receivedAt,
  transport: 'http',
  userAgent: 'Mozilla/5.0',
  limits: defaultIngestLimits,
  newId: () => generated,
};
const normalize = (raw: unknown, extra: Partial<ReceiveContext> = {}) =>
  normalizeEvent(raw, { ...context, ...extra });

describe('normalizeEvent accepts and normalises', () => {
  test('a full event: tenant from the context, skew-corrected time, snake_case fields mapped', () => {
    const result = normalize({
      id,
      tenant: 'evil', // ignored: the tenant comes from the token
      name: 'page_view',
      timestamp: receivedAt - 65_000,
      sent_at: receivedAt - 60_000, // the client clock is 60 s behind the server's
      user_id: 'u-1',
      anonymous_id: 'a-1',
      session_id: 's-1',
      properties: { path: '/pricing', price: 9.5, returning: true },
      context: { sdk: { name: 'tidemark-js', version: '1.2.3' } },
    });
    expect(result).toEqual({
      ok: true,
      event: {
        id,
        tenant: 'acme',
        name: 'page_view',
        timestamp: receivedAt - 5000,
        sentAt: receivedAt - 60_000,
        receivedAt,
        userId: 'u-1',
        anonymousId: 'a-1',
        sessionId: 's-1',
        properties: { path: '/pricing', price: 9.5, returning: true },
        context: { transport: 'http', userAgent: 'Mozilla/5.0', sdkName: 'tidemark-js', sdkVersion: '1.2.3' },
      },
    });
  });

  test.each<[string, Record<string, unknown>, Record<string, unknown>, Partial<ReceiveContext>?]>([
    [
      'no id: one is made, event time = receive time',
      { name: 'e' },
      { id: generated, timestamp: receivedAt, sentAt: receivedAt },
    ],
    [
      'no timestamp: the id time, skew-corrected',
      { id, name: 'e', sent_at: receivedAt - 1000 },
      { id, timestamp: receivedAt - 4000 },
    ],
    [
      'ISO timestamps',
      { name: 'e', timestamp: '2026-11-26T11:00:00.000Z', sent_at: '2026-11-26T11:59:59.000Z' },
      { timestamp: receivedAt - hour + 1000 },
    ],
    [
      'batch-level sent_at when the event has none',
      { name: 'e', timestamp: receivedAt - 10_000 },
      { timestamp: receivedAt - 7000 },
      { batchSentAt: receivedAt - 3000 },
    ],
    [
      'the event sent_at wins over the batch one',
      { name: 'e', timestamp: receivedAt - 10_000, sent_at: receivedAt },
      { timestamp: receivedAt - 10_000 },
      { batchSentAt: receivedAt - 3000 },
    ],
    [
      'null and empty optionals are dropped',
      { name: 'e', user_id: null, session_id: '', properties: null, context: null },
      { properties: {} },
    ],
  ])('%s', (_, raw, expected, extra = {}) => {
    const result = normalize(raw, extra);
    expect(result.ok).toBe(true);
    expect(result.ok && result.event).toMatchObject(expected);
    if (result.ok) expect(result.event).not.toHaveProperty('sessionId');
  });

  test('retries of one event with different sent_at keep the id (identity is the id, not the time)', () => {
    const first = normalize({ id, name: 'e', timestamp: receivedAt - 9000, sent_at: receivedAt - 8000 });
    const retry = normalize({ id, name: 'e', timestamp: receivedAt - 9000, sent_at: receivedAt - 2000 });
    expect(first.ok && retry.ok && [first.event.id, retry.event.id]).toEqual([id, id]);
    expect(first.ok && retry.ok && retry.event.timestamp - first.event.timestamp).toBe(-6000);
  });
});

describe('normalizeEvent rejects with a specific code', () => {
  const tooOld = newUuidV7(receivedAt - 8 * 24 * hour, Buffer.alloc(16, 3));
  const tooNew = newUuidV7(receivedAt + 25 * hour, Buffer.alloc(16, 4));
  const manyProperties = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`p${i}`, i]));
  test.each([
    ['an array', [], 'INGEST_EVENT_NOT_OBJECT'],
    ['a string', 'page_view', 'INGEST_EVENT_NOT_OBJECT'],
    ['null', null, 'INGEST_EVENT_NOT_OBJECT'],
    ['a v4 id', { id: '3b241101-e2bb-4255-8caf-4136c566a962', name: 'e' }, 'INGEST_INVALID_ID'],
    ['a numeric id', { id: 42, name: 'e' }, 'INGEST_INVALID_ID'],
    ['an upper-case id', { id: id.toUpperCase(), name: 'e' }, 'INGEST_INVALID_ID'],
    ['an id older than 7 days', { id: tooOld, name: 'e' }, 'INGEST_ID_OUT_OF_RANGE'],
    ['an id more than 24 h ahead', { id: tooNew, name: 'e' }, 'INGEST_ID_OUT_OF_RANGE'],
    ['no name', { properties: {} }, 'INGEST_INVALID_NAME'],
    ['an empty name', { name: '' }, 'INGEST_INVALID_NAME'],
    ['a numeric name', { name: 7 }, 'INGEST_INVALID_NAME'],
    ['a name over 200 characters', { name: 'n'.repeat(201) }, 'INGEST_INVALID_NAME'],
    ['a timestamp that is not a date', { name: 'e', timestamp: 'yesterday' }, 'INGEST_INVALID_TIMESTAMP'],
    ['a negative timestamp', { name: 'e', timestamp: -1 }, 'INGEST_INVALID_TIMESTAMP'],
    ['a sent_at that is not a date', { name: 'e', sent_at: true }, 'INGEST_INVALID_TIMESTAMP'],
    [
      'an event time more than 24 h ahead',
      { name: 'e', timestamp: receivedAt + 25 * hour },
      'INGEST_TIMESTAMP_OUT_OF_RANGE',
    ],
    [
      'an event time older than the horizon',
      { name: 'e', timestamp: receivedAt - 8 * 24 * hour },
      'INGEST_TIMESTAMP_OUT_OF_RANGE',
    ],
    ['a numeric user_id', { name: 'e', user_id: 12 }, 'INGEST_INVALID_IDENTITY'],
    ['an over-long session_id', { name: 'e', session_id: 's'.repeat(257) }, 'INGEST_INVALID_IDENTITY'],
    ['properties as an array', { name: 'e', properties: [1, 2] }, 'INGEST_INVALID_PROPERTIES'],
    ['201 properties', { name: 'e', properties: manyProperties }, 'INGEST_TOO_MANY_PROPERTIES'],
    ['a nested property', { name: 'e', properties: { a: { b: 1 } } }, 'INGEST_INVALID_PROPERTY'],
    ['a null property', { name: 'e', properties: { a: null } }, 'INGEST_INVALID_PROPERTY'],
    [
      'an over-long property key',
      { name: 'e', properties: { ['k'.repeat(129)]: 1 } },
      'INGEST_INVALID_PROPERTY',
    ],
    [
      'an over-long string value',
      { name: 'e', properties: { a: 'v'.repeat(8193) } },
      'INGEST_INVALID_PROPERTY',
    ],
    ['context as a string', { name: 'e', context: 'web' }, 'INGEST_INVALID_CONTEXT'],
    [
      'a numeric sdk version',
      { name: 'e', context: { sdk: { name: 'x', version: 2 } } },
      'INGEST_INVALID_CONTEXT',
    ],
  ])('%s → %s', (_, raw, code) => {
    const result = normalize(raw);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.rejection.code).toBe(code);
    expect(!result.ok && result.rejection.message.length).toBeGreaterThan(10);
  });
});

describe('checkEventSize', () => {
  const limit = defaultIngestLimits.maxEventBytes;
  test('passes an event of exactly the limit, refuses one byte more', () => {
    expect(checkEventSize(limit, defaultIngestLimits)).toBeUndefined();
    const rejection = checkEventSize(limit + 1, defaultIngestLimits);
    expect(rejection?.code).toBe('INGEST_EVENT_TOO_LARGE');
    expect(rejection?.message).toBe(`event is ${limit + 1} bytes encoded; the limit is ${limit}`);
  });
});
