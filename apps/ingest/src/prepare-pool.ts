import { Worker } from 'node:worker_threads';
import {
  type PreparedBatch,
  type PrepareOptions,
  type PrepareRequest,
  prepareBatch,
} from './prepare-batch.ts';

/** Prepares a batch for Kafka (prepare-batch.ts), on the calling thread or on another one. */
export type Preparer = (request: PrepareRequest) => Promise<PreparedBatch>;

export interface PreparePool {
  readonly prepare: Preparer;
  close(): Promise<void>;
}

export interface PreparePoolOptions extends PrepareOptions {
  /** Threads besides the request thread; 0 prepares every batch inline. */
  readonly threads: number;
  /**
   * Smaller bodies (single events, small batches) are prepared inline: for them the trip to a thread costs
   * more than it saves. Default 8 KiB.
   */
  readonly minThreadBytes?: number;
  readonly onThreadError?: (error: unknown) => void;
}

export type ThreadRequest = { readonly id: number } & PrepareRequest;
export type ThreadReply =
  | { readonly id: number; readonly prepared: PreparedBatch }
  | { readonly id: number; readonly error: string };

interface Pending {
  readonly request: PrepareRequest;
  readonly resolve: (prepared: PreparedBatch) => void;
  readonly reject: (error: unknown) => void;
}

interface PrepareThread {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
}

/**
 * Decoding, normalising and encoding are most of ingest's CPU per event and need no I/O, so batches are
 * prepared on worker threads while the request thread keeps HTTP, WebSockets and the Kafka producer: one
 * process then uses more than one core, with one producer (whose sends merge every batch in flight) and one
 * set of connections, rate limits and long-poll acks. A batch goes to the thread with the fewest waiting.
 * A thread that dies is replaced, and the batches it held are prepared inline: preparing is pure, so
 * nothing is lost or done twice. Threads make the ids of events that came without one with newUuidV7;
 * `newId` serves inline preparation.
 */
export function createPreparePool(options: PreparePoolOptions): PreparePool {
  const inline: Preparer = async (request) => prepareBatch(request, options);
  const minThreadBytes = options.minThreadBytes ?? 8 * 1024;
  const threads: (PrepareThread | undefined)[] = [];
  let nextId = 0;
  let closed = false;

  const start = (slot: number): PrepareThread => {
    const worker = new Worker(new URL('./prepare-thread.ts', import.meta.url), {
      workerData: { limits: options.limits },
    });
    worker.unref(); // held open only while batches wait (below)
    const thread: PrepareThread = { worker, pending: new Map() };
    worker.on('message', (reply: ThreadReply) => {
      const waiting = thread.pending.get(reply.id);
      if (!waiting) return;
      thread.pending.delete(reply.id);
      if (thread.pending.size === 0) worker.unref();
      if ('prepared' in reply) waiting.resolve(reply.prepared);
      else waiting.reject(new Error(reply.error));
    });
    worker.on('error', (error) => options.onThreadError?.(error));
    worker.on('exit', () => {
      if (threads[slot] === thread) threads[slot] = undefined;
      for (const waiting of thread.pending.values())
        inline(waiting.request).then(waiting.resolve, waiting.reject);
      thread.pending.clear();
    });
    threads[slot] = thread;
    return thread;
  };
  for (let slot = 0; slot < options.threads; slot++) start(slot);

  const leastBusy = (): PrepareThread | undefined => {
    let best: PrepareThread | undefined;
    for (let slot = 0; slot < options.threads; slot++) {
      const thread = threads[slot] ?? start(slot);
      if (!best || thread.pending.size < best.pending.size) best = thread;
    }
    return best;
  };

  return {
    prepare(request) {
      const thread = closed || request.bytes.byteLength < minThreadBytes ? undefined : leastBusy();
      if (!thread) return inline(request);
      const id = nextId++;
      return new Promise<PreparedBatch>((resolve, reject) => {
        thread.pending.set(id, { request, resolve, reject });
        thread.worker.ref();
        thread.worker.postMessage({ id, ...request } satisfies ThreadRequest);
      });
    },
    async close() {
      closed = true;
      // Batches still on a thread are prepared inline when it exits (above).
      await Promise.all(threads.map((thread) => thread?.worker.terminate()));
    },
  };
}
