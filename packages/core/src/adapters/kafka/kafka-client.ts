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
    // Fail within seconds when the cluster is unreachable: callers turn that into a 503 and retry.
    connectionTimeout: 1000,
    retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1000 },
    logCreator:
      () =>
      ({ level, namespace, log }: LogEntry) => {
        const { message, ...fields } = log;
        config.log?.(level === logLevel.ERROR ? 'error' : 'warn', message, { namespace, ...fields });
      },
  });
}
