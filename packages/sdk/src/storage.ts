import type { WireEvent } from './protocol.ts';

/** Where the queue survives a page load or a process restart. */
export interface QueueStorage {
  load(): readonly WireEvent[] | Promise<readonly WireEvent[]>;
  /**
   * Replaces the stored queue. `final`: the page is going away (pagehide); write now, synchronously if
   * the storage can, and let the next page load take these events over at once.
   */
  save(events: readonly WireEvent[], final?: boolean): void | Promise<void>;
}

/** Keeps nothing across restarts: Node's default. */
export function createMemoryStorage(): QueueStorage {
  return { load: () => [], save() {} };
}

interface Stored {
  readonly at: number;
  readonly closed?: boolean;
  readonly events: readonly WireEvent[];
}

export interface LocalStorageOptions {
  /** Keys start with this; one per endpoint by default, so two trackers on a page do not mix. */
  readonly prefix: string;
  readonly storage?: Storage;
  /** A tab that has not written for this long is taken as gone, and its events are taken over. */
  readonly staleMs?: number;
  readonly now?: () => number;
  readonly random?: () => number;
}

/**
 * localStorage, one key per page instance (`prefix:instance`), so that two tabs never overwrite each
 * other's queue. A new instance takes over the queues of instances that closed (pagehide) or went
 * silent, and deletes their keys. Two tabs that both take one over send the same ids twice, which the
 * warehouse dedupes; nothing is lost either way.
 */
export function createLocalStorage(options: LocalStorageOptions): QueueStorage {
  const store = options.storage ?? globalThis.localStorage;
  const now = options.now ?? Date.now;
  const staleMs = options.staleMs ?? 30_000;
  const random = options.random ?? Math.random;
  const instance = `${options.prefix}:${Math.floor(random() * 2 ** 48).toString(36)}`;
  return {
    load() {
      const events: WireEvent[] = [];
      for (let i = store.length - 1; i >= 0; i -= 1) {
        const key = store.key(i);
        if (!key?.startsWith(`${options.prefix}:`) || key === instance) continue;
        try {
          const stored = JSON.parse(store.getItem(key) ?? '') as Stored;
          if (!stored.closed && now() - stored.at < staleMs) continue;
          events.push(...stored.events);
        } catch {
          // unreadable: nothing to take over
        }
        store.removeItem(key);
      }
      return events;
    },
    save(events, final) {
      if (events.length === 0) return store.removeItem(instance);
      const stored: Stored = { at: now(), ...(final ? { closed: true } : {}), events };
      store.setItem(instance, JSON.stringify(stored));
    },
  };
}
