import { randomBytes } from 'node:crypto';
import { engineConfigFrom, engineEnvSchema, newUuidV7, parseEnv } from '@tidemark/core';
import { createTokenIssuer, defaultIssuer } from '@tidemark/core/auth';
import {
  createCassandraClient,
  createCassandraRevocationStore,
  createCassandraSigningKeyStore,
} from '@tidemark/core/cassandra';
import { waitFor } from '@tidemark/core/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';

// Against the running stack: events posted to ingest reach the default view through the warehouse and the
// projector, the query API serves them, every live channel pushes the change, and tenants stay apart.
const ingestUrl = process.env.INGEST_URL ?? 'http://127.0.0.1:8080';
const webUrl = process.env.WEB_URL ?? 'http://127.0.0.1:3000';
const engines = engineConfigFrom(parseEnv(engineEnvSchema, process.env));
const cassandra = createCassandraClient(engines.cassandra);
const keyspace = { keyspace: engines.cassandra.keyspace };
const issuer = createTokenIssuer(createCassandraSigningKeyStore(cassandra, keyspace), {
  issuer: defaultIssuer,
});
const tenant = `qa${randomBytes(4).toString('hex')}`;
const otherTenant = `qb${randomBytes(4).toString('hex')}`;
const tokens: Record<string, { token: string; jti: string; expiresAt: number }> = {};

const mint = async (who: string, audience: 'ingest' | 'query' | 'admin', ttlSeconds = 600) => {
  const minted = await issuer.mint({ tenant: who, audience, ttlSeconds });
  return { token: minted.token, jti: minted.jti, expiresAt: minted.expiresAt };
};
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const get = (path: string, token?: string) =>
  fetch(`${webUrl}${path}`, { headers: token ? bearer(token) : {} });

/** The total of one event name in the default view, over the last hour. */
async function countOf(token: string, name: string): Promise<number> {
  const response = await get(`/api/v1/series?view=events-by-name&interval=1h`, token);
  const body = (await response.json()) as {
    series: { lines: { group: string[] | null; total: { count: number } }[] };
  };
  return body.series.lines.find((line) => line.group?.[0] === name)?.total.count ?? 0;
}

async function post(names: readonly string[]) {
  const response = await fetch(`${ingestUrl}/v1/events`, {
    method: 'POST',
    headers: { ...bearer(tokens.ingest?.token ?? ''), 'content-type': 'application/json' },
    body: JSON.stringify({ events: names.map((name) => ({ id: newUuidV7(Date.now()), name })) }),
  });
  expect(response.status).toBe(200);
}

/** Collects the messages of a live channel until `done` says enough. */
function collector<T>() {
  const messages: T[] = [];
  return {
    messages,
    push: (message: T) => messages.push(message),
    until: (what: string, done: (all: T[]) => boolean) =>
      waitFor(what, async () => (done(messages) ? true : undefined), 60_000),
  };
}

type LiveMessage = {
  type: string;
  cursor?: number;
  series?: { lines: { group: string[] | null; total: { count: number } }[] };
};
const countIn = (message: LiveMessage, name: string) =>
  message.series?.lines.find((line) => line.group?.[0] === name)?.total.count ?? 0;

beforeAll(async () => {
  tokens.ingest = await mint(tenant, 'ingest');
  tokens.query = await mint(tenant, 'query');
  tokens.other = await mint(otherTenant, 'query');
  tokens.operator = await mint('*', 'admin');
});

afterAll(() => cassandra.shutdown());

describe('query API', () => {
  test('views and series: the default view counts posted events by name', async () => {
    const views = await get('/api/v1/views', tokens.query?.token);
    expect(views.status).toBe(200);
    expect(((await views.json()) as { views: { id: string }[] }).views.map((view) => view.id)).toContain(
      'events-by-name',
    );
    await post(['signup', 'signup', 'page_view']);
    await waitFor(
      'the default view to count the posted events',
      async () => ((await countOf(tokens.query?.token ?? '', 'signup')) === 2 ? true : undefined),
      60_000,
    );
    expect(await countOf(tokens.query?.token ?? '', 'page_view')).toBe(1);
  });

  test('bad inputs get a 400 that names them; an unknown view a 404; no credential a 401', async () => {
    const cases: [string, number, string][] = [
      ['/api/v1/series?view=events-by-name&interval=2m', 400, 'QUERY_INVALID_INTERVAL'],
      ['/api/v1/series?view=events-by-name&from=yesterday', 400, 'QUERY_INVALID_TIME'],
      ['/api/v1/series?view=events-by-name&groupBy=country', 400, 'QUERY_INVALID'],
      ['/api/v1/series?view=events-by-name&topK=0', 400, 'QUERY_INVALID_TOPK'],
      ['/api/v1/series?interval=1m', 400, 'QUERY_MISSING_VIEW'],
      ['/api/v1/series?view=nope', 404, 'VIEW_NOT_FOUND'],
    ];
    for (const [path, status, code] of cases) {
      const response = await get(path, tokens.query?.token);
      expect([
        path,
        response.status,
        ((await response.json()) as { error: { code: string } }).error.code,
      ]).toEqual([path, status, code]);
    }
    expect((await get('/api/v1/views')).status).toBe(401);
  });

  test('tenants are isolated on every route and channel', async () => {
    const other = tokens.other?.token ?? '';
    // Another tenant's token sees none of this tenant's events, and can't ask for them by name.
    expect(await countOf(other, 'signup')).toBe(0);
    expect((await get(`/api/v1/series?view=events-by-name&tenant=${tenant}`, other)).status).toBe(403);
    expect((await get(`/api/v1/views?tenant=${tenant}`, other)).status).toBe(403);
    expect((await get(`/api/v1/live/poll?view=events-by-name&tenant=${tenant}`, other)).status).toBe(403);
    expect((await get(`/api/v1/live/sse?view=events-by-name&tenant=${tenant}`, other)).status).toBe(403);
    const refused = await new Promise<number>((resolve) => {
      const socket = new WebSocket(
        `${webUrl.replace('http', 'ws')}/api/v1/live?view=events-by-name&tenant=${tenant}`,
        {
          headers: bearer(other),
        },
      );
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.on('open', () => resolve(101));
    });
    expect(refused).toBe(403);
    // A ticket is for its own view only.
    const ticket = await fetch(`${webUrl}/api/v1/live/ticket`, {
      method: 'POST',
      headers: { ...bearer(other), 'content-type': 'application/json' },
      body: JSON.stringify({ view: 'events-by-name' }),
    });
    const { ticket: value } = (await ticket.json()) as { ticket: string };
    expect((await get(`/api/v1/live/poll?view=other-view&ticket=${value}`)).status).toBe(403);
    // An operator must say which tenant, and then reads it.
    expect((await get('/api/v1/views', tokens.operator?.token)).status).toBe(400);
    expect((await get('/api/v1/series?view=events-by-name', tokens.operator?.token)).status).toBe(400);
    const asOperator = await get(
      `/api/v1/series?view=events-by-name&interval=1h&tenant=${tenant}`,
      tokens.operator?.token,
    );
    expect(asOperator.status).toBe(200);
  });

  test('each live channel sends a snapshot, then pushes the update', async () => {
    const query = tokens.query?.token ?? '';
    const before = await countOf(query, 'purchase');
    // WebSocket, with a ticket instead of a header, as a browser would.
    const ticket = await fetch(`${webUrl}/api/v1/live/ticket`, {
      method: 'POST',
      headers: { ...bearer(query), 'content-type': 'application/json' },
      body: JSON.stringify({ view: 'events-by-name' }),
    });
    expect(ticket.status).toBe(201);
    const { ticket: value } = (await ticket.json()) as { ticket: string };
    const ws = collector<LiveMessage>();
    const socket = new WebSocket(
      `${webUrl.replace('http', 'ws')}/api/v1/live?view=events-by-name&interval=1h&ticket=${value}`,
    );
    socket.on('message', (data) => ws.push(JSON.parse(String(data)) as LiveMessage));
    // Server-Sent Events with the bearer token.
    const sse = collector<LiveMessage>();
    const sseAbort = new AbortController();
    const sseResponse = await fetch(`${webUrl}/api/v1/live/sse?view=events-by-name&interval=1h`, {
      headers: bearer(query),
      signal: sseAbort.signal,
    });
    expect(sseResponse.headers.get('content-type')).toContain('text/event-stream');
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of sseResponse.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const data = buffer
            .slice(0, end)
            .split('\n')
            .find((line) => line.startsWith('data: '));
          buffer = buffer.slice(end + 2);
          if (data) sse.push(JSON.parse(data.slice(6)) as LiveMessage);
        }
      }
    })().catch(() => {});
    // Long-poll: the snapshot gives the cursor for the held request.
    const snapshot = (await (
      await get('/api/v1/live/poll?view=events-by-name&interval=1h', query)
    ).json()) as LiveMessage;
    expect(snapshot.type).toBe('snapshot');
    await ws.until('the WebSocket snapshot', (all) => all[0]?.type === 'snapshot');
    await sse.until('the SSE snapshot', (all) => all[0]?.type === 'snapshot');
    const held = get(`/api/v1/live/poll?view=events-by-name&interval=1h&cursor=${snapshot.cursor}`, query);

    await post(['purchase', 'purchase']);
    const grown = (all: LiveMessage[]) =>
      all.some((m) => m.type === 'update' && countIn(m, 'purchase') === before + 2);
    await ws.until('a WebSocket update with the purchases', grown);
    await sse.until('an SSE update with the purchases', grown);
    let polled = (await (await held).json()) as LiveMessage;
    // The held request answers at the first update; later ones come to the next poll.
    while (countIn(polled, 'purchase') !== before + 2) {
      expect(['update', 'timeout']).toContain(polled.type);
      polled = (await (
        await get(`/api/v1/live/poll?view=events-by-name&interval=1h&cursor=${polled.cursor}`, query)
      ).json()) as LiveMessage;
    }
    expect(polled.type).toBe('update');
    socket.close();
    sseAbort.abort();
  });

  test('revoking the credential closes an open channel within 2 s', async () => {
    const doomed = await mint(tenant, 'query');
    const closed = new Promise<{ code: number; at: number }>((resolve) => {
      const socket = new WebSocket(`${webUrl.replace('http', 'ws')}/api/v1/live?view=events-by-name`, {
        headers: bearer(doomed.token),
      });
      socket.on('close', (code) => resolve({ code, at: Date.now() }));
      socket.on('message', () => {}); // the snapshot
    });
    await new Promise((resolve) => setTimeout(resolve, 500)); // let it open; not a correctness wait
    const revokedAt = Date.now();
    await createCassandraRevocationStore(cassandra, keyspace).revoke(doomed.jti, doomed.expiresAt);
    const { code, at } = await closed;
    expect(code).toBe(4401);
    // The revocation list reloads every second and the channel checks twice a second: 2 s, plus slack for
    // a busy machine.
    expect(at - revokedAt).toBeLessThan(3000);
  });
});
