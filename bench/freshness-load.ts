// The background load of the freshness benchmark, in a process of its own so that its work doesn't delay the
// timings of the measuring process: POST batches to ingest at a fixed rate (open loop), one JSON line of
// progress a second on stdout. Usage: node freshness-load.ts <ingest url> <token> <events/s> <batch size>
import { newUuidV7 } from '@tidemark/core';
import { percentile } from './stats.ts';

const [url, token, rateText, batchText] = process.argv.slice(2);
const rate = Number(rateText);
const batchSize = Number(batchText);
if (!url || !token || !(rate > 0) || !(batchSize > 0))
  throw new Error('usage: node freshness-load.ts <ingest url> <token> <events/s> <batch size>');

/** Batches in flight at most: past this the load falls behind instead of piling up requests. */
const maxInFlight = 64;
const names = Array.from({ length: 10 }, (_, i) => `load_${i}`);
let sent = 0;
let acked = 0;
let errors = 0;
let skipped = 0;
let inFlight = 0;
let latencies: number[] = [];
let stopping = false;

async function post(): Promise<void> {
  const now = Date.now();
  const events = Array.from({ length: batchSize }, (_, i) => ({
    id: newUuidV7(now),
    name: names[(sent + i) % names.length],
    properties: { plan: i % 3 === 0 ? 'pro' : 'free' },
  }));
  sent += batchSize;
  inFlight += 1;
  const started = performance.now();
  try {
    const response = await fetch(`${url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
    });
    await response.arrayBuffer();
    if (response.ok) acked += batchSize;
    else errors += batchSize;
  } catch {
    errors += batchSize;
  } finally {
    inFlight -= 1;
    latencies.push(performance.now() - started);
  }
}

const start = performance.now();
let batches = 0;
const tick = setInterval(() => {
  if (stopping) return;
  const due = Math.floor(((performance.now() - start) / 1000) * (rate / batchSize));
  while (batches < due) {
    batches += 1;
    if (inFlight >= maxInFlight) skipped += batchSize;
    else void post();
  }
}, 5);

const report = setInterval(() => {
  const window = latencies;
  latencies = [];
  process.stdout.write(
    `${JSON.stringify({ at: Date.now(), sent, acked, errors, skipped, ackP50: percentile(window, 50), ackP99: percentile(window, 99) })}\n`,
  );
}, 1000);

process.once('SIGTERM', () => {
  stopping = true;
  clearInterval(tick);
  clearInterval(report);
  const wait = setInterval(() => {
    if (inFlight === 0) {
      clearInterval(wait);
      process.exit(0);
    }
  }, 20);
});
