import type { Kafka, Message } from 'kafkajs';
import { InfraError } from '../../errors.ts';
import type { EventLog, LogRecord } from '../../ports/event-log.ts';
import { keyPartitioner } from './kafka-partitioner.ts';

export interface KafkaEventLogOptions {
  /** How long one send may wait for the brokers before it fails as unknown. */
  readonly timeoutMs?: number;
  /** Send retries inside kafkajs before an append fails as unknown. */
  readonly retries?: number;
  /** Appends beyond this many unacknowledged bytes (queued or in flight) are refused at once (backpressure). */
  readonly maxQueuedBytes?: number;
  /** Upper bound of one merged send. */
  readonly maxSendBytes?: number;
}

interface PendingAppend {
  readonly topic: string;
  readonly messages: Message[];
  readonly bytes: number;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * An EventLog on an idempotent kafkajs producer with acks=all: an append resolves only when every
 * in-sync replica has its records. kafkajs's idempotent producer sends one request per broker at a time,
 * so appends that arrive while a send is in flight are merged into the next send (smart batching: no
 * linger when idle, bigger batches under load). A failed send fails every append in it as unknown; the
 * callers retry with the same keys.
 */
export function createKafkaEventLog(kafka: Kafka, options: KafkaEventLogOptions = {}): EventLog {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxQueuedBytes = options.maxQueuedBytes ?? 64 * 1024 * 1024;
  // Below the brokers' default per-batch limit (message.max.bytes, 1 MiB): keyed records spread one send
  // over the partitions, so no partition's batch gets near it.
  const maxSendBytes = options.maxSendBytes ?? 1024 * 1024;
  const newProducer = () =>
    kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: keyPartitioner,
      // Bounded, so that a dead cluster becomes an error (and a 503 at the edge) instead of a hang.
      retry: { retries: options.retries ?? 3, initialRetryTime: 100, maxRetryTime: 1000 },
    });
  let producer = newProducer();
  let connected: Promise<void> | undefined;
  const queue: PendingAppend[] = [];
  let unacknowledgedBytes = 0;
  let draining: Promise<void> | undefined;

  const connect = () => {
    connected ??= producer.connect().catch((error: unknown) => {
      connected = undefined;
      throw error;
    });
    return connected;
  };

  function drain(): void {
    if (draining) return;
    draining = sendAll().finally(() => {
      draining = undefined;
      // An append made after sendAll's last look at the queue, but before this callback, is still waiting.
      if (queue.length > 0) drain();
    });
  }

  async function sendAll(): Promise<void> {
    while (queue.length > 0) {
      const batch = takeBatch();
      const byTopic = new Map<string, Message[]>();
      for (const append of batch) {
        const messages = byTopic.get(append.topic);
        if (messages) messages.push(...append.messages);
        else byTopic.set(append.topic, [...append.messages]);
      }
      try {
        await connect();
        await producer.sendBatch({
          acks: -1,
          timeout: timeoutMs,
          topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
        });
        for (const append of batch) append.resolve();
      } catch (error) {
        for (const append of batch) append.reject(error);
        // After a failed send the idempotent producer's sequence state may be stuck (a broker that restarted
        // can refuse it for good); the next send starts with a fresh producer id.
        const failed = producer;
        producer = newProducer();
        connected = undefined;
        void failed.disconnect().catch(() => {});
      } finally {
        for (const append of batch) unacknowledgedBytes -= append.bytes;
      }
    }
  }

  function takeBatch(): PendingAppend[] {
    const batch: PendingAppend[] = [];
    let bytes = 0;
    while (queue.length > 0) {
      const next = queue[0] as PendingAppend;
      if (batch.length > 0 && bytes + next.bytes > maxSendBytes) break;
      queue.shift();
      bytes += next.bytes;
      batch.push(next);
    }
    return batch;
  }

  return {
    append(topic, records) {
      if (records.length === 0) return Promise.resolve();
      const bytes = records.reduce((sum, record) => sum + record.key.length + record.value.byteLength, 0);
      if (unacknowledgedBytes + bytes > maxQueuedBytes) {
        return Promise.reject(
          new InfraError(
            'KAFKA_QUEUE_FULL',
            `${unacknowledgedBytes} bytes already wait for Kafka's acknowledgement; refusing ${bytes} more`,
            {
              retriable: true,
            },
          ),
        );
      }
      return new Promise<void>((resolve, reject) => {
        queue.push({
          topic,
          messages: records.map(toMessage),
          bytes,
          resolve,
          reject: (error) =>
            reject(
              new InfraError('KAFKA_UNAVAILABLE', `could not append ${records.length} records to ${topic}`, {
                retriable: retriable(error),
                cause: error,
              }),
            ),
        });
        unacknowledgedBytes += bytes;
        drain();
      });
    },
    async close() {
      await draining;
      await producer.disconnect();
    },
  };
}

function toMessage(record: LogRecord): Message {
  return {
    key: record.key,
    value: Buffer.from(record.value.buffer, record.value.byteOffset, record.value.byteLength),
    // kafkajs only reads headers; no copy per record (records of one batch usually share one object).
    headers: record.headers as Message['headers'],
  };
}

/**
 * kafkajs marks what a broker refuses for good (a record too large, an unknown topic in the end) as not
 * retriable, at the root of its error chain; everything else (connections, leaders moving) passes.
 */
function retriable(error: unknown): boolean {
  let root = error as { cause?: unknown; originalError?: unknown; retriable?: boolean } | undefined;
  while (root?.cause ?? root?.originalError) root = (root.cause ?? root.originalError) as typeof root;
  return root?.retriable !== false;
}
