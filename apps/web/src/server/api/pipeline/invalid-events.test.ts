import { describe, expect, test } from 'vitest';
import { previewOf } from './invalid-events.ts';

describe('previewOf', () => {
  test.each([
    ['text', '{"name":"signup"}', '{"name":"signup"}'],
    ['control characters', 'a\u0000b\u0007c\nd\te', 'a\uFFFDb\uFFFDc\nd\te'],
    ['invalid UTF-8', Buffer.from([0x61, 0xff, 0x62]), 'a\uFFFDb'],
    ['long input, cut at 2 KiB', 'x'.repeat(5000), 'x'.repeat(2048)],
  ])('%s', (_name, input, expected) => {
    expect(previewOf(typeof input === 'string' ? Buffer.from(input) : input)).toBe(expected);
  });
});
