import type { WireEvent } from './protocol.ts';

export interface QueueLimits {
  readonly maxEvents: number;
  readonly maxBytes: number;
}

interface Entry {
  readonly event: WireEvent;
  readonly size: number;
}

const encoder = new TextEncoder();
/** The event's size as sent: its JSON in UTF-8. */
export const sizeOf = (event: WireEvent): number => encoder.encode(JSON.stringify(event)).length;

/**
 * Events waiting for an ack, oldest first. Capped by count and bytes: adding
 * past a cap drops the oldest events and returns them, so the caller can report them.
 */
export function createQueue(limits: QueueLimits) {
  let entries: Entry[] = [];
  let bytes = 0;

  const trim = (): WireEvent[] => {
    const dropped: WireEvent[] = [];
    while (entries.length > limits.maxEvents || (bytes > limits.maxBytes && entries.length > 0)) {
      const entry = entries.shift() as Entry;
      bytes -= entry.size;
      dropped.push(entry.event);
    }
    return dropped;
  };

  return {
    get count() {
      return entries.length;
    },
    get bytes() {
      return bytes;
    },
    all: (): WireEvent[] => entries.map((entry) => entry.event),
    has: (id: string) => entries.some((entry) => entry.event.id === id),

    /** Adds new events at the end. */
    add(events: readonly WireEvent[]): WireEvent[] {
      for (const event of events) {
        const size = sizeOf(event);
        entries.push({ event, size });
        bytes += size;
      }
      return trim();
    },

    /**
     * Puts events from an earlier page or process (or several closed tabs) before the new ones, oldest
     * first, ignoring ids already queued.
     */
    restore(events: readonly WireEvent[]): WireEvent[] {
      const known = new Set(entries.map((entry) => entry.event.id));
      const restored: Entry[] = [];
      for (const event of events) {
        if (known.has(event.id)) continue;
        known.add(event.id);
        restored.push({ event, size: sizeOf(event) });
        bytes += restored[restored.length - 1]?.size ?? 0;
      }
      // By the ids' millisecond; the sort is stable, so events of one millisecond keep their stored order.
      const ms = (entry: Entry) => entry.event.id.slice(0, 13);
      restored.sort((a, b) => (ms(a) < ms(b) ? -1 : ms(a) > ms(b) ? 1 : 0));
      entries = [...restored, ...entries];
      return trim();
    },

    /** The oldest events that fit in one batch; they stay queued until acked. */
    peek(maxEvents: number, maxBytes: number): WireEvent[] {
      const batch: WireEvent[] = [];
      let size = 0;
      for (const entry of entries) {
        // +1 for the comma between events; the first event always goes, whatever its size.
        if (batch.length >= maxEvents || (batch.length > 0 && size + entry.size + 1 > maxBytes)) break;
        batch.push(entry.event);
        size += entry.size + 1;
      }
      return batch;
    },

    remove(ids: ReadonlySet<string>): void {
      entries = entries.filter((entry) => {
        if (!ids.has(entry.event.id)) return true;
        bytes -= entry.size;
        return false;
      });
    },
  };
}

export type Queue = ReturnType<typeof createQueue>;
