import type { Kafka } from 'kafkajs';
import { InfraError } from '../../errors.ts';
import type { EventLog } from '../../ports/event-log.ts';

export interface KafkaEventLogOptions {
  /** How long one append may wait for the brokers before it fails as unknown. */
  readonly timeoutMs?: number;
  /** Send retries inside kafkajs before an append fails as unknown. */
  readonly retries?: number;
}

/**
 * An EventLog on an idempotent kafkajs producer with acks=all: an append resolves only when every
 * in-sync replica has the records, and broker-side sequence numbers stop internal retries from
 * duplicating them.
 */
export function createKafkaEventLog(kafka: Kafka, options: KafkaEventLogOptions = {}): EventLog {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 5,
    // Bounded, so that a dead cluster becomes an error (and a 503 at the edge) instead of a hang. A
    // failed append is "unknown" to the caller, who retries with the same event ids.
    retry: { retries: options.retries ?? 5, initialRetryTime: 100, maxRetryTime: 2000 },
  });
  let connected: Promise<void> | undefined;
  const connect = () => {
    connected ??= producer.connect().catch((error: unknown) => {
      connected = undefined;
      throw error;
    });
    return connected;
  };

  return {
    async append(topic, records) {
      if (records.length === 0) return;
      try {
        await connect();
        await producer.send({
          topic,
          acks: -1,
          timeout: timeoutMs,
          messages: records.map((record) => ({
            key: record.key,
            value: Buffer.from(record.value.buffer, record.value.byteOffset, record.value.byteLength),
            headers: record.headers ? { ...record.headers } : undefined,
          })),
        });
      } catch (error) {
        throw new InfraError('KAFKA_UNAVAILABLE', `could not append ${records.length} records to ${topic}`, {
          retriable: true,
          cause: error,
        });
      }
    },
    async close() {
      await producer.disconnect();
    },
  };
}
