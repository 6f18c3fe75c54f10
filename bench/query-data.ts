// The partial documents the projector would have written for N events, folded with the projector's own code
// and written with the OpenSearch series store, without Kafka or ingest. The first event of each group in a
// (minute, partition) goes through `applyRecord` (manifest, keys, versions); later ones through `addEvent`,
// which is what `applyRecord` does for a group already kept, without hashing three document keys per event.

import type { SeriesStore } from '@tidemark/core';
import {
  addEvent,
  applyRecord,
  docKeysFor,
  emptyDoc,
  minuteMs,
  type PartialDoc,
  partialDocId,
  type TrackedEvent,
  type ViewDefinition,
  type ViewTarget,
} from '@tidemark/core';

/** The query benchmark's view: purchases by country, with the metrics of a numeric property. */
export const benchView: ViewDefinition = {
  id: 'purchases-by-country',
  title: 'Purchases by country (bench)',
  filter: { names: ['purchase'], properties: {} },
  groupBy: ['country'],
  metrics: ['count', 'sum', 'avg', 'max'],
  value: 'amount',
  groupCap: 1000,
};

export interface FeedOptions {
  readonly target: ViewTarget;
  readonly topic: string;
  readonly events: number;
  /** Minute buckets [end − days, end). */
  readonly end: number;
  readonly days: number;
  readonly partitions: number;
  /** Values of the view's first group-by property; picked with weights 1/(rank+1), so a few lead. */
  readonly groups: readonly string[];
  /** The view's numeric property: integers 1–100, so sums stay exact. */
  readonly valueKey: string;
  /** Documents per `_bulk`, and bulks in flight. */
  readonly bulkDocs: number;
  readonly inFlight: number;
  /** Documents an interrupted earlier run already wrote (the data is the same every run): not sent again. */
  readonly skipDocs?: number;
  readonly onProgress?: (done: { events: number; docs: number }) => void;
}

export interface FeedResult {
  readonly docs: number;
  /** Events per minute bucket, to check the totals a query returns. */
  readonly perMinute: Map<number, number>;
  readonly seconds: number;
}

/** A small fast PRNG (mulberry32), so that every run generates the same data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Every (minute, partition) of the range receives events/(minutes × partitions) events on average (±50 %,
 * uniform), each of one group by weight: the projector's fold over them gives one document per (minute,
 * group, partition) plus the manifest of each (minute, partition), at a version equal to the last offset.
 */
export async function feedView(store: SeriesStore, options: FeedOptions): Promise<FeedResult> {
  const started = performance.now();
  const next = random(42);
  const minutes = (options.days * 86_400_000) / minuteMs;
  const first = options.end - minutes * minuteMs;
  const mean = options.events / (minutes * options.partitions);
  const weights = options.groups.map((_, rank) => 1 / (rank + 1));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const cumulative = weights.map((_, i) => weights.slice(0, i + 1).reduce((a, b) => a + b, 0) / totalWeight);
  const offsets = Array.from({ length: options.partitions }, () => 0n);
  const perMinute = new Map<number, number>();
  const pending: PartialDoc[] = [];
  const inFlight = new Set<Promise<void>>();
  let docs = 0;
  let events = 0;
  let failure: Error | undefined;

  const flush = async (batch: PartialDoc[]) => {
    const outcome = await store.write(batch);
    // Stale items are already stored at that version (the client retries a bulk that timed out): success, as
    // in the projector.
    if (outcome.failed.length > 0)
      throw new Error(`bulk: ${outcome.failed.length} failed, first: ${outcome.failed[0]?.reason}`);
  };
  const send = async () => {
    const batch = pending.splice(0, pending.length);
    docs += batch.length;
    if (docs <= (options.skipDocs ?? 0)) return;
    const write = flush(batch).catch((error: Error) => {
      failure = error;
    });
    inFlight.add(write);
    void write.finally(() => inFlight.delete(write));
    while (inFlight.size >= options.inFlight) await Promise.race(inFlight);
    if (failure) throw failure;
  };

  for (let m = 0; m < minutes; m++) {
    const bucket = first + m * minuteMs;
    // The events of each minute must add up to `options.events` over the whole range.
    const target =
      Math.round(((m + 1) * options.events) / minutes) - Math.round((m * options.events) / minutes);
    let left = target;
    for (let partition = 0; partition < options.partitions; partition++) {
      const count =
        partition === options.partitions - 1 ? left : Math.min(left, Math.round(mean * (0.5 + next())));
      left -= count;
      const docMap = new Map<string, PartialDoc>();
      const groupDocs = new Map<string, PartialDoc>();
      for (let i = 0; i < count; i++) {
        const u = next();
        const group = options.groups[cumulative.findIndex((edge) => u <= edge)] ?? options.groups[0];
        offsets[partition] = (offsets[partition] ?? 0n) + 1n;
        const event: TrackedEvent = {
          id: '',
          tenant: options.target.tenant,
          name: 'purchase',
          timestamp: bucket + Math.floor(next() * minuteMs),
          sentAt: bucket,
          receivedAt: bucket,
          properties: {
            [options.target.definition.groupBy[0] ?? 'group']: group as string,
            [options.valueKey]: 1 + Math.floor(next() * 100),
          },
          context: { transport: 'http' },
        };
        const offset = offsets[partition] ?? 0n;
        const doc = groupDocs.get(group as string);
        if (doc) {
          // What applyRecord does for a group the manifest already keeps, minus re-hashing the three keys.
          addEvent(doc.partial, options.target.definition, event);
          doc.version = offset;
          continue;
        }
        const record = { event, topic: options.topic, partition, offset };
        const keys = docKeysFor(options.target, record);
        for (const key of keys) {
          const id = partialDocId(key);
          if (!docMap.has(id)) docMap.set(id, emptyDoc(key, options.target.definition));
        }
        applyRecord(docMap, options.target, record);
        const groupDoc = docMap.get(partialDocId(keys[1] as (typeof keys)[number]));
        if (groupDoc?.dirty) groupDocs.set(group as string, groupDoc);
      }
      for (const doc of docMap.values()) if (doc.dirty) pending.push(doc);
      events += count;
    }
    perMinute.set(bucket, target);
    if (pending.length >= options.bulkDocs) {
      await send();
      options.onProgress?.({ events, docs });
    }
  }
  if (pending.length > 0) await send();
  await Promise.all(inFlight);
  if (failure) throw failure;
  return { docs, perMinute, seconds: (performance.now() - started) / 1000 };
}
