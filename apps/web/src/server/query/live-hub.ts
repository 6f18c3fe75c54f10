import { randomUUID } from 'node:crypto';
import { decodeSeriesUpdate, type SeriesUpdate } from '@tidemark/core';
import type { Consumer, Kafka } from 'kafkajs';

export type UpdateListener = (update: SeriesUpdate) => void;

/** Told every update, and whether updates may have been missed (the series cache). */
export interface UpdateFollower {
  invalidate(update: SeriesUpdate): void;
  /** Every update from now on will be told. */
  follow(): void;
  /** Updates may have been missed, and may be until the next `follow`. */
  lose(): void;
}

/** Fans the series-updates topic out to this instance's live subscribers. */
export interface LiveHub {
  subscribe(tenant: string, view: string, listener: UpdateListener): () => void;
  /** `at` of the newest update seen for the view, 0 when none. */
  lastUpdate(tenant: string, view: string): number;
  close(): Promise<void>;
}

const keyOf = (tenant: string, view: string) => `${tenant}\u0000${view}`;

/** A hub fed by whoever calls `publish`: the Kafka one below, or a test. */
export function createLiveHub(): LiveHub & { publish(update: SeriesUpdate): void } {
  const listeners = new Map<string, Set<UpdateListener>>();
  const latest = new Map<string, number>();
  return {
    publish(update) {
      const key = keyOf(update.tenant, update.view);
      latest.set(key, Math.max(latest.get(key) ?? 0, update.at));
      for (const listener of listeners.get(key) ?? []) listener(update);
    },
    subscribe(tenant, view, listener) {
      const key = keyOf(tenant, view);
      const set = listeners.get(key) ?? new Set();
      listeners.set(key, set);
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(key);
      };
    },
    lastUpdate: (tenant, view) => latest.get(keyOf(tenant, view)) ?? 0,
    async close() {},
  };
}

/**
 * Each web instance reads the series-updates topic with a consumer group of its own, from the latest offset,
 * so that every subscriber on every instance gets every update (DESIGN.md "Interfaces").
 */
export async function createKafkaLiveHub(
  kafka: Kafka,
  options: {
    readonly topic: string;
    readonly groupPrefix: string;
    readonly onError?: (error: unknown) => void;
    readonly follower?: UpdateFollower;
  },
): Promise<LiveHub> {
  const hub = createLiveHub();
  const consumer: Consumer = kafka.consumer({
    groupId: `${options.groupPrefix}-web-${randomUUID()}`,
    sessionTimeout: 10_000,
    heartbeatInterval: 1000,
  });
  // A new group starts at the latest offset only once it has joined: until then updates would be missed, so
  // the hub is ready only after the join (or after 15 s, when Kafka is slow; it catches up by itself).
  const joined = new Promise<void>((resolve) => {
    consumer.on(consumer.events.GROUP_JOIN, () => resolve());
    setTimeout(resolve, 15_000).unref();
  });
  // The follower is told to follow once the first fetch after a join has come back: offsets are resolved
  // inside a fetch (FETCH_START comes before), and an update published before that could be skipped.
  const follower = options.follower;
  let following = false;
  let inGroup = false;
  consumer.on(consumer.events.GROUP_JOIN, () => {
    inGroup = true;
  });
  consumer.on(consumer.events.FETCH, () => {
    if (!inGroup || following) return;
    following = true;
    follower?.follow();
  });
  const lose = () => {
    inGroup = false;
    following = false;
    follower?.lose();
  };
  for (const event of [consumer.events.STOP, consumer.events.DISCONNECT]) consumer.on(event, lose);
  await consumer.connect();
  await consumer.subscribe({ topic: options.topic, fromBeginning: false });
  await consumer.run({
    autoCommit: true,
    eachMessage: async ({ message }) => {
      const update = decodeSeriesUpdate(message.value);
      if (!update) return;
      follower?.invalidate(update);
      hub.publish(update);
    },
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    lose();
    options.onError?.(payload.error);
  });
  await joined;
  return {
    subscribe: hub.subscribe,
    lastUpdate: hub.lastUpdate,
    async close() {
      await consumer.disconnect();
    },
  };
}
