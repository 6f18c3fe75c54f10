// The live edge of the query benchmark: what the projector does while a dashboard reads. First it fills the
// current hour up to now at the history's density; then every `tickMs` it folds rate × tick events into the
// current minute's partial documents (the projector's `applyRecord`), writes the changed ones with external
// versions, and publishes the minute on the series-updates topic, so the web app's cache and OpenSearch's
// request cache see what a live view brings them. Its documents name `liveTopic` as their source. It runs in a
// process of its own (`node query-live.ts '<options as JSON>'`), so that its work doesn't delay the timings of
// the measuring process: one JSON line on stdout once the hour is filled, then one a second; SIGTERM stops it.

import {
  applyRecord,
  docKeysFor,
  emptyDoc,
  encodeSeriesUpdate,
  minuteMs,
  type PartialDoc,
  partialDocId,
  type SeriesStore,
  seriesUpdateKey,
  type ViewTarget,
} from '@tidemark/core';
import { createKafka } from '@tidemark/core/kafka';
import { createOpenSearchClient, createOpenSearchSeriesStore } from '@tidemark/core/opensearch';
import type { Kafka } from 'kafkajs';
import { scratch } from './stack.ts';

export const liveTopic = 'bench-live';

export interface LiveWriterOptions {
  readonly target: ViewTarget;
  readonly updatesTopic: string;
  /** Events per minute of the history, for the current hour's minutes before now. */
  readonly backfillPerMinute: number;
  readonly eventsPerSecond: number;
  readonly tickMs: number;
  readonly partitions: number;
  readonly groups: readonly string[];
  readonly valueKey: string;
}

export interface LiveWriter {
  /** Ticks done, events folded in. */
  readonly done: () => { ticks: number; events: number };
  stop(): Promise<void>;
}

export async function startLiveWriter(
  store: SeriesStore,
  kafka: Kafka,
  options: LiveWriterOptions,
): Promise<LiveWriter> {
  const producer = kafka.producer();
  await producer.connect();
  const { target } = options;
  // Far above the generated data's offsets, so every write is newer than anything stored.
  const offsets = Array.from({ length: options.partitions }, () => 10n ** 12n);
  let minute = 0;
  let docs = new Map<string, PartialDoc>();
  let ticks = 0;
  let events = 0;
  let stopped = false;
  let failure: Error | undefined;

  /** Folds `count` events at time `now` into `docs` and writes the documents that changed. */
  const fold = async (docs: Map<string, PartialDoc>, now: number, count: number) => {
    for (let i = 0; i < count; i++) {
      const partition = i % options.partitions;
      offsets[partition] = (offsets[partition] ?? 0n) + 1n;
      const record = {
        topic: liveTopic,
        partition,
        offset: offsets[partition] ?? 0n,
        event: {
          id: '',
          tenant: target.tenant,
          name: 'purchase',
          timestamp: now,
          sentAt: now,
          receivedAt: now,
          properties: {
            [target.definition.groupBy[0] ?? 'group']: options.groups[i % options.groups.length] as string,
            [options.valueKey]: 1 + (i % 100),
          },
          context: { transport: 'http' as const },
        },
      };
      for (const key of docKeysFor(target, record)) {
        const id = partialDocId(key);
        if (!docs.has(id)) docs.set(id, emptyDoc(key, target.definition));
      }
      applyRecord(docs, target, record);
    }
    const changed = [...docs.values()].filter((doc) => doc.dirty);
    const outcome = await store.write(changed);
    if (outcome.failed.length > 0) throw new Error(`live write: ${outcome.failed[0]?.reason}`);
    for (const doc of changed) doc.dirty = false;
    events += count;
  };

  const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
  for (let bucket = hour; bucket < Math.floor(Date.now() / minuteMs) * minuteMs; bucket += minuteMs)
    await fold(new Map(), bucket, options.backfillPerMinute);

  const tick = async () => {
    const now = Date.now();
    const bucket = Math.floor(now / minuteMs) * minuteMs;
    if (bucket !== minute) {
      minute = bucket;
      docs = new Map();
    }
    await fold(docs, now, Math.round((options.eventsPerSecond * options.tickMs) / 1000));
    await store.makeReadable([
      { tenant: target.tenant, view: target.definition.id, generation: target.generation },
    ]);
    await producer.send({
      topic: options.updatesTopic,
      messages: [
        {
          key: seriesUpdateKey(target.tenant, target.definition.id),
          value: encodeSeriesUpdate({
            tenant: target.tenant,
            view: target.definition.id,
            generation: target.generation,
            buckets: [bucket],
            at: Date.now(),
          }),
        },
      ],
    });
    ticks += 1;
  };

  const loop = (async () => {
    while (!stopped) {
      const started = performance.now();
      await tick().catch((error: Error) => {
        failure = error;
        stopped = true;
      });
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, options.tickMs - (performance.now() - started))),
      );
    }
  })();

  return {
    done: () => ({ ticks, events }),
    async stop() {
      stopped = true;
      await loop;
      await producer.disconnect();
      if (failure) throw failure;
    },
  };
}

/** What the measuring process passes: the scratch stamp, and the writer's options but the topic. */
export type LiveProcessOptions = Omit<LiveWriterOptions, 'updatesTopic'> & { readonly stamp: string };

if (import.meta.main) {
  const options = JSON.parse(process.argv[2] ?? '') as LiveProcessOptions;
  const { engines } = scratch('query', options.stamp);
  const opensearch = createOpenSearchClient(engines.opensearch);
  const store = createOpenSearchSeriesStore(opensearch, { prefix: engines.opensearch.viewPrefix });
  const kafka = createKafka({ brokers: engines.kafkaBrokers, clientId: 'bench-query-live' });
  const writer = await startLiveWriter(store, kafka, {
    ...options,
    updatesTopic: engines.names.topics.seriesUpdates,
  });
  const report = () => process.stdout.write(`${JSON.stringify(writer.done())}\n`);
  report();
  const every = setInterval(report, 1000);
  process.once('SIGTERM', () => {
    clearInterval(every);
    void writer
      .stop()
      .then(report, (error: Error) => {
        console.error(`live writer: ${error.message}`);
        process.exitCode = 1;
      })
      .finally(() => opensearch.close().finally(() => process.exit()));
  });
}
