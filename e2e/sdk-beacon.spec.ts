import { createServer, type Server } from 'node:http';
import { engineConfigFrom, engineEnvSchema, parseEnv } from '@tidemark/core';
import { createTokenIssuer, defaultIssuer } from '@tidemark/core/auth';
import { createCassandraClient, createCassandraSigningKeyStore } from '@tidemark/core/cassandra';
import { createKafka } from '@tidemark/core/kafka';
import { type ReadRecord, readTopicUntil } from '@tidemark/core/testing';
import { decodeTrackedEvent } from '@tidemark/proto';
import { bundleBrowser } from '@tidemark/sdk/bundle';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser } from './browser.ts';

// The SDK's browser bundle in Chromium against the running ingest: a page tracks events and is closed
// before it sent anything, so only the pagehide beacon can deliver them. The next page load of the same
// site sends them again, with the same ids, over HTTP.
const ingestUrl = process.env.INGEST_URL ?? 'http://127.0.0.1:8080';
const engines = engineConfigFrom(parseEnv(engineEnvSchema, process.env));
const kafka = createKafka({ brokers: engines.kafkaBrokers, clientId: 'tidemark-e2e-sdk' });
let server: Server;
let site: string;
let browser: Browser;

// `mode=close`: events are queued and never sent on their own (no count, byte or time flush in reach).
// `mode=reload`: a normal tracker, which takes over the queue the closed page left in localStorage.
const page = `<!doctype html><meta charset="utf-8"><title>sdk beacon</title>
<script type="module">
  import { createTidemark } from '/tidemark.js';
  const query = new URLSearchParams(location.search);
  const quiet = query.get('mode') === 'close';
  window.tm = createTidemark({
    endpoint: query.get('endpoint'),
    token: query.get('token'),
    transport: 'http',
    ...(quiet ? { flushAt: 1000, flushIntervalMs: 3600000 } : {}),
  });
  window.ids = quiet ? [1, 2, 3].map((n) => window.tm.track('sdk_beacon_e2e', { n })) : [];
  document.title = 'ready';
</script>`;

beforeAll(async () => {
  const { code } = await bundleBrowser();
  server = createServer((request, response) => {
    if (request.url?.startsWith('/tidemark.js')) {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(code);
    } else response.writeHead(200, { 'content-type': 'text/html' }).end(page);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  site = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

async function mintToken(): Promise<string> {
  const cassandra = createCassandraClient(engines.cassandra);
  try {
    const keys = createCassandraSigningKeyStore(cassandra, { keyspace: engines.cassandra.keyspace });
    const issuer = createTokenIssuer(keys, { issuer: defaultIssuer });
    return (await issuer.mint({ tenant: 'e2e-sdk', audience: 'ingest', ttlSeconds: 600 })).token;
  } finally {
    await cassandra.shutdown();
  }
}

async function topicEnds() {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(engines.names.topics.events);
    return ends.map(({ partition, high }) => ({ partition, offset: high }));
  } finally {
    await admin.disconnect();
  }
}

test('a closed page delivers its events by beacon; the next page load sends them again with the same ids', async () => {
  const token = await mintToken();
  const ends = await topicEnds();
  const context = await browser.newContext();
  const query = `endpoint=${encodeURIComponent(ingestUrl)}&token=${encodeURIComponent(token)}`;

  const first = await context.newPage();
  await first.goto(`${site}/?mode=close&${query}`);
  await first.waitForFunction(() => document.title === 'ready');
  const ids = await first.evaluate(() => (window as unknown as { ids: string[] }).ids);
  expect(ids).toHaveLength(3);
  await first.close({ runBeforeUnload: true });

  const copies = (records: readonly ReadRecord[]) =>
    records.filter((r) => ids.includes(r.key)).map((r) => decodeTrackedEvent(r.value));
  const beaconed = await readTopicUntil(
    kafka,
    engines.names.topics.events,
    (seen) => ids.every((id) => seen.some((r) => r.key === id)),
    30_000,
    ends,
  );
  const byBeacon = copies(beaconed);
  expect(byBeacon.map((e) => e.id).sort()).toEqual([...ids].sort());
  for (const event of byBeacon) {
    expect(event).toMatchObject({
      tenant: 'e2e-sdk',
      name: 'sdk_beacon_e2e',
      context: { transport: 'beacon' },
    });
  }

  // The beacon's answer could not be read, so the events stayed queued: the next load sends them again.
  const second = await context.newPage();
  await second.goto(`${site}/?mode=reload&${query}`);
  await second.waitForFunction(() => document.title === 'ready');
  const left = await second.evaluate(async () => {
    await (window as unknown as { tm: { flush(): Promise<void> } }).tm.flush();
    return Object.keys(localStorage);
  });
  // The queue is empty; only the visitor's anonymous id stays.
  expect(left).toEqual(['tm_anonymous_id']);
  const again = await readTopicUntil(
    kafka,
    engines.names.topics.events,
    (seen) => copies(seen).filter((e) => e.context.transport === 'http').length >= 3,
    30_000,
    ends,
  );
  const overHttp = copies(again).filter((e) => e.context.transport === 'http');
  expect(overHttp.map((e) => e.id).sort()).toEqual([...ids].sort());
  await context.close();
}, 90_000);
