import type { Consumer, ConsumerConfig, EachBatchPayload, Kafka } from 'kafkajs';
import type { Logger } from 'pino';

export interface BatchConsumerOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly sessionTimeoutMs?: number;
  readonly partitionsConcurrently: number;
  /**
   * false: the handler resolves what it processed (`payload.resolveOffset`), and kafkajs fetches the rest of the
   * batch again. Default true: a batch that returns is resolved through its last offset.
   */
  readonly autoResolve?: boolean;
  /** More consumer settings (fetch sizes). */
  readonly config?: Partial<ConsumerConfig>;
  /** Told of every (re)join with this member's assignment, by topic. */
  readonly onJoin?: (consumer: Consumer, assignment: Record<string, number[]>) => void;
  /** One non-empty partition batch; commits are the handler's, after the work they cover. */
  readonly handle: (payload: EachBatchPayload, consumer: Consumer) => Promise<void>;
}

/**
 * A worker role's consumer group: batches with manual commits, heartbeats while a batch blocks on an engine
 * (longer than the session timeout, possibly), and a fresh consumer when kafkajs gives up on one.
 */
export async function startBatchConsumer(
  kafka: Kafka,
  log: Logger,
  options: BatchConsumerOptions,
): Promise<{ stop(): Promise<void> }> {
  let stopping = false;
  let consumer: Consumer;

  async function run(): Promise<void> {
    const current = kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: 3000,
      ...options.config,
    });
    consumer = current;
    const { onJoin } = options;
    if (onJoin)
      current.on(current.events.GROUP_JOIN, ({ payload }) => onJoin(current, payload.memberAssignment));
    // kafkajs gives up on errors it deems final (such as being dropped from the group after a long stall);
    // a fresh consumer rejoins and resumes from the committed offsets.
    current.on(current.events.CRASH, ({ payload }) => {
      if (payload.restart || stopping) return;
      log.error({ err: payload.error }, 'consumer crashed; starting a new one in 1 s');
      setTimeout(
        () => void run().catch((error: unknown) => log.error({ err: error }, 'consumer restart failed')),
        1000,
      );
    });
    await current.connect();
    await current.subscribe({ topics: [...options.topics], fromBeginning: true });
    await current.run({
      autoCommit: false,
      eachBatchAutoResolve: options.autoResolve ?? true,
      partitionsConsumedConcurrently: options.partitionsConcurrently,
      eachBatch: async (payload) => {
        if (payload.batch.isEmpty()) return;
        const beat = setInterval(() => void payload.heartbeat().catch(() => {}), 1000);
        try {
          await options.handle(payload, current);
        } finally {
          clearInterval(beat);
        }
      },
    });
  }

  await run();
  return {
    async stop() {
      stopping = true;
      await consumer.disconnect(); // lets the running batches finish and commit, then leaves the group
    },
  };
}
