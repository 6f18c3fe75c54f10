import { newUuidV7 } from '@tidemark/core';
import { createMemoryEventLog, waitFor } from '@tidemark/core/testing';
import { decodeInvalidEvent, decodeTrackedEvent, tidemark } from '@tidemark/proto';
import { createLogger } from '@tidemark/runtime';
import { afterEach, describe, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import { createTestIngest } from './app.fixture.ts';
import { ingestClients } from './clients.fixture.ts';
import type { EdgeOptions } from './edge.ts';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanup.map((close) => close()));
  cleanup = [];
});

async function setup(options: Partial<EdgeOptions> = {}) {
  const log = createMemoryEventLog();
  const ingest = await createTestIngest(log, { options });
  cleanup.push(ingest.close);
  const { token } = await ingest.mint();
  const post = (
    payload: string | Buffer,
    contentType = 'application/json',
    headers: Record<string, string> = {},
  ) =>
    ingest.app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType, ...headers },
      payload,
    });
  return { ...ingest, log, token, post };
}

const event = (extra: Record<string, unknown> = {}) => ({
  id: newUuidV7(Date.now()),
  name: 'page_view',
  ...extra,
});

describe('ops routes', () => {
  test('/healthz, /readyz and /metrics answer', async () => {
    const { app } = await setup();
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok', service: 'ingest' });
    expect((await app.inject('/readyz')).json()).toEqual({
      status: 'ready',
      service: 'ingest',
      checks: { kafka: true },
    });
    expect((await app.inject('/metrics')).body).toMatch(/tidemark_ingest_events_total/);
  });

  test('/.well-known/jwks.json serves the public keys only', async () => {
    const { app } = await setup();
    const { keys } = (await app.inject('/.well-known/jwks.json')).json() as {
      keys: Record<string, unknown>[];
    };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
    expect(keys[0]).not.toHaveProperty('d');
  });
});

describe('POST /v1/events', () => {
  test('one JSON event is acknowledged after the log has it, with the tenant from the token', async () => {
    const { post, log } = await setup();
    const sent = event({ tenant: 'forged', properties: { plan: 'pro' } });
    const response = await post(JSON.stringify(sent));
    expect([response.statusCode, response.json()]).toEqual([200, { accepted: 1, rejected: [] }]);
    const [record] = log.records('events');
    expect(record?.key).toBe(sent.id);
    expect(record?.headers).toEqual({ 'tm-tenant': 'acme', 'tm-schema': 'tidemark.v1.Event' });
    expect(decodeTrackedEvent(record?.value ?? new Uint8Array())).toMatchObject({
      id: sent.id,
      tenant: 'acme',
      name: 'page_view',
      properties: { plan: 'pro' },
      context: { transport: 'http' },
    });
  });

  test('a partly invalid batch: valid events accepted, each invalid one rejected and copied', async () => {
    const { post, log } = await setup();
    const response = await post(JSON.stringify({ events: [event(), { name: '' }, event()] }));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      accepted: 2,
      rejected: [{ index: 1, code: 'INGEST_INVALID_NAME', message: expect.any(String) }],
    });
    expect(log.records('events')).toHaveLength(2);
    const [copy] = log.records('invalid');
    expect(decodeInvalidEvent(copy?.value ?? new Uint8Array())).toMatchObject({
      tenant: 'acme',
      code: 'INGEST_INVALID_NAME',
      size: JSON.stringify({ name: '' }).length,
    });
  });

  test('an event over 32 KiB encoded is refused by its size on the topic, in index order with the rest', async () => {
    const { post, log } = await setup();
    // 4 × 4 096 two-byte characters: 32 KiB of UTF-8 in the values alone, over the limit once encoded.
    const big = event({
      properties: Object.fromEntries([1, 2, 3, 4].map((i) => [`p${i}`, 'é'.repeat(4096)])),
    });
    const large = event({ properties: { p: 'x'.repeat(8192), q: 'x'.repeat(8192), r: 'x'.repeat(8192) } });
    const small = event();
    const response = await post(JSON.stringify({ events: [small, big, { name: '' }, large] }));
    expect(response.json()).toEqual({
      accepted: 2,
      rejected: [
        {
          index: 1,
          code: 'INGEST_EVENT_TOO_LARGE',
          message: expect.stringMatching(/^event is 32\d{3} bytes encoded/),
        },
        { index: 2, code: 'INGEST_INVALID_NAME', message: expect.any(String) },
      ],
    });
    expect(log.records('events').map((record) => decodeTrackedEvent(record.value).id)).toEqual([
      small.id,
      large.id,
    ]);
    expect(
      log
        .records('invalid')
        .map((record) => decodeInvalidEvent(record.value).code)
        .sort(),
    ).toEqual(['INGEST_EVENT_TOO_LARGE', 'INGEST_INVALID_NAME']);
  });

  test('a batch with nothing valid answers the first error status', async () => {
    const { post } = await setup();
    const response = await post(JSON.stringify({ events: [{ name: 5 }] }));
    expect(response.statusCode).toBe(400);
    expect(response.json().rejected[0].code).toBe('INGEST_INVALID_NAME');
  });

  test('NDJSON and protobuf bodies are read like JSON', async () => {
    const { post, log } = await setup();
    const ndjson = `${JSON.stringify(event())}\n\n${JSON.stringify(event())}\n`;
    expect((await post(ndjson, 'application/x-ndjson')).json()).toEqual({ accepted: 2, rejected: [] });
    const batch = tidemark.v1.EventBatch.encode({
      events: [{ id: newUuidV7(Date.now()), name: 'signup' }],
    }).finish();
    expect((await post(Buffer.from(batch), 'application/x-protobuf')).json()).toEqual({
      accepted: 1,
      rejected: [],
    });
    expect(log.records('events')).toHaveLength(3);
  });

  test.each([
    ['no token', {}, 401, 'AUTH_MISSING_TOKEN'],
    ['a garbage token', { authorization: 'Bearer abc.def.ghi' }, 401, 'AUTH_MALFORMED_TOKEN'],
  ])('%s → %i %s, and nothing is copied', async (_, headers, status, code) => {
    const { app, log } = await setup();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { 'content-type': 'application/json', ...headers },
      payload: '{}',
    });
    expect([response.statusCode, response.json().error.code]).toEqual([status, code]);
    expect(log.records('invalid')).toEqual([]);
  });

  test('a query token on /v1/events → 403 AUTH_WRONG_AUDIENCE', async () => {
    const { app, mint } = await setup();
    const { token } = await mint('query');
    const response = await app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify(event()),
    });
    expect([response.statusCode, response.json().error.code]).toEqual([403, 'AUTH_WRONG_AUDIENCE']);
  });

  test('a revoked token is refused', async () => {
    const { post, revoke, mint, verifier } = await setup();
    const minted = await mint();
    await revoke(minted.jti);
    await waitFor('the revocation to reach the verifier', () =>
      verifier.isRevoked(minted.jti) ? true : undefined,
    );
    const response = await post(JSON.stringify(event()), 'application/json', {
      authorization: `Bearer ${minted.token}`,
    });
    expect([response.statusCode, response.json().error.code]).toEqual([401, 'AUTH_TOKEN_REVOKED']);
  });

  test('Kafka down → 503 with Retry-After and no ack; the same ids succeed once it is back', async () => {
    const { post, log } = await setup();
    const body = JSON.stringify({ events: [event(), event()] });
    log.down = true;
    const refused = await post(body);
    expect([refused.statusCode, refused.headers['retry-after'], refused.json().error.code]).toEqual([
      503,
      '1',
      'UNAVAILABLE',
    ]);
    log.down = false;
    expect((await post(body)).json()).toEqual({ accepted: 2, rejected: [] });
  });

  test('an oversized body → 413 and a copy of its first 16 KiB with its size and sha256', async () => {
    const { post, log } = await setup();
    const body = JSON.stringify({ events: [event({ properties: { big: 'x'.repeat(1024 * 1024) } })] });
    const response = await post(body);
    expect([response.statusCode, response.json().error.code]).toEqual([413, 'INGEST_PAYLOAD_TOO_LARGE']);
    const copy = decodeInvalidEvent(log.records('invalid')[0]?.value ?? new Uint8Array());
    expect([copy.code, copy.size, copy.head.length, copy.sha256.length]).toEqual([
      'INGEST_PAYLOAD_TOO_LARGE',
      Buffer.byteLength(body),
      16 * 1024,
      32,
    ]);
  });

  test('an unsupported content type → 415 and a copy', async () => {
    const { post, log } = await setup();
    const response = await post('<xml/>', 'application/xml');
    expect([response.statusCode, response.json().error.code]).toEqual([
      415,
      'INGEST_UNSUPPORTED_CONTENT_TYPE',
    ]);
    expect(log.records('invalid')).toHaveLength(1);
  });

  test('over the rate limit → 429 with Retry-After, per token', async () => {
    const { post } = await setup({ rateLimit: { ratePerSecond: 1, burst: 2 } });
    expect((await post(JSON.stringify({ events: [event(), event()] }))).statusCode).toBe(200);
    const throttled = await post(JSON.stringify(event()));
    expect([throttled.statusCode, throttled.headers['retry-after'], throttled.json().error.code]).toEqual([
      429,
      '1',
      'RATE_LIMITED',
    ]);
  });

  test('CORS: preflight and the allow-origin header for browsers', async () => {
    const { app, post } = await setup();
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/v1/events',
      headers: { origin: 'https://shop.example' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toBe('authorization, content-type');
    const response = await post(JSON.stringify(event()), 'application/json', {
      origin: 'https://shop.example',
    });
    expect(response.headers['access-control-allow-origin']).toBe('*');
  });
});

describe('POST /v1/beacon', () => {
  test('browser traffic is rate-limited per token and client IP', async () => {
    const { app, token } = await setup({ browserRateLimit: { ratePerSecond: 1, burst: 1 } });
    const beacon = (remoteAddress: string) =>
      app.inject({
        method: 'POST',
        url: `/v1/beacon?token=${token}`,
        remoteAddress,
        headers: { 'content-type': 'text/plain' },
        payload: JSON.stringify(event()),
      });
    expect((await beacon('10.0.0.1')).statusCode).toBe(200);
    expect((await beacon('10.0.0.1')).statusCode).toBe(429);
    expect((await beacon('10.0.0.2')).statusCode).toBe(200);
  });

  test('takes a text/plain JSON body with the token in the URL', async () => {
    const { app, token, log } = await setup();
    const response = await app.inject({
      method: 'POST',
      url: `/v1/beacon?token=${token}`,
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      payload: JSON.stringify(event()),
    });
    expect(response.json()).toEqual({ accepted: 1, rejected: [] });
    expect(decodeTrackedEvent(log.records('events')[0]?.value ?? new Uint8Array()).context.transport).toBe(
      'beacon',
    );
  });
});

describe('WebSocket /v1/ws', () => {
  async function connect(options: Parameters<typeof setup>[0] = {}) {
    const ingest = await setup(options);
    await ingest.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = ingest.app.server.address() as { port: number };
    const ws = new WebSocket(`ws://127.0.0.1:${port}/v1/ws?token=${ingest.token}`);
    const frames: unknown[] = [];
    ws.on('message', (data) => frames.push(JSON.parse(String(data))));
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    cleanup.push(async () => ws.terminate());
    const next = async (count: number) => {
      while (frames.length < count) await new Promise((resolve) => setTimeout(resolve, 10));
      return frames.slice(0, count);
    };
    return { ...ingest, port, ws, next, closed };
  }

  test('JSON and protobuf frames are acknowledged per seq with per-event outcomes', async () => {
    const { ws, next, log } = await connect();
    ws.send(JSON.stringify({ seq: 1, events: [event(), { name: '' }] }));
    const binary = tidemark.v1.EventBatch.encode({
      seq: 2,
      events: [{ id: newUuidV7(Date.now()), name: 'x' }],
    }).finish();
    ws.send(binary);
    const frames = await next(2);
    expect(frames).toContainEqual({
      type: 'ack',
      seq: 1,
      accepted: 1,
      rejected: [{ index: 1, code: 'INGEST_INVALID_NAME', message: expect.any(String) }],
    });
    expect(frames).toContainEqual({ type: 'ack', seq: 2, accepted: 1, rejected: [] });
    expect(log.records('events')).toHaveLength(2);
  });

  test('Kafka down → an unavailable frame with retryAfterMs', async () => {
    const { ws, next, log } = await connect();
    log.down = true;
    ws.send(JSON.stringify({ seq: 7, events: [event()] }));
    expect(await next(1)).toEqual([{ type: 'unavailable', seq: 7, retryAfterMs: 1000 }]);
  });

  test('a bad token is refused at the upgrade with 401', async () => {
    const { port } = await connect();
    const ws = new WebSocket(`ws://127.0.0.1:${port}/v1/ws?token=nope`);
    const status = await new Promise((resolve) =>
      ws.once('unexpected-response', (_request, response) => resolve(response.statusCode)),
    );
    expect(status).toBe(401);
  });

  test('a revoked token closes the open connection', async () => {
    const { revoke, closed, mint, port } = await connect();
    const minted = await mint();
    const ws = new WebSocket(`ws://127.0.0.1:${port}/v1/ws?token=${minted.token}`);
    await new Promise((resolve) => ws.once('open', resolve));
    const code = new Promise<number>((resolve) => ws.once('close', (c) => resolve(c)));
    await revoke(minted.jti);
    expect(await code).toBe(4401);
    void closed;
  });

  test('frames over 1 MiB are refused (close 1009)', async () => {
    const { ws, closed } = await connect();
    ws.send(Buffer.alloc(1024 * 1024 + 1, 0x20));
    expect(await closed).toBe(1009);
  });
});

describe('Comet', () => {
  async function listening() {
    const ingest = await setup();
    await ingest.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = ingest.app.server.address() as { port: number };
    return { ...ingest, base: `http://127.0.0.1:${port}` };
  }

  test('HTTP streaming: NDJSON batches in, one NDJSON ack per batch out', async () => {
    const { base, token, log } = await listening();
    const lines = [
      JSON.stringify({ seq: 1, events: [event()] }),
      JSON.stringify({ seq: 2, events: [event(), event()] }),
      'not json',
    ];
    const acks = await ingestClients(base, token).stream(lines);
    expect(acks).toHaveLength(3);
    expect(acks).toContainEqual({ type: 'ack', seq: 1, accepted: 1, rejected: [] });
    expect(acks).toContainEqual({ type: 'ack', seq: 2, accepted: 2, rejected: [] });
    expect(acks).toContainEqual({
      type: 'refused',
      code: 'INGEST_MALFORMED_JSON',
      message: expect.any(String),
    });
    expect(log.records('events')).toHaveLength(3);
    expect(log.records('invalid')).toHaveLength(1);
  });

  test('long-poll: batches are queued with 202 and their acks collected on a held GET', async () => {
    const { base, token, log } = await listening();
    const session = 'session-0001';
    const held = fetch(`${base}/v1/poll/acks?session=${session}&token=${token}`).then(
      (r) => r.json() as Promise<{ acks: unknown[] }>,
    );
    for (const seq of [1, 2]) {
      const posted = await fetch(`${base}/v1/poll/batches?session=${session}&token=${token}`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ seq, events: [event()] }),
      });
      expect(posted.status).toBe(202);
    }
    const collect = async () =>
      (
        (await (await fetch(`${base}/v1/poll/acks?session=${session}&token=${token}`)).json()) as {
          acks: unknown[];
        }
      ).acks;
    const acks = [...(await held).acks];
    while (acks.length < 2) acks.push(...(await collect()));
    expect(acks).toEqual([
      { type: 'ack', seq: 1, accepted: 1, rejected: [] },
      { type: 'ack', seq: 2, accepted: 1, rejected: [] },
    ]);
    expect(log.records('events')).toHaveLength(2);
  });

  test('long-poll acks are scoped to the token that sent the batches', async () => {
    const { base, token, mint } = await listening();
    const other = await mint();
    await fetch(`${base}/v1/poll/batches?session=shared-session&token=${token}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ seq: 1, events: [event()] }),
    });
    const stranger = (await (
      await fetch(`${base}/v1/poll/acks?session=shared-session&token=${other.token}`)
    ).json()) as { acks: unknown[] };
    expect(stranger.acks).toEqual([]);
  });
});

describe('logs', () => {
  test('ingest tokens never reach a log line, even at trace level and on errors', async () => {
    const lines: string[] = [];
    const logger = createLogger('ingest', 'trace', { write: (line: string) => lines.push(line) });
    const log = createMemoryEventLog();
    const ingest = await createTestIngest(log, { logger });
    cleanup.push(ingest.close);
    const { token } = await ingest.mint();
    const { app } = ingest;
    await app.inject({
      method: 'POST',
      url: `/v1/beacon?token=${token}`,
      headers: { 'content-type': 'text/plain' },
      payload: '{"name":"x"}',
    });
    await app.inject({
      method: 'POST',
      url: `/v1/events?token=${token}`,
      headers: { 'content-type': 'application/json' },
      payload: '{',
    });
    await app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { authorization: `Bearer ${token}x`, 'content-type': 'application/json' },
      payload: '{}',
    });
    log.down = true;
    await app.inject({
      method: 'POST',
      url: `/v1/events?token=${token}`,
      headers: { 'content-type': 'application/json' },
      payload: '{"name":"x"}',
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as { port: number };
    const ws = new WebSocket(`ws://127.0.0.1:${port}/v1/ws?token=${token}x`);
    await new Promise((resolve) => ws.once('unexpected-response', resolve));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter((line) => line.includes(token.slice(-40)))).toEqual([]);
  });
});
