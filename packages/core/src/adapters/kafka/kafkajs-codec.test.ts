import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// patches/kafkajs+2.2.4.patch rewrites kafkajs's record encoding and decoding for speed. The expected hashes
// below were computed with kafkajs 2.2.4 as published: the patched code must give the same bytes and the same
// decoded records, on the fast paths and on the BigInt fallbacks (a timestamp delta past 2^31, offsets
// past 2^53).
const require = createRequire(import.meta.url);
const kafkajs = (path: string) => require(`kafkajs/src/${path}`);
type Message = {
  key: Buffer | null;
  value: Buffer | string;
  headers: Record<string, unknown>;
  timestamp: string;
};
type Encoded = { buffer: Buffer };
const produceRequest: (request: object) => { encode(): Promise<Encoded> } = kafkajs(
  'protocol/requests/produce/v3/request.js',
);
const Decoder: new (buffer: Buffer) => unknown = kafkajs('protocol/decoder.js');
const decodeRecordBatch: (decoder: unknown) => Promise<{ records: DecodedRecord[] }> = kafkajs(
  'protocol/recordBatch/v0/decoder.js',
);
const { RecordBatch } = kafkajs('protocol/recordBatch/v0/index.js') as {
  RecordBatch: (batch: object) => Promise<Encoded>;
};
const Record: (record: object) => unknown = kafkajs('protocol/recordBatch/record/v0/index.js');
const Long: { fromValue(value: string | number): unknown } = kafkajs('utils/long.js');
const crc32C: (buffer: Buffer) => number = kafkajs('protocol/recordBatch/crc32C/index.js');

interface DecodedRecord {
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer;
  headers: Record<string, Buffer | Buffer[]>;
}

function pseudoRandomBytes(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = state >> 16;
  }
  return bytes;
}

/** Null keys, string values, repeated headers, and one timestamp 3·10^9 ms after the first. */
function messages(partition: number): Message[] {
  return Array.from({ length: 40 }, (_, i) => ({
    key: i % 7 === 0 ? null : pseudoRandomBytes(36, partition * 100 + i),
    value: i % 11 === 0 ? 'text value ü' : pseudoRandomBytes(1 + ((i * 37) % 900), partition * 1000 + i),
    headers:
      i % 5 === 0
        ? { 'tm-tenant': 'acme', multi: ['a', Buffer.from('b')] }
        : { 'tm-tenant': 'acme', 'tm-schema': 'tidemark.v1.Event' },
    timestamp: String(1_764_000_000_000 + (i === 39 ? 3e9 : i * 250)),
  }));
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

describe('kafkajs 2.2.4 with patches/kafkajs+2.2.4.patch', () => {
  it('encodes an idempotent produce request to the bytes the published kafkajs gives', async () => {
    const request = produceRequest({
      acks: -1,
      timeout: 5000,
      producerId: Long.fromValue(4242),
      producerEpoch: 3,
      topicData: [
        {
          topic: 'tidemark.events',
          partitions: [0, 1, 2].map((partition) => ({
            partition,
            firstSequence: partition * 10,
            messages: messages(partition),
          })),
        },
      ],
    });
    expect(sha256((await request.encode()).buffer)).toBe(
      'e0da82896c9826c54c63a955755c5285a44d5a6b0367bfdd6aa2e6a3dfecf5a8',
    );
  });

  it.each([
    ['123456789', '123456828', 'ff7489a135acb0d3038f5a811104269719708c7ca38dbbd94a0d4a87114cf229'],
    [
      '9007199254740980',
      '9007199254741019',
      'c4ce4c8aacdc8c1a82c15708164ec278f724c793e76cbf5f0a668ad69f54182c',
    ],
  ])(
    'decodes a record batch at offset %s to the records the published kafkajs gives',
    async (firstOffset, lastOffset, expected) => {
      const records = messages(5).map((message, i) =>
        Record({ ...message, offsetDelta: i, timestampDelta: Number(message.timestamp) - 1_764_000_000_000 }),
      );
      const batch = await RecordBatch({
        records,
        firstTimestamp: 1_764_000_000_000,
        maxTimestamp: 1_767_000_000_000,
        lastOffsetDelta: 39,
        firstOffset: Long.fromValue(firstOffset),
      });
      const decoded = (await decodeRecordBatch(new Decoder(batch.buffer))).records;
      const summary = decoded.map((record) => [
        record.offset,
        record.timestamp,
        record.key?.toString('hex') ?? null,
        record.value.toString('hex'),
        Object.entries(record.headers).map(([key, value]) => [key, [value].flat().map(String)]),
      ]);
      expect(decoded.at(-1)).toMatchObject({ offset: lastOffset, timestamp: '1767000000000' });
      expect(sha256(JSON.stringify(summary))).toBe(expected);
    },
  );

  it('encodes string keys and values as their UTF-8 bytes (short ASCII ones are copied in JavaScript)', async () => {
    const texts = [
      '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
      'x'.repeat(64),
      'y'.repeat(65),
      'clé ü',
      '漢字😀',
      '',
    ];
    const encode = async (asBytes: boolean) => {
      const topicMessages = texts.map((text, i) => ({
        key: asBytes ? Buffer.from(text) : text,
        value: asBytes ? Buffer.from(texts[texts.length - 1 - i] as string) : texts[texts.length - 1 - i],
        headers: { 'tm-tenant': 'acme' },
        timestamp: '1764000000000',
      }));
      const request = produceRequest({
        acks: -1,
        timeout: 5000,
        topicData: [
          { topic: 't', partitions: [{ partition: 0, firstSequence: 0, messages: topicMessages }] },
        ],
      });
      return (await request.encode()).buffer;
    };
    expect((await encode(false)).equals(await encode(true))).toBe(true);
  });

  it('computes CRC-32C (Castagnoli)', () => {
    expect(crc32C(Buffer.from('123456789')).toString(16)).toBe('e3069283');
    expect(crc32C(pseudoRandomBytes(1001, 9)).toString(16)).toBe('7a84ecfd');
  });
});
