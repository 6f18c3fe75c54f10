import { connect } from 'node:net';
import { type ISocketFactory, Kafka, type LogEntry, logLevel } from 'kafkajs';

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
    socketFactory,
    logCreator:
      () =>
      ({ level, namespace, log }: LogEntry) => {
        const { message, ...fields } = log;
        config.log?.(level === logLevel.ERROR ? 'error' : 'warn', message, { namespace, ...fields });
      },
  });
}

/**
 * kafkajs's own socket factory leaves Nagle's algorithm on. A produce request's last, partial TCP segment
 * then waits for the broker to acknowledge the ones before it, which Linux may delay by 40 ms: a stall in
 * the acks=all round trip that ingest's clients wait for. Requests are written whole, so nothing is gained
 * by coalescing them.
 */
const socketFactory: ISocketFactory = ({ host, port, onConnect }) => {
  const socket = connect({ host, port, noDelay: true }, onConnect);
  socket.setKeepAlive(true, 60_000);
  return socket;
};
