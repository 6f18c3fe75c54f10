import { randomBytes, randomUUID } from 'node:crypto';
// kafkajs's own murmur2, the oracle: the records of one key must land where any Kafka client puts them.
import kafkajsMurmur2 from 'kafkajs/src/producer/partitioners/default/murmur2.js';
import { describe, expect, test } from 'vitest';
import { murmur2, murmur2OfText } from '../../domain/murmur2.ts';
import { partitionOf } from './kafka-partitioner.ts';

describe('murmur2', () => {
  test.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('Java Utils.murmur2(%s) = %i', (key, expected) => {
    expect(murmur2(Buffer.from(key))).toBe(expected);
  });

  test('equals kafkajs for 2 000 random keys of every length up to 64 bytes and for UUIDs', () => {
    for (let i = 0; i < 1000; i++) {
      const bytes = randomBytes(i % 65);
      expect(murmur2(bytes)).toBe(kafkajsMurmur2(bytes));
      const uuid = randomUUID();
      expect(murmur2(Buffer.from(uuid))).toBe(kafkajsMurmur2(uuid));
    }
  });

  test('murmur2OfText hashes the UTF-8 bytes, as murmur2 of Buffer.from does, short or long', () => {
    for (const text of [
      '',
      'a',
      'é',
      '日本語のユーザー',
      randomUUID(),
      'x'.repeat(340),
      'ü'.repeat(400),
      'z'.repeat(5000),
    ])
      expect(murmur2OfText(text)).toBe(murmur2(Buffer.from(text, 'utf8')));
    // Warehouse shards of rows already stored depend on it: pinned.
    expect(murmur2OfText('0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b')).toBe(-1371956705);
  });

  test('partitionOf spreads UUID keys over every partition and is stable', () => {
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 6000; i++) counts[partitionOf(randomUUID(), 6)] += 1;
    expect(counts.every((count) => count > 800)).toBe(true);
    expect(partitionOf('0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', 6)).toBe(
      partitionOf('0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', 6),
    );
  });
});
