import { newUuidV7, type RejectionCode, uuidV7Time } from '@tidemark/core';
import { createKafka, createKafkaEventLog, ensureTopics } from '@tidemark/core/kafka';
import { readTopicUntil, testEngineConfig, uniqueName } from '@tidemark/core/testing';
import { decodeInvalidEvent, decodeTrackedEvent, tidemark } from '@tidemark/proto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestIngest } from './app.fixture.ts';
import { ingestClients } from './clients.fixture.ts';

const config = testEngineConfig();
const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: 'tidemark-ingest-test' });
const admin = kafka.admin();
const topics = { events: uniqueName('test.events'), invalid: uniqueName('test.invalid') };
const eventLog = createKafkaEventLog(kafka);
let ingest: Awaited<ReturnType<typeof createTestIngest>>;
let client: ReturnType<typeof ingestClients>;
let base: string;

beforeAll(async () => {
  await admin.connect();
  const spec = (name: string) => ({ name, partitions: 3, replicationFactor: 1, configs: {} });
  await ensureTopics(admin, [spec(topics.events), spec(topics.invalid)]);
  ingest = await createTestIngest(eventLog, { topics });
  await ingest.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = ingest.app.server.address() as { port: number };
  base = `http://127.0.0.1:${port}`;
  client = ingestClients(base, (await ingest.mint('ingest', 'acme')).token);
});

afterAll(async () => {
  await ingest?.close();
  await eventLog.close();
  await admin.deleteTopics({ topics: [topics.events, topics.invalid] }).catch(() => {});
  await admin.disconnect();
});

const now = () => Date.now();
const event = (name: string, extra: Record<string, unknown> = {}) => ({
  id: newUuidV7(now()),
  name,
  ...extra,
});

describe('every transport through real Kafka', () => {
  test("acknowledged events are on the topic, equal to what was sent plus the server's fields", async () => {
    const sent: { event: ReturnType<typeof event>; transport: string }[] = [];
    const take = (transport: string, ...events: ReturnType<typeof event>[]) => {
      for (const e of events) sent.push({ event: e, transport });
      return events;
    };
    const props = { plan: 'pro', seats: 3, trial: false };
    const acks: unknown[] = [];
    acks.push(
      (
        await client.post(
          '/v1/events',
          JSON.stringify(take('http', event('json', { properties: props }))[0]),
          'application/json',
        )
      ).body,
    );
    acks.push(
      (
        await client.post(
          '/v1/events',
          take('http', event('nd1'), event('nd2'))
            .map((e) => JSON.stringify(e))
            .join('\n'),
          'application/x-ndjson',
        )
      ).body,
    );
    const [pb] = take('http', event('proto', { properties: props }));
    const protoBatch = tidemark.v1.EventBatch.encode({
      events: [
        {
          id: pb?.id,
          name: pb?.name,
          properties: {
            plan: { stringValue: 'pro' },
            seats: { numberValue: 3 },
            trial: { boolValue: false },
          },
        },
      ],
    }).finish();
    acks.push((await client.post('/v1/events', protoBatch, 'application/x-protobuf')).body);
    acks.push(
      (
        await client.post(
          '/v1/beacon',
          JSON.stringify(take('beacon', event('beacon'))[0]),
          'text/plain',
          true,
        )
      ).body,
    );
    acks.push(
      ...(await client.websocket([
        JSON.stringify({ seq: 1, events: take('websocket', event('ws1'), event('ws2')) }),
      ])),
    );
    acks.push(
      ...(await client.stream([JSON.stringify({ seq: 1, events: take('comet-stream', event('st1')) })])),
    );
    acks.push(...(await client.poll([JSON.stringify({ seq: 1, events: take('comet-poll', event('po1')) })])));
    for (const ack of acks) expect(ack).toMatchObject({ rejected: [] });

    const records = await readTopicUntil(kafka, topics.events, (seen) =>
      sent.every(({ event: e }) => seen.some((r) => r.key === e.id)),
    );
    for (const { event: e, transport } of sent) {
      const record = records.find((r) => r.key === e.id);
      expect(record?.headers).toEqual({ 'tm-tenant': 'acme', 'tm-schema': 'tidemark.v1.Event' });
      const decoded = decodeTrackedEvent(record?.value ?? Buffer.alloc(0));
      expect(decoded).toEqual({
        id: e.id,
        tenant: 'acme',
        name: e.name,
        timestamp: uuidV7Time(e.id), // no timestamp and no sent_at: the id's time, uncorrected
        sentAt: decoded.receivedAt,
        receivedAt: expect.any(Number),
        properties: (e as { properties?: unknown }).properties ?? {},
        context: expect.objectContaining({ transport }),
      });
      expect(Math.abs(decoded.receivedAt - now())).toBeLessThan(60_000);
    }
  });
});

// Each case carries a marker (`cNN`) in its input, so its copy on the invalid topic can be found.
type Case = { readonly marker: string; readonly code: RejectionCode; readonly send: () => Promise<unknown> };
const day = 86_400_000;
const codeOf = (answer: unknown): unknown => {
  const body = (answer as { body?: unknown }).body ?? answer;
  const b = body as { error?: { code: string }; rejected?: { code: string }[]; code?: string };
  return b.error?.code ?? b.rejected?.[0]?.code ?? b.code;
};

function corpus(): Case[] {
  const cases: Case[] = [];
  const add = (code: RejectionCode, send: (marker: string) => Promise<unknown>) => {
    const marker = `c${String(cases.length + 1).padStart(2, '0')}x`;
    cases.push({ marker, code, send: () => send(marker) });
  };
  const oneEvent = (make: (m: string) => unknown) => (m: string) =>
    client.post('/v1/events', JSON.stringify({ events: [make(m)] }), 'application/json');
  const body = (contentType: string, make: (m: string) => string | Uint8Array) => (m: string) =>
    client.post('/v1/events', make(m), contentType);
  // Event-level, over HTTP.
  add(
    'INGEST_EVENT_NOT_OBJECT',
    oneEvent((m) => m),
  );
  add(
    'INGEST_EVENT_NOT_OBJECT',
    oneEvent((m) => [m]),
  );
  add(
    'INGEST_EVENT_TOO_LARGE',
    oneEvent((m) => ({
      name: m,
      properties: Object.fromEntries([1, 2, 3, 4, 5].map((i) => [`p${i}`, 'x'.repeat(7000)])),
    })),
  );
  add(
    'INGEST_INVALID_ID',
    oneEvent((m) => ({ id: '3b241101-e2bb-4255-8caf-4136c566a962', name: m })),
  );
  add(
    'INGEST_INVALID_ID',
    oneEvent((m) => ({ id: 12345, name: m })),
  );
  add(
    'INGEST_ID_OUT_OF_RANGE',
    oneEvent((m) => ({ id: newUuidV7(now() - 8 * day), name: m })),
  );
  add(
    'INGEST_ID_OUT_OF_RANGE',
    oneEvent((m) => ({ id: newUuidV7(now() + 2 * day), name: m })),
  );
  add(
    'INGEST_INVALID_NAME',
    oneEvent((m) => ({ properties: { m } })),
  );
  add(
    'INGEST_INVALID_NAME',
    oneEvent((m) => ({ name: '', properties: { m } })),
  );
  add(
    'INGEST_INVALID_NAME',
    oneEvent((m) => ({ name: m.repeat(60) })),
  );
  add(
    'INGEST_INVALID_TIMESTAMP',
    oneEvent((m) => ({ name: m, timestamp: 'yesterday' })),
  );
  add(
    'INGEST_INVALID_TIMESTAMP',
    oneEvent((m) => ({ name: m, timestamp: -5 })),
  );
  add(
    'INGEST_INVALID_TIMESTAMP',
    oneEvent((m) => ({ name: m, sent_at: { at: 1 } })),
  );
  add(
    'INGEST_TIMESTAMP_OUT_OF_RANGE',
    oneEvent((m) => ({ name: m, timestamp: now() + 2 * day })),
  );
  add(
    'INGEST_TIMESTAMP_OUT_OF_RANGE',
    oneEvent((m) => ({ name: m, timestamp: now() - 30 * day })),
  );
  add(
    'INGEST_INVALID_IDENTITY',
    oneEvent((m) => ({ name: m, user_id: 42 })),
  );
  add(
    'INGEST_INVALID_IDENTITY',
    oneEvent((m) => ({ name: m, session_id: 's'.repeat(300) })),
  );
  add(
    'INGEST_INVALID_PROPERTIES',
    oneEvent((m) => ({ name: m, properties: ['a'] })),
  );
  add(
    'INGEST_TOO_MANY_PROPERTIES',
    oneEvent((m) => ({
      name: m,
      properties: Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, i])),
    })),
  );
  add(
    'INGEST_INVALID_PROPERTY',
    oneEvent((m) => ({ name: m, properties: { nested: { a: 1 } } })),
  );
  add(
    'INGEST_INVALID_PROPERTY',
    oneEvent((m) => ({ name: m, properties: { empty: null } })),
  );
  add(
    'INGEST_INVALID_PROPERTY',
    oneEvent((m) => ({ name: m, properties: { ['k'.repeat(129)]: 1 } })),
  );
  add(
    'INGEST_INVALID_PROPERTY',
    oneEvent((m) => ({ name: m, properties: { long: 'v'.repeat(9000) } })),
  );
  add(
    'INGEST_INVALID_PROPERTY',
    oneEvent((m) => ({ name: m, properties: { list: [1, 2] } })),
  );
  add(
    'INGEST_INVALID_CONTEXT',
    oneEvent((m) => ({ name: m, context: 'browser' })),
  );
  add(
    'INGEST_INVALID_CONTEXT',
    oneEvent((m) => ({ name: m, context: { sdk: { name: 7 } } })),
  );
  // Body-level, over HTTP.
  add(
    'INGEST_MALFORMED_JSON',
    body('application/json', (m) => `{"name": "${m}"`),
  );
  add(
    'INGEST_MALFORMED_JSON',
    body('application/x-ndjson', (m) => `{"name":"ok"}\n{${m}}\n`),
  );
  add(
    'INGEST_MALFORMED_PROTOBUF',
    body('application/x-protobuf', (m) => Buffer.concat([Buffer.from([0xff, 0xff, 0xff]), Buffer.from(m)])),
  );
  add(
    'INGEST_UNSUPPORTED_CONTENT_TYPE',
    body('application/xml', (m) => `<event name="${m}"/>`),
  );
  add(
    'INGEST_UNSUPPORTED_CONTENT_TYPE',
    body('multipart/form-data; boundary=x', (m) => `--x\r\n${m}\r\n--x--`),
  );
  add(
    'INGEST_PAYLOAD_TOO_LARGE',
    body('application/json', (m) =>
      JSON.stringify({ events: [{ name: m, properties: { big: 'x'.repeat(1_100_000) } }] }),
    ),
  );
  add(
    'INGEST_TOO_MANY_EVENTS',
    body('application/json', (m) =>
      JSON.stringify({ events: Array.from({ length: 501 }, () => ({ name: m })) }),
    ),
  );
  add(
    'INGEST_EMPTY_BATCH',
    body('application/json', (m) => JSON.stringify({ events: [], note: m })),
  );
  add(
    'INGEST_MALFORMED_BATCH',
    body('application/json', (m) => JSON.stringify({ events: m })),
  );
  add(
    'INGEST_INVALID_ID',
    body('application/x-protobuf', (m) =>
      tidemark.v1.EventBatch.encode({ events: [{ id: 'not-a-uuid', name: m }] }).finish(),
    ),
  );
  // Beacon.
  add('INGEST_MALFORMED_JSON', (m) => client.post('/v1/beacon', `[${m}`, 'text/plain', true));
  add('INGEST_INVALID_NAME', (m) =>
    client.post('/v1/beacon', JSON.stringify({ name: 3, properties: { m } }), 'text/plain', true),
  );
  // WebSocket.
  add('INGEST_MALFORMED_JSON', async (m) => (await client.websocket([`{"seq": 1, ${m}`]))[0]);
  add(
    'INGEST_MALFORMED_PROTOBUF',
    async (m) => (await client.websocket([Buffer.concat([Buffer.from([0xff, 0xff]), Buffer.from(m)])]))[0],
  );
  add(
    'INGEST_INVALID_ID',
    async (m) => (await client.websocket([JSON.stringify({ seq: 1, events: [{ id: 'x', name: m }] })]))[0],
  );
  add(
    'INGEST_TOO_MANY_EVENTS',
    async (m) =>
      (
        await client.websocket([
          JSON.stringify({ seq: 1, events: Array.from({ length: 501 }, () => ({ name: m })) }),
        ])
      )[0],
  );
  // Comet streaming and long-poll.
  add('INGEST_MALFORMED_JSON', async (m) => (await client.stream([`{${m}`]))[0]);
  add(
    'INGEST_INVALID_PROPERTY',
    async (m) =>
      (await client.stream([JSON.stringify({ seq: 1, events: [{ name: m, properties: { o: {} } }] })]))[0],
  );
  add('INGEST_MALFORMED_JSON', async (m) => (await client.poll([`${m}}`]))[0]);
  add(
    'INGEST_INVALID_TIMESTAMP',
    async (m) =>
      (await client.poll([JSON.stringify({ seq: 1, events: [{ name: m, timestamp: 'soon' }] })]))[0],
  );
  return cases;
}

describe('bad input', () => {
  test('each of 46 cases across transports gets its specific code and a copy on the invalid topic', async () => {
    const cases = corpus();
    expect(cases.length).toBeGreaterThanOrEqual(40);
    const answers = [];
    for (const c of cases) answers.push({ marker: c.marker, code: codeOf(await c.send()) });
    expect(answers).toEqual(cases.map((c) => ({ marker: c.marker, code: c.code })));

    const copies = await readTopicUntil(kafka, topics.invalid, (seen) =>
      cases.every((c) => seen.some((r) => r.value.includes(c.marker))),
    );
    for (const c of cases) {
      const copy = copies.find((r) => r.value.includes(c.marker));
      const decoded = decodeInvalidEvent(copy?.value ?? Buffer.alloc(0));
      expect({ marker: c.marker, code: decoded.code, tenant: decoded.tenant, key: copy?.key }).toEqual({
        marker: c.marker,
        code: c.code,
        tenant: 'acme',
        key: 'acme',
      });
      expect(decoded.reason.length).toBeGreaterThan(10);
      expect(decoded.head.length).toBeLessThanOrEqual(16 * 1024);
      expect(decoded.sha256).toHaveLength(32);
    }
  });

  test('unauthenticated junk gets its 401 and leaves nothing on the invalid topic', async () => {
    const marker = uniqueName('junk');
    const response = await fetch(`${base}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: marker }),
    });
    expect(response.status).toBe(401);
    // A marker written after the junk proves the topic was read past the point where a copy would be.
    const fence = `fence-${marker}`;
    await client.post('/v1/events', JSON.stringify({ events: [fence] }), 'application/json');
    const copies = await readTopicUntil(kafka, topics.invalid, (seen) =>
      seen.some((r) => r.value.includes(fence)),
    );
    expect(copies.some((r) => r.value.includes(marker) && !r.value.includes(fence))).toBe(false);
  });
});
