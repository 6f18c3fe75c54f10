import { newUuidV7, warehouseKeyOf } from '@tidemark/core';
import { encodeTrackedEvent } from '@tidemark/proto';
import { describe, expect, test } from 'vitest';
import { prepareBatch } from './warehouse-batch.ts';

const event = (id: string, sentAt: number) =>
  Buffer.from(
    encodeTrackedEvent({
      id,
      tenant: 'acme',
      name: 'e',
      timestamp: sentAt - 5,
      sentAt,
      receivedAt: sentAt + 1,
      properties: {},
      context: { transport: 'http' },
    }),
  );

describe('prepareBatch', () => {
  test('keeps the first copy of each id, with its own offset and payload', () => {
    const a = newUuidV7(Date.now());
    const b = newUuidV7(Date.now());
    const firstOfA = event(a, 1000);
    const batch = prepareBatch(
      [
        { value: firstOfA, offset: '10' },
        { value: event(b, 1000), offset: '11' },
        { value: event(a, 9000), offset: '12' }, // a retry of a, sent later
      ],
      3,
      16,
    );
    expect(batch.undecodable).toEqual([]);
    expect(batch.rows.map((r) => [r.id, r.source.offset]).sort()).toEqual(
      [
        [a, '10'],
        [b, '11'],
      ].sort(),
    );
    const rowA = batch.rows.find((r) => r.id === a);
    expect(rowA).toEqual({
      key: warehouseKeyOf('acme', a, 16),
      id: a,
      name: 'e',
      eventTime: 995,
      receivedAt: 1001,
      payload: firstOfA,
      source: { partition: 3, offset: '10' },
    });
  });

  test('sets aside what cannot be stored, with the reason, and keeps going', () => {
    const good = newUuidV7(Date.now());
    const batch = prepareBatch(
      [
        {
          value: Buffer.from([0xff, 0xff, 0xff]),
          offset: '1',
          headers: { 'tm-tenant': Buffer.from('acme') },
        },
        { value: null, offset: '2' },
        { value: event('not-a-uuid', 1), offset: '3' },
        { value: event(good, 1), offset: '4' },
      ],
      0,
      4,
    );
    expect(batch.rows.map((r) => r.id)).toEqual([good]);
    expect(batch.undecodable.map((u) => [u.offset, u.tenant])).toEqual([
      ['1', 'acme'],
      ['2', ''],
      ['3', ''],
    ]);
    expect(batch.undecodable[2]?.reason).toMatch(/not a UUIDv7/);
  });
});
