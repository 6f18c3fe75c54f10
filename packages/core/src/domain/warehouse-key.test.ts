import { describe, expect, test } from 'vitest';
import { newUuidV7 } from './uuidv7.ts';
import { firstCopies, warehouseKeyOf } from './warehouse-key.ts';

describe('warehouseKeyOf', () => {
  test('day comes from the id time (UTC), shard from the id hash; both stable', () => {
    const justBeforeMidnight = Date.UTC(2026, 10, 26, 23, 59, 59, 999);
    const id = newUuidV7(justBeforeMidnight, Buffer.alloc(16, 9));
    const key = warehouseKeyOf('acme', id, 64);
    expect(key).toEqual({ tenant: 'acme', day: '2026-11-26', shard: expect.any(Number) });
    expect(key.shard).toBeGreaterThanOrEqual(0);
    expect(key.shard).toBeLessThan(64);
    expect(warehouseKeyOf('acme', id, 64)).toEqual(key);
    expect(warehouseKeyOf('acme', newUuidV7(justBeforeMidnight + 1, Buffer.alloc(16, 9)), 64).day).toBe(
      '2026-11-27',
    );
  });

  test('the key of a known id is pinned: rows already stored must be found again', () => {
    expect(warehouseKeyOf('acme', '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', 64)).toEqual({
      tenant: 'acme',
      day: '2024-12-07',
      shard: 31,
    });
  });

  test('ids spread over every shard', () => {
    const shards = new Set(
      Array.from({ length: 2000 }, () => warehouseKeyOf('t', newUuidV7(Date.now()), 16).shard),
    );
    expect(shards.size).toBe(16);
  });
});

describe('firstCopies', () => {
  test('keeps the lowest offset of each id, comparing offsets as integers', () => {
    const copies = [
      { id: 'a', source: { partition: 1, offset: '100' }, n: 1 },
      { id: 'b', source: { partition: 2, offset: '7' }, n: 2 },
      { id: 'a', source: { partition: 1, offset: '99' }, n: 3 },
      { id: 'a', source: { partition: 1, offset: '1000' }, n: 4 },
    ];
    expect(
      firstCopies(copies)
        .map((c) => c.n)
        .sort(),
    ).toEqual([2, 3]);
  });
});
