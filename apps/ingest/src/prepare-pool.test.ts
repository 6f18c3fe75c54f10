import { defaultIngestLimits, newUuidV7 } from '@tidemark/core';
import { decodeTrackedEvent } from '@tidemark/proto';
import { afterEach, describe, expect, test } from 'vitest';
import { type PrepareRequest, prepareBatch } from './prepare-batch.ts';
import { createPreparePool, type PreparePool } from './prepare-pool.ts';

// Inline preparation names id-less events with this id; threads make UUIDv7s: that tells where a batch ran.
const inlineId = 'made-inline';
const options = { limits: defaultIngestLimits, newId: () => inlineId };
let pool: PreparePool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

const receivedAt = Date.now();
const uuidV7 = expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
/**
 * A batch of `count` events with ids (so that results compare exactly), but for the last, which has none,
 * and one invalid event at index 1.
 */
function request(count: number): PrepareRequest {
  const events = Array.from({ length: count }, (_, i) =>
    i === 1
      ? { name: '' }
      : { id: i === count - 1 ? undefined : newUuidV7(receivedAt - i), name: 'page_view', properties: { i } },
  );
  return {
    format: 'json',
    bytes: Buffer.from(JSON.stringify({ events, seq: 7 })),
    sender: { tenant: 'acme', transport: 'http', userAgent: 'test' },
    receivedAt,
  };
}

type Prepared = Awaited<ReturnType<PreparePool['prepare']>>;
const lastId = (prepared: Prepared | undefined) => (prepared?.ok ? prepared.records.at(-1)?.key : undefined);

/** Records as comparable plain data: decoded events (but the made id), the invalid copies' bytes, the rest. */
function comparable(prepared: Prepared) {
  if (!prepared.ok) return prepared;
  return {
    ...prepared,
    records: prepared.records
      .slice(0, -1)
      .map((record) => ({ ...record, value: decodeTrackedEvent(record.value) })),
    invalid: prepared.invalid.map((record) => ({
      ...record,
      value: Buffer.from(record.value).toString('hex'),
    })),
  };
}

describe('createPreparePool', () => {
  test('a batch prepared on a thread equals the same batch prepared inline', async () => {
    pool = createPreparePool({ ...options, threads: 2, minThreadBytes: 0 });
    const batch = request(300);
    const [onThread, again] = await Promise.all([pool.prepare(batch), pool.prepare(batch)]);
    const inline = prepareBatch(batch, options);
    expect(comparable(onThread)).toEqual(comparable(inline));
    expect(comparable(again)).toEqual(comparable(inline));
    expect(onThread.ok && [onThread.count, onThread.records.length, onThread.seq]).toEqual([300, 299, 7]);
    expect([lastId(onThread), lastId(again), lastId(inline)]).toEqual([uuidV7, uuidV7, inlineId]);
  });

  test('a body the thread refuses as a whole comes back as that refusal', async () => {
    pool = createPreparePool({ ...options, threads: 1, minThreadBytes: 0 });
    const prepared = await pool.prepare({ ...request(1), bytes: Buffer.from('{"events": [') });
    expect(prepared.ok === false && prepared.rejection.code).toBe('INGEST_MALFORMED_JSON');
  });

  test('batches held by a thread that ends are prepared inline, and later ones too once closed', async () => {
    pool = createPreparePool({ ...options, threads: 1, minThreadBytes: 0 });
    const held = Array.from({ length: 20 }, () => pool?.prepare(request(200)));
    await pool.close();
    const prepared = await Promise.all(held);
    expect(prepared.every((batch) => batch?.ok && batch.records.length === 199)).toBe(true);
    expect(prepared.map(lastId)).toContain(inlineId);
    const after = await pool.prepare(request(3));
    expect([after.ok && after.records.length, lastId(after)]).toEqual([2, inlineId]);
  });
});
