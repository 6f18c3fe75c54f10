import { describe, expect, test } from 'vitest';
import { parseTtl } from './ttl.ts';

describe('parseTtl', () => {
  test.each([
    ['90', 90],
    ['90s', 90],
    ['15m', 900],
    ['12h', 43_200],
    ['30d', 2_592_000],
    [' 1d ', 86_400],
    ['0s', undefined],
    ['-1d', undefined],
    ['1.5h', undefined],
    ['1w', undefined],
    ['d', undefined],
    ['', undefined],
    ['99999999999999999d', undefined],
  ])('%j → %j', (text, seconds) => {
    expect(parseTtl(text)).toBe(seconds);
  });
});
