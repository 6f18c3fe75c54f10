// The worker-thread side of createThreadedKafkaEventLog: a kafkajs event log of its own, fed through the
// thread's port. Only this file runs in the thread.
import { parentPort, workerData } from 'node:worker_threads';
import { InfraError } from '../../errors.ts';
import type { LogRecord } from '../../ports/event-log.ts';
import { createKafka, type KafkaConfig } from './kafka-client.ts';
import { createKafkaEventLog, type KafkaEventLogOptions } from './kafka-event-log.ts';
import type { ThreadReply, ThreadRequest } from './kafka-threaded-event-log.ts';

const port = parentPort;
if (!port) throw new Error('kafka-event-log-thread.ts runs only as a worker thread');
const { config, options } = workerData as {
  config: Omit<KafkaConfig, 'log'>;
  options: KafkaEventLogOptions;
};

const reply = (message: ThreadReply) => port.postMessage(message);
const kafka = createKafka({
  ...config,
  log: (level, message, fields) => {
    try {
      reply({ type: 'log', level, message, fields });
    } catch {
      // fields that can't cross threads (functions, sockets): their text will do
      reply({ type: 'log', level, message, fields: { detail: String(JSON.stringify(fields)) } });
    }
  },
});
const log = createKafkaEventLog(kafka, options);

port.on('message', (request: ThreadRequest) => {
  if (request.type === 'close') {
    void log.close().finally(() => {
      reply({ type: 'closed' });
      port.close();
    });
    return;
  }
  const { id, topic, keys, values, ends, headers } = request;
  const records: LogRecord[] = new Array(keys.length);
  let start = 0;
  for (let i = 0; i < keys.length; i += 1) {
    const end = ends[i] as number;
    const recordHeaders = Array.isArray(headers) ? headers[i] : headers;
    records[i] = {
      key: keys[i] as string,
      value: values.subarray(start, end),
      ...(recordHeaders ? { headers: recordHeaders } : {}),
    };
    start = end;
  }
  log.append(topic, records).then(
    () => reply({ type: 'done', id }),
    (error: unknown) =>
      reply({
        type: 'failed',
        id,
        code: error instanceof InfraError ? error.code : 'KAFKA_UNAVAILABLE',
        message: error instanceof Error ? describe(error) : String(error),
        retriable: error instanceof InfraError ? error.retriable : true,
      }),
  );
});

reply({ type: 'ready' });

/** The message with its causes, which do not cross the thread boundary as objects. */
function describe(error: Error): string {
  const parts = [error.message];
  for (let cause = error.cause; cause instanceof Error; cause = cause.cause) parts.push(cause.message);
  return parts.join(': ');
}
