import { Worker } from 'node:worker_threads';
import { InfraError, type InfraErrorCode } from '../../errors.ts';
import type { EventLog, LogRecord } from '../../ports/event-log.ts';
import type { KafkaConfig } from './kafka-client.ts';
import type { KafkaEventLogOptions } from './kafka-event-log.ts';

/** An append, packed for the thread: every value in one transferred buffer, split at `ends`. */
export type ThreadRequest =
  | {
      readonly type: 'append';
      readonly id: number;
      readonly topic: string;
      readonly keys: string[];
      readonly values: Uint8Array;
      readonly ends: Uint32Array;
      /** One object shared by every record, or one per record. */
      readonly headers: LogRecord['headers'] | LogRecord['headers'][];
    }
  | { readonly type: 'close' };

export type ThreadReply =
  | { readonly type: 'done'; readonly id: number }
  | {
      readonly type: 'failed';
      readonly id: number;
      readonly code: InfraErrorCode;
      readonly message: string;
      readonly retriable: boolean;
    }
  | {
      readonly type: 'log';
      readonly level: 'warn' | 'error';
      readonly message: string;
      readonly fields: Record<string, unknown>;
    }
  | { readonly type: 'closed' }
  | { readonly type: 'ready' };

export interface ThreadedEventLog extends EventLog {
  /** Resolves once the thread has loaded and made its event log; appends made before then wait in it. */
  ready(): Promise<void>;
}

interface Pending {
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * createKafkaEventLog in a worker thread of its own. kafkajs encodes produce requests in JavaScript on the
 * thread that sends them, which is most of the CPU of a process that mostly publishes (ingest, replay) and
 * what stalls its event loop; in a thread, that work uses another core and the caller's loop stays free.
 * Same contract as createKafkaEventLog: an append resolves only once Kafka acknowledged it (acks=all,
 * idempotent); a rejection is an InfraError whose outcome is unknown, also when the thread dies.
 */
export function createThreadedKafkaEventLog(
  config: KafkaConfig,
  options: KafkaEventLogOptions = {},
): ThreadedEventLog {
  const { log, ...threadConfig } = config;
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let worker: Worker | undefined;
  let closing: Promise<void> | undefined;
  let readyNow: Promise<void> = Promise.resolve();

  const failAll = (message: string) => {
    const waiting = [...pending.values()];
    pending.clear();
    for (const append of waiting) {
      append.reject(new InfraError('KAFKA_UNAVAILABLE', message, { retriable: true }));
    }
  };

  const start = (): Worker => {
    const thread = new Worker(new URL('./kafka-event-log-thread.ts', import.meta.url), {
      workerData: { config: threadConfig, options },
    });
    thread.unref(); // held open only while appends wait (below), so a forgotten close() hangs nothing
    readyNow = new Promise<void>((resolve) => {
      const settle = (reply: ThreadReply) => {
        if (reply.type !== 'ready') return;
        thread.off('message', settle);
        resolve();
      };
      thread.on('message', settle);
      thread.once('exit', () => resolve());
    });
    thread.on('message', (reply: ThreadReply) => {
      if (reply.type === 'log') {
        log?.(reply.level, reply.message, reply.fields);
        return;
      }
      if (reply.type === 'closed' || reply.type === 'ready') return;
      const append = pending.get(reply.id);
      if (!append) return;
      pending.delete(reply.id);
      if (pending.size === 0) thread.unref();
      if (reply.type === 'done') append.resolve();
      else append.reject(new InfraError(reply.code, reply.message, { retriable: reply.retriable }));
    });
    thread.on('error', (error) => log?.('error', 'Kafka event log thread failed', { error: String(error) }));
    thread.on('exit', (code) => {
      if (worker === thread) worker = undefined;
      // Whatever the thread had not acknowledged has an unknown outcome; the next append starts a new one.
      if (pending.size > 0) failAll(`the Kafka event log thread exited (code ${code}) before acknowledging`);
    });
    return thread;
  };

  // Started at once: loading kafkajs in a fresh thread takes a moment that the first appends should not wait.
  worker = start();

  return {
    ready: () => readyNow,

    append(topic, records) {
      if (records.length === 0) return Promise.resolve();
      if (closing) return Promise.reject(new Error('the event log is closed'));
      worker ??= start();
      const thread = worker;
      const keys: string[] = new Array(records.length);
      const ends = new Uint32Array(records.length);
      let total = 0;
      const shared = records[0]?.headers;
      let sameHeaders = true;
      for (let i = 0; i < records.length; i += 1) {
        const record = records[i] as LogRecord;
        keys[i] = record.key;
        total += record.value.byteLength;
        ends[i] = total;
        if (record.headers !== shared) sameHeaders = false;
      }
      // A fresh ArrayBuffer (never a pooled one): it is transferred, not copied, to the thread.
      const values = new Uint8Array(total);
      for (let i = 0, at = 0; i < records.length; i += 1) {
        const value = (records[i] as LogRecord).value;
        values.set(value, at);
        at += value.byteLength;
      }
      const id = nextId++;
      const request: ThreadRequest = {
        type: 'append',
        id,
        topic,
        keys,
        values,
        ends,
        headers: sameHeaders ? shared : records.map((record) => record.headers),
      };
      return new Promise<void>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        thread.ref();
        thread.postMessage(request, [values.buffer, ends.buffer]);
      });
    },

    close() {
      closing ??= (async () => {
        const thread = worker;
        if (!thread) return;
        thread.ref();
        const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
        thread.postMessage({ type: 'close' } satisfies ThreadRequest);
        // close() in the thread waits for every append in flight, then the thread ends by itself.
        const timeout = setTimeout(() => void thread.terminate(), 15_000);
        await exited;
        clearTimeout(timeout);
      })();
      return closing;
    },
  };
}
