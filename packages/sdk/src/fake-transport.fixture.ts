// A scripted transport for unit tests: records each attempt and answers from a script (then acks).
import type { SendOutcome, Transport, WireEvent } from './protocol.ts';

export interface Attempt {
  readonly ids: readonly string[];
  readonly events: readonly WireEvent[];
  readonly sentAt: number;
}

export function fakeTransport(script: ((events: readonly WireEvent[]) => SendOutcome | undefined)[] = []) {
  const attempts: Attempt[] = [];
  const transport: Transport & { attempts: Attempt[]; closed: boolean } = {
    name: 'fake',
    attempts,
    closed: false,
    async send(events, sentAt) {
      attempts.push({ ids: events.map((e) => e.id), events, sentAt });
      const step = script.shift();
      return step?.(events) ?? { kind: 'ack', rejected: [] };
    },
    close() {
      transport.closed = true;
    },
  };
  return transport;
}

export const unknown = (): SendOutcome => ({ kind: 'retry', reason: 'timeout' });

/** Polls until check is true; fails after timeoutMs. */
export async function eventually(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A Map-backed Web Storage. */
export function memoryWebStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    key: (index) => [...map.keys()][index] ?? null,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, String(value)),
    removeItem: (key) => void map.delete(key),
    clear: () => map.clear(),
  };
}
