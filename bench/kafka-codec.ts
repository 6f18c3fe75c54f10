// bench/kafka-codec: CPU per record of kafkajs's record encoding (a produce request) and decoding (a fetched
// record batch), in process, no broker. Measures the kafkajs installed: to compare with the published code,
// run `npx patch-package --reverse` (from the repo root), this bench, then `npx patch-package` again.
//   node kafka-codec.ts [--records 1000] [--rounds 5]
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { median } from './stats.ts';

const { values: args } = parseArgs({
  options: { records: { type: 'string', default: '1000' }, rounds: { type: 'string', default: '5' } },
});
const records = Number(args.records);
const rounds = Number(args.rounds);
const require = createRequire(import.meta.url);
const kafkajs = (path: string) => require(`kafkajs/src/${path}`);
type Encoded = { buffer: Buffer };
const produceRequest: (request: object) => { encode(): Promise<Encoded> } = kafkajs(
  'protocol/requests/produce/v3/request.js',
);
const { RecordBatch } = kafkajs('protocol/recordBatch/v0/index.js') as {
  RecordBatch: (batch: object) => Promise<Encoded>;
};
const Record: (record: object) => unknown = kafkajs('protocol/recordBatch/record/v0/index.js');
const Decoder: new (buffer: Buffer) => unknown = kafkajs('protocol/decoder.js');
const decodeRecordBatch: (decoder: unknown) => Promise<{ records: unknown[] }> = kafkajs(
  'protocol/recordBatch/v0/decoder.js',
);
const Long: { fromValue(value: number): unknown } = kafkajs('utils/long.js');

let state = 1;
function bytes(length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    out[i] = state >> 16;
  }
  return out;
}
// Like Tidemark's live records: 36-byte keys, 400-byte values, its two headers, spread over 6 partitions.
const headers = { 'tm-tenant': 'acme', 'tm-schema': 'tidemark.v1.Event' };
const message = () => ({ key: bytes(36), value: bytes(400), headers, timestamp: 1_764_000_000_000 });
const perPartition = Math.ceil(records / 6);
const topicData = [
  {
    topic: 'tidemark.events',
    partitions: Array.from({ length: 6 }, (_, partition) => ({
      partition,
      firstSequence: 0,
      messages: Array.from({ length: perPartition }, message),
    })),
  },
];
const batch = await RecordBatch({
  records: Array.from({ length: records }, (_, i) =>
    Record({ ...message(), offsetDelta: i, timestampDelta: i }),
  ),
  firstTimestamp: 1_764_000_000_000,
  maxTimestamp: 1_764_000_000_000 + records,
  lastOffsetDelta: records - 1,
  firstOffset: Long.fromValue(123_456_789),
});

/** µs per record of `work` over `count` records, after a warm-up; the median of `rounds`. */
async function perRecord(count: number, work: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 200; i++) await work();
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const repeats = 200;
    const started = process.hrtime.bigint();
    for (let i = 0; i < repeats; i++) await work();
    samples.push(Number(process.hrtime.bigint() - started) / 1000 / repeats / count);
  }
  return median(samples);
}

let request: Buffer | undefined;
const encode = await perRecord(perPartition * 6, async () => {
  request = (await produceRequest({ acks: -1, timeout: 10_000, topicData }).encode()).buffer;
});
const decode = await perRecord(records, () => decodeRecordBatch(new Decoder(batch.buffer)));
const patched = String(kafkajs('protocol/encoder.js')).includes('allocUnsafe');
console.log(
  `kafkajs ${require('kafkajs/package.json').version}${patched ? ' (patched)' : ''}, node ${process.version}`,
);
console.log(
  `produce request, ${perPartition * 6} records in 6 partitions: ${encode.toFixed(2)} µs per record`,
);
console.log(`record batch decoding, ${records} records: ${decode.toFixed(2)} µs per record`);
// The request's bytes: equal with and without the patch (kafkajs-codec.test.ts checks the same in CI).
console.log(
  `request sha256 ${createHash('sha256')
    .update(request ?? '')
    .digest('hex')
    .slice(0, 16)}`,
);
