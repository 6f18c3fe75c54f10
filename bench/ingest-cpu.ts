// bench/ingest-cpu: CPU per event of ingest's own stages for a batch of the ingest bench's events, in
// process, no server and no broker: JSON parsing, normalisation and protobuf encoding (with the generated
// protobufjs encoder beside ingest's own, for comparison). Complements kafka-codec.ts (kafkajs's share) when
// looking for where ingest's server time goes.
//   node ingest-cpu.ts [--events 100] [--record-size 400] [--rounds 7]
import { parseArgs } from 'node:util';
import { defaultIngestLimits, newUuidV7, normalizeEvent, type TrackedEvent } from '@tidemark/core';
import { encodeTrackedEvent, encodeTrackedEvents } from '@tidemark/proto';
import { encodeWithGenerated } from '@tidemark/proto/testing';
import { createEventFactory } from './ingest-load.ts';
import { median } from './stats.ts';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '100' },
    'record-size': { type: 'string', default: '400' },
    rounds: { type: 'string', default: '7' },
  },
});
const count = Number(args.events);
const rounds = Number(args.rounds);
const factory = createEventFactory(Number(args['record-size']), 'bench');
const body = `{"events":[${factory.events(count)}]}`;
const context = {
  tenant: 'bench',
  receivedAt: Date.now(),
  transport: 'http' as const,
  userAgent: 'node',
  limits: defaultIngestLimits,
  newId: newUuidV7,
};
const raws = (JSON.parse(body) as { events: unknown[] }).events;
const normalized = raws.map((raw) => {
  const result = normalizeEvent(raw, context);
  if (!result.ok) throw new Error(`bench event rejected: ${result.rejection.message}`);
  return result.event;
});

/** µs per event of `work` on the whole batch, after a warm-up; the median of `rounds`. */
function perEvent(work: () => unknown): number {
  const repeats = Math.max(20, Math.round(20_000 / count));
  for (let i = 0; i < repeats; i++) work();
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < repeats; i++) work();
    samples.push(Number(process.hrtime.bigint() - started) / 1000 / repeats / count);
  }
  return median(samples);
}

let sink: unknown;
const stages: [string, () => unknown][] = [
  ['JSON.parse of the body', () => JSON.parse(body)],
  ['normalizeEvent', () => raws.map((raw) => normalizeEvent(raw, context))],
  [
    'encodeTrackedEvent, a buffer each',
    () => normalized.map((event: TrackedEvent) => encodeTrackedEvent(event)),
  ],
  ['encodeTrackedEvents, the batch', () => encodeTrackedEvents(normalized)],
  ['generated protobufjs encoder, one by one', () => normalized.map(encodeWithGenerated)],
];
console.log(
  `node ${process.version}; ${count} events a batch, ${Buffer.byteLength(body)} B of JSON, ${factory.encodedBytes} B protobuf each`,
);
for (const [name, work] of stages) {
  const us = perEvent(() => {
    sink = work();
  });
  console.log(`${name.padEnd(42)} ${us.toFixed(2)} µs per event`);
}
void sink;
