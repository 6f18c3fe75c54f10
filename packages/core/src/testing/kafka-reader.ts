import type { IHeaders, Kafka } from 'kafkajs';
import { uniqueName } from './engines.ts';

export interface ReadRecord {
  readonly key: string;
  readonly value: Buffer;
  readonly headers: Record<string, string>;
  readonly partition: number;
  readonly offset: string;
}

/**
 * Reads a topic in a fresh consumer group until `done(records)` holds; fails after timeoutMs with how many
 * records it saw. From the beginning, or from given offsets (e.g. the ends taken before the test wrote).
 * For tests: they wait on data, never on time.
 */
export async function readTopicUntil(
  kafka: Kafka,
  topic: string,
  done: (records: readonly ReadRecord[]) => boolean,
  timeoutMs = 60_000,
  startAt?: readonly { partition: number; offset: string }[],
): Promise<ReadRecord[]> {
  const consumer = kafka.consumer({ groupId: uniqueName('test-reader'), maxWaitTimeInMs: 100 });
  const records: ReadRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `read ${records.length} records of ${topic} in ${timeoutMs} ms without reaching the condition`,
            ),
          ),
        timeoutMs,
      );
      consumer
        .run({
          eachMessage: async ({ message, partition }) => {
            records.push({
              key: String(message.key),
              value: message.value ?? Buffer.alloc(0),
              headers: stringHeaders(message.headers),
              partition,
              offset: message.offset,
            });
            if (done(records)) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
      for (const { partition, offset } of startAt ?? []) consumer.seek({ topic, partition, offset });
    });
    return records;
  } finally {
    await consumer.disconnect();
  }
}

function stringHeaders(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name, String(value)]));
}
