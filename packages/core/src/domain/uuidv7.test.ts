import { describe, expect, test } from 'vitest';
import { isUuidV7, newUuidV7, uuidV7Time } from './uuidv7.ts';

describe('UUIDv7', () => {
  test.each([
    ['0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', true],
    ['0193a1b2-c3d4-7e5f-bfff-0c1d2e3f4a5b', true],
    ['0193a1b2-c3d4-4e5f-8a9b-0c1d2e3f4a5b', false], // version 4
    ['0193a1b2-c3d4-7e5f-ca9b-0c1d2e3f4a5b', false], // wrong variant
    ['0193A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B', false], // not canonical lower case
    ['0193a1b2c3d47e5f8a9b0c1d2e3f4a5b', false],
    ['', false],
  ])('isUuidV7(%s) = %s', (id, expected) => {
    expect(isUuidV7(id)).toBe(expected);
  });

  test('the embedded time is the first 48 bits in ms', () => {
    expect(uuidV7Time('0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b')).toBe(0x0193a1b2c3d4);
  });

  test('a new id is a valid v7 carrying the given time, deterministic for the same random bytes', () => {
    const now = Date.UTC(2026, 10, 26, 1, 2, 3, 456);
    const random = Buffer.alloc(16, 0xff);
    const id = newUuidV7(now, random);
    expect(isUuidV7(id)).toBe(true);
    expect(uuidV7Time(id)).toBe(now);
    expect(id).toBe(newUuidV7(now, random));
    expect(id.slice(14)).toBe('7fff-bfff-ffffffffffff');
    expect(newUuidV7(now)).not.toBe(newUuidV7(now));
  });
});
