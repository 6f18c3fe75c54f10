import { InfraError } from '../errors.ts';
import type { EventLog, LogRecord } from '../ports/event-log.ts';

/** An in-memory EventLog for unit tests; `down = true` makes appends fail as Kafka would when it is down. */
export function createMemoryEventLog() {
  const topics = new Map<string, LogRecord[]>();
  const log = {
    down: false,
    records(topic: string): LogRecord[] {
      return topics.get(topic) ?? [];
    },
    async append(topic: string, records: readonly LogRecord[]) {
      if (records.length === 0) return;
      if (log.down)
        throw new InfraError('KAFKA_UNAVAILABLE', `could not append ${records.length} records to ${topic}`, {
          retriable: true,
        });
      topics.set(topic, [...log.records(topic), ...records]);
    },
    async close() {},
  } satisfies EventLog & Record<string, unknown>;
  return log;
}
