import { Kafka, type LogEntry, logLevel } from 'kafkajs';

export interface KafkaConfig {
  /** host:port list. */
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Receives kafkajs's own log lines (warnings and errors only). */
  readonly log?: (level: 'warn' | 'error', message: string, fields: Record<string, unknown>) => void;
}

export function createKafka(config: KafkaConfig): Kafka {
  return new Kafka({
    clientId: config.clientId,
    brokers: [...config.brokers],
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, namespace, log }: LogEntry) => {
        const { message, ...fields } = log;
        config.log?.(level === logLevel.ERROR ? 'error' : 'warn', message, { namespace, ...fields });
      },
  });
}
