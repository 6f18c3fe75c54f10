import { describe, expect, test } from 'vitest';
import {
  addToHll,
  decodeHll,
  emptyHll,
  encodeHll,
  hllEstimate,
  hllPrecision,
  mergeHll,
} from './hyperloglog.ts';

const registers = 1 << hllPrecision;

function sketchOf(keys: Iterable<string>): Uint8Array {
  const sketch = emptyHll();
  for (const key of keys) addToHll(sketch, key);
  return sketch;
}

function* range(from: number, to: number, prefix = 'user-'): Generator<string> {
  for (let i = from; i < to; i += 1) yield `${prefix}${i}`;
}

describe('HyperLogLog', () => {
  test.each([
    { distinct: 0, tolerance: 0 },
    { distinct: 1, tolerance: 0 },
    { distinct: 10, tolerance: 0 },
    { distinct: 1_000, tolerance: 0.02 },
    { distinct: 10_000, tolerance: 0.04 },
    { distinct: 100_000, tolerance: 0.04 },
    { distinct: 1_000_000, tolerance: 0.04 },
  ])('estimates $distinct distinct keys within $tolerance', ({ distinct, tolerance }) => {
    const estimate = hllEstimate(sketchOf(range(0, distinct)));
    expect(Math.abs(estimate - distinct)).toBeLessThanOrEqual(Math.ceil(distinct * tolerance));
  });

  test('adding a key again changes nothing', () => {
    const once = sketchOf(range(0, 5_000));
    const twice = sketchOf([...range(0, 5_000), ...range(0, 5_000)]);
    expect(twice).toEqual(once);
  });

  test('merging is the sketch of the union, in any order and grouping', () => {
    const a = sketchOf(range(0, 30_000));
    const b = sketchOf(range(20_000, 60_000));
    const c = sketchOf(range(0, 500, 'anon-'));
    const union = sketchOf([...range(0, 60_000), ...range(0, 500, 'anon-')]);

    const abc = emptyHll();
    for (const part of [a, b, c]) mergeHll(abc, part);
    const cba = emptyHll();
    for (const part of [c, b, a]) mergeHll(cba, part);
    const bc = new Uint8Array(b);
    mergeHll(bc, c);
    const aThenBc = new Uint8Array(a);
    mergeHll(aThenBc, bc);

    expect(abc).toEqual(union);
    expect(cba).toEqual(union);
    expect(aThenBc).toEqual(union);
    expect(Math.abs(hllEstimate(union) - 60_500)).toBeLessThanOrEqual(60_500 * 0.04);
  });

  test.each([
    { name: 'empty', keys: 0, form: 's' },
    { name: 'one key', keys: 1, form: 's' },
    { name: 'a few hundred keys', keys: 300, form: 's' },
    { name: 'many keys', keys: 50_000, form: 'd' },
  ])('encode/decode round trip: $name ($form)', ({ keys, form }) => {
    const sketch = sketchOf(range(0, keys));
    const text = encodeHll(sketch);
    expect(text[0]).toBe(form);
    expect(decodeHll(text)).toEqual(sketch);
    expect(encodeHll(decodeHll(text))).toBe(text);
  });

  test('sparse while under a third of the registers are set, dense from there', () => {
    const sparse = emptyHll();
    for (let i = 0; i < Math.ceil(registers / 3) - 1; i += 1) sparse[i] = 1;
    expect(encodeHll(sparse)[0]).toBe('s');
    const dense = new Uint8Array(sparse);
    dense[registers - 1] = 7;
    expect(encodeHll(dense)[0]).toBe('d');
    expect(decodeHll(encodeHll(sparse))).toEqual(sparse);
    expect(decodeHll(encodeHll(dense))).toEqual(dense);
  });

  test.each([
    { text: 'x', error: 'not a HyperLogLog sketch' },
    { text: 'sAAE', error: 'not a HyperLogLog sketch' },
    { text: 'dAAAA', error: `a dense sketch has ${registers} registers` },
  ])('decoding $text fails: $error', ({ text, error }) => {
    expect(() => decodeHll(text)).toThrow(error);
  });
});
