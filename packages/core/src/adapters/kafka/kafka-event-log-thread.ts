// The worker-thread side of createThreadedKafkaEventLog: a kafkajs event log of its own, fed through the
// thread's port. Only this file runs in the thread.
import { parentPort, workerData } from 'node:worker_threads';
import { InfraError } from '../../errors.ts';
import type { LogRecord } from '../../ports/event-log.ts';
import { createKafka, type KafkaConfig } from './kafka-client.ts';
import { createKafkaEventLog, type KafkaEventLogOptions } from './kafka-event-log.ts';
import type { ThreadAppend, ThreadReply, ThreadRequest } from './kafka-threaded-event-log.ts';

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

// Acknowledgements of one event-loop turn go back in one message.
let done: number[] = [];
const flushDone = () => {
  const ids = done;
  done = [];
  if (ids.length > 0) reply({ type: 'done', ids });
};

port.on('message', (request: ThreadRequest) => {
  if (request.type === 'close') {
    void log.close().finally(() => {
      flushDone(); // the last acknowledgements, before the port closes
      reply({ type: 'closed' });
      port.close();
    });
    return;
  }
  for (const append of request.appends) start(append);
});

function start({ id, topic, keys, values, ends, headers }: ThreadAppend): void {
  const records: LogRecord[] = new Array(keys.length);
  let from = 0;
  for (let i = 0; i < keys.length; i += 1) {
    const end = ends[i] as number;
    const recordHeaders = Array.isArray(headers) ? headers[i] : headers;
    records[i] = {
      key: keys[i] as string,
      value: values.subarray(from, end),
      ...(recordHeaders ? { headers: recordHeaders } : {}),
    };
    from = end;
  }
  log.append(topic, records).then(
    () => {
      if (done.length === 0) setImmediate(flushDone);
      done.push(id);
    },
    (error: unknown) =>
      reply({
        type: 'failed',
        id,
        code: error instanceof InfraError ? error.code : 'KAFKA_UNAVAILABLE',
        message: error instanceof Error ? describe(error) : String(error),
        retriable: error instanceof InfraError ? error.retriable : true,
      }),
  );
}

reply({ type: 'ready' });

/** The message with its causes, which do not cross the thread boundary as objects. */
function describe(error: Error): string {
  const parts = [error.message];
  for (let cause = error.cause; cause instanceof Error; cause = cause.cause) parts.push(cause.message);
  return parts.join(': ');
}
