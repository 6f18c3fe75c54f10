// The thread side of createPreparePool: prepares the batches posted to it. Only this file runs in the thread.
import { parentPort, workerData } from 'node:worker_threads';
import { type IngestLimits, newUuidV7 } from '@tidemark/core';
import { prepareBatch } from './prepare-batch.ts';
import type { ThreadReply, ThreadRequest } from './prepare-pool.ts';

const port = parentPort;
if (!port) throw new Error('prepare-thread.ts runs only as a worker thread');
const options = { limits: (workerData as { limits: IngestLimits }).limits, newId: newUuidV7 };

port.on('message', ({ id, ...request }: ThreadRequest) => {
  let reply: ThreadReply;
  try {
    reply = { id, prepared: prepareBatch(request, options) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(reply);
});
