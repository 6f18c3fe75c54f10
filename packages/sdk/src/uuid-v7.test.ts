import { isUuidV7, newUuidV7, uuidV7Time } from '@tidemark/core';
import { describe, expect, test } from 'vitest';
import { uuidV7 } from './uuid-v7.ts';

describe('uuidV7', () => {
  test.each([0, 1, 255, 256, 1_700_000_000_123, 2 ** 48 - 1])(
    'embeds %d ms and is what ingest accepts',
    (now) => {
      const id = uuidV7(now);
      expect(isUuidV7(id)).toBe(true);
      expect(uuidV7Time(id)).toBe(now);
    },
  );

  test('equals the reference implementation for the same random bytes', () => {
    const random = Uint8Array.from({ length: 16 }, (_, i) => (i * 37 + 11) % 256);
    const now = 1_764_000_000_000;
    expect(
      uuidV7(now, (bytes) => {
        bytes.set(random);
        return bytes;
      }),
    ).toBe(newUuidV7(now, Buffer.from(random)));
  });

  test('two ids of the same millisecond differ', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => uuidV7(1_764_000_000_000)));
    expect(ids.size).toBe(1000);
  });
});
