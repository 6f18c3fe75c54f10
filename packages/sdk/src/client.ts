import { type BackoffOptions, backoffDelay } from './backoff.ts';
import { createCometTransport } from './comet-transport.ts';
import { createFallbackTransport } from './fallback-transport.ts';
import { createHttpTransport } from './http-transport.ts';
import { batchBody, type Properties, type Transport, type WireEvent } from './protocol.ts';
import { createQueue } from './queue.ts';
import { createLocalStorage, createMemoryStorage, type QueueStorage } from './storage.ts';
import { cryptoRandom, type RandomBytes, uuidV7 } from './uuid-v7.ts';
import { createWebSocketTransport } from './websocket-transport.ts';

export const sdkName = '@tidemark/sdk';
export const sdkVersion = '0.1.0';

export type TransportName = 'auto' | 'websocket' | 'http' | 'comet';

export interface Rejected {
  readonly event: WireEvent;
  readonly code: string;
  readonly message: string;
}

export interface TidemarkOptions {
  /** Ingest's base URL, such as `https://ingest.example.com`. */
  readonly endpoint: string;
  /** An ingest token (a public write key). */
  readonly token: string;
  /**
   * `auto` (default): WebSocket where there is one, Comet long-poll where WebSockets are blocked, HTTP
   * POST where neither works; without a WebSocket at all, HTTP POST.
   */
  readonly transport?: TransportName;
  /** Send once this many events are queued (default 20)… */
  readonly flushAt?: number;
  /** …or this many bytes (default 64 KiB)… */
  readonly flushBytes?: number;
  /** …or this long after the first unsent event (default 2 s). */
  readonly flushIntervalMs?: number;
  /** One batch: at most this many events (default 100; ingest takes 500)… */
  readonly maxBatchEvents?: number;
  /** …and bytes (default 256 KiB; ingest takes 1 MiB). */
  readonly maxBatchBytes?: number;
  /** The queue's caps; past them the oldest events are dropped and reported (default 1000 / 10 000). */
  readonly maxQueueEvents?: number;
  /** Default 1 MiB in browsers, 16 MiB in Node. */
  readonly maxQueueBytes?: number;
  /** Default: localStorage in browsers, memory in Node (see `@tidemark/sdk/node` for a file). */
  readonly storage?: QueueStorage;
  /**
   * Who the events are from before `identify`, for unique counts: by default a random id, kept in
   * localStorage in browsers (so one browser is one visitor) and per client in Node.
   */
  readonly anonymousId?: string;
  /** Beacon the queue on pagehide / visibilitychange (default true where `navigator.sendBeacon` exists). */
  readonly beacon?: boolean;
  /** No answer within this long means the outcome is unknown, and the batch is sent again (default 10 s). */
  readonly timeoutMs?: number;
  /** Full-jitter backoff between attempts (default 1 s doubling to 60 s). */
  readonly retry?: BackoffOptions;
  /** Events ingest refused (4xx): they are never retried. */
  readonly onRejected?: (rejected: readonly Rejected[]) => void;
  /** Events dropped because the queue was full, oldest first. */
  readonly onDropped?: (events: readonly WireEvent[], reason: 'queue_full') => void;
  /** A batch whose outcome is unknown will be sent again after delayMs. */
  readonly onRetry?: (info: { reason: string; attempt: number; delayMs: number }) => void;
  /** The storage failed (such as a full localStorage); the queue stays in memory. */
  readonly onError?: (error: unknown) => void;
  /** Test seams. */
  readonly now?: () => number;
  readonly random?: () => number;
  readonly randomBytes?: RandomBytes;
  readonly createTransport?: () => Transport;
}

export interface TrackOptions {
  /** When it happened (default: now). */
  readonly timestamp?: number | Date;
}

export interface Tidemark {
  /** Queues an event and returns its id, which every retry reuses. */
  track(name: string, properties?: Properties, options?: TrackOptions): string;
  /** The user of later events; undefined forgets it. */
  identify(userId: string | undefined): void;
  /** Resolves when every event queued before the call was acknowledged, refused or dropped. */
  flush(): Promise<void>;
  /** Flushes for up to timeoutMs (default 5 s), saves what is left, closes connections. */
  shutdown(options?: { timeoutMs?: number }): Promise<{ undelivered: number }>;
  /** Resolves once the stored queue of an earlier page or process has been loaded. */
  readonly ready: Promise<void>;
}

/** Ingest refuses a bigger event (INGEST_EVENT_TOO_LARGE); better said at once than after a round trip. */
const maxEventBytes = 32 * 1024;
/** Browsers refuse beacons past 64 KiB in flight. */
const beaconBytes = 60_000;

export function createTidemark(options: TidemarkOptions): Tidemark {
  const endpoint = options.endpoint.replace(/\/+$/, '');
  const browser = typeof document !== 'undefined' && typeof window !== 'undefined';
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const flushAt = options.flushAt ?? 20;
  const flushBytes = options.flushBytes ?? 64 * 1024;
  const flushIntervalMs = options.flushIntervalMs ?? 2000;
  const maxBatchBytes = options.maxBatchBytes ?? 256 * 1024;
  const retry = options.retry ?? { baseMs: 1000, maxMs: 60_000 };
  const queue = createQueue({
    maxEvents: options.maxQueueEvents ?? (browser ? 1000 : 10_000),
    maxBytes: options.maxQueueBytes ?? (browser ? 1 : 16) * 1024 * 1024,
  });
  const storage = options.storage ?? defaultStorage(browser, endpoint, now, random);
  const transport = (
    options.createTransport ?? (() => defaultTransport(options, endpoint, browser, timeoutMs))
  )();
  let batchLimit = options.maxBatchEvents ?? 100;
  let userId: string | undefined;
  const anonymousId = options.anonymousId ?? visitorId(browser, options.randomBytes ?? cryptoRandom, now);
  let loaded = false;
  let stopped = false;
  let sending = false;
  let due = false;
  let attempt = 0;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let saveQueued = false;
  const waiters: { ids: Set<string>; resolve: () => void }[] = [];

  const report = (error: unknown) => options.onError?.(error);
  const dropped = (events: readonly WireEvent[]) => {
    if (events.length === 0) return;
    settleWaiters();
    options.onDropped?.(events, 'queue_full');
  };

  function save(final = false) {
    saveQueued = false;
    try {
      Promise.resolve(storage.save(queue.all(), final)).catch(report);
    } catch (error) {
      report(error);
    }
  }
  // Many tracks in one tick make one write.
  function persist() {
    if (saveQueued) return;
    saveQueued = true;
    queueMicrotask(() => saveQueued && save());
  }

  function settleWaiters() {
    for (const waiter of [...waiters]) {
      for (const id of waiter.ids) if (!queue.has(id)) waiter.ids.delete(id);
      if (waiter.ids.size === 0) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }

  function schedule() {
    if (queue.count >= flushAt || queue.bytes >= flushBytes) {
      due = true;
      void pump();
    } else if (!flushTimer && queue.count > 0) {
      flushTimer = unref(
        setTimeout(() => {
          flushTimer = undefined;
          due = true;
          void pump();
        }, flushIntervalMs),
      );
    }
  }

  async function pump(): Promise<void> {
    if (sending || retryTimer || !loaded || stopped) return;
    sending = true;
    try {
      while (due && queue.count > 0 && !stopped) {
        const batch = queue.peek(batchLimit, maxBatchBytes);
        const outcome = await transport.send(batch, now());
        if (outcome.kind === 'retry') {
          if (stopped) return; // shut down meanwhile: the batch stays saved for the next start
          attempt += 1;
          const delayMs = backoffDelay(retry, attempt - 1, random, outcome.retryAfterMs);
          options.onRetry?.({ reason: outcome.reason, attempt, delayMs });
          retryTimer = unref(
            setTimeout(() => {
              retryTimer = undefined;
              void pump();
            }, delayMs),
          );
          return;
        }
        attempt = 0;
        if (
          outcome.kind === 'refused' &&
          batch.length > 1 &&
          /TOO_LARGE|TOO_MANY_EVENTS/.test(outcome.code)
        ) {
          // This ingest takes smaller batches than configured: halve them, nothing is refused yet.
          batchLimit = Math.max(1, Math.floor(batch.length / 2));
          continue;
        }
        const rejected: Rejected[] =
          outcome.kind === 'ack'
            ? outcome.rejected.flatMap((r) => {
                const event = batch[r.index];
                return event ? [{ event, code: r.code, message: r.message }] : [];
              })
            : batch.map((event) => ({ event, code: outcome.code, message: outcome.message }));
        queue.remove(new Set(batch.map((event) => event.id)));
        persist();
        settleWaiters();
        if (rejected.length > 0) options.onRejected?.(rejected);
      }
      if (queue.count === 0) due = false;
    } finally {
      sending = false;
    }
  }

  function track(name: string, properties?: Properties, trackOptions?: TrackOptions): string {
    const at = now();
    const event: WireEvent = {
      id: uuidV7(at, options.randomBytes ?? cryptoRandom),
      name,
      timestamp: Number(trackOptions?.timestamp ?? at),
      ...(userId === undefined ? {} : { user_id: userId }),
      anonymous_id: anonymousId,
      ...(properties ? { properties: { ...properties } } : {}),
      context: { sdk: { name: sdkName, version: sdkVersion } },
    };
    if (JSON.stringify(event).length > maxEventBytes) {
      options.onRejected?.([
        { event, code: 'INGEST_EVENT_TOO_LARGE', message: `event is over ${maxEventBytes} bytes` },
      ]);
      return event.id;
    }
    dropped(queue.add([event]));
    persist();
    schedule();
    return event.id;
  }

  // The beacon's answer cannot be read: its events stay queued (saved for the next page load) and are
  // sent again with the same ids; the warehouse keeps one copy.
  let beaconed = false;
  function onHide() {
    if (beaconed || stopped) return;
    beaconed = true;
    save(true);
    const events = queue.peek(500, beaconBytes);
    if (events.length === 0) return;
    try {
      navigator.sendBeacon(
        `${endpoint}/v1/beacon?token=${encodeURIComponent(options.token)}`,
        batchBody(events, now()),
      );
    } catch (error) {
      report(error);
    }
  }
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') onHide();
    else beaconed = false;
  };
  const onShow = () => {
    beaconed = false;
  };
  const beacon =
    browser && options.beacon !== false && typeof navigator !== 'undefined' && 'sendBeacon' in navigator;
  if (beacon) {
    addEventListener('pagehide', onHide);
    addEventListener('pageshow', onShow);
    document.addEventListener('visibilitychange', onVisibility);
  }

  function flush(): Promise<void> {
    const ids = new Set(queue.all().map((event) => event.id));
    if (ids.size === 0) return Promise.resolve();
    const done = new Promise<void>((resolve) => waiters.push({ ids, resolve }));
    due = true;
    void pump();
    return done;
  }

  const ready = (async () => {
    try {
      const stored = await storage.load();
      dropped(queue.restore(stored));
      // Events of an earlier page or process were due long ago.
      if (stored.length > 0) {
        due = true;
        save();
      }
    } catch (error) {
      report(error);
    }
    loaded = true;
    schedule();
    void pump();
  })();

  return {
    track,
    identify(id) {
      userId = id;
    },
    flush,
    async shutdown({ timeoutMs: limit = 5000 } = {}) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await ready;
      await Promise.race([
        flush(),
        new Promise((resolve) => {
          timer = setTimeout(resolve, limit);
        }),
      ]);
      clearTimeout(timer);
      stopped = true;
      clearTimeout(flushTimer);
      clearTimeout(retryTimer);
      transport.close();
      if (beacon) {
        removeEventListener('pagehide', onHide);
        removeEventListener('pageshow', onShow);
        document.removeEventListener('visibilitychange', onVisibility);
      }
      try {
        await storage.save(queue.all());
      } catch (error) {
        report(error);
      }
      return { undelivered: queue.count };
    },
    ready,
  };
}

function defaultStorage(
  browser: boolean,
  endpoint: string,
  now: () => number,
  random: () => number,
): QueueStorage {
  try {
    if (browser && globalThis.localStorage)
      return createLocalStorage({
        prefix: `tidemark:${endpoint}`,
        storage: globalThis.localStorage,
        now,
        random,
      });
  } catch {
    // localStorage refused (private mode, sandboxed frame): memory only
  }
  return createMemoryStorage();
}

function defaultTransport(options: TidemarkOptions, endpoint: string, browser: boolean, timeoutMs: number) {
  const common = { endpoint, token: options.token, tokenInUrl: browser, timeoutMs };
  const http = () => createHttpTransport(common);
  // A long-poll ack may be held for 25 s by ingest before it comes.
  const comet = () =>
    createCometTransport({ ...common, timeoutMs: timeoutMs + 30_000, random: options.random ?? Math.random });
  const websocket = () => createWebSocketTransport(common);
  switch (options.transport ?? 'auto') {
    case 'http':
      return http();
    case 'comet':
      return comet();
    case 'websocket':
      return websocket();
    default:
      return typeof WebSocket === 'function'
        ? createFallbackTransport([websocket(), comet(), http()])
        : http();
  }
}

function unref<T>(timer: T): T {
  (timer as { unref?: () => void }).unref?.();
  return timer;
}

const visitorKey = 'tm_anonymous_id';

/** A random id for this browser (kept in localStorage) or this Node client. */
function visitorId(browser: boolean, randomBytes: RandomBytes, now: () => number): string {
  if (!browser) return uuidV7(now(), randomBytes);
  try {
    const kept = localStorage.getItem(visitorKey);
    if (kept) return kept;
    const made = uuidV7(now(), randomBytes);
    localStorage.setItem(visitorKey, made);
    return made;
  } catch {
    return uuidV7(now(), randomBytes); // storage blocked: one visitor per page load
  }
}
