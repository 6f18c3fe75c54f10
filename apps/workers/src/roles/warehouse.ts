import { createHash } from 'node:crypto';
import type { LogRecord } from '@tidemark/core';
import { createCassandraEventStore } from '@tidemark/core/cassandra';
import { createKafkaEventLog } from '@tidemark/core/kafka';
import { encodeInvalidEvent } from '@tidemark/proto';
import type { Consumer, EachBatchPayload } from 'kafkajs';
import { Counter, Gauge, Histogram } from 'prom-client';
import { startBatchConsumer } from '../batch-consumer.ts';
import { type BatchRetry, untilDone } from '../batch-retry.ts';
import type { Role, RoleContext } from '../role.ts';
import { prepareBatch } from '../warehouse-batch.ts';

export interface WarehouseOptions {
  readonly topics: { readonly events: string; readonly invalid: string };
  readonly groupId: string;
  /** S, used only if the deployment has none yet (the stored one always wins). */
  readonly shards: number;
  readonly partitionsConcurrently: number;
  readonly sessionTimeoutMs?: number;
  /** Defaults to the engines' keyspace. */
  readonly keyspace?: string;
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
}

/**
 * Seed B: writes every event of the live topic into the warehouse, first copy wins (DESIGN.md invariant 3).
 * Per partition batch: decode, keep each id's lowest offset, read which ids exist, insert the rest, then
 * commit the batch's offsets, never before. When Cassandra fails, the batch waits and retries with backoff,
 * heartbeating, so consumption pauses and resumes by itself; a rebalance abandons it uncommitted.
 */
export async function startWarehouse(context: RoleContext, options: WarehouseOptions): Promise<Role> {
  const log = context.logger.child({ component: 'warehouse' });
  const store = createCassandraEventStore(context.cassandra, {
    keyspace: options.keyspace ?? context.engines.cassandra.keyspace,
  });
  const backoff = options.backoff ?? { initialMs: 200, maxMs: 5000 };
  const metrics = createWarehouseMetrics(context);
  const shards = await store.fixShards(options.shards);
  if (shards !== options.shards) {
    log.warn(
      { configured: options.shards, stored: shards },
      'WAREHOUSE_SHARDS differs from the shard count fixed for this deployment; using the stored one',
    );
  }
  const invalidLog = createKafkaEventLog(context.kafka);

  async function storeBatch(payload: EachBatchPayload, consumer: Consumer): Promise<void> {
    const { batch } = payload;
    const started = performance.now();
    const retry: BatchRetry = {
      backoff,
      log,
      onPause: (paused) => metrics.paused.set({ partition: batch.partition }, paused ? 1 : 0),
    };
    const { rows, undecodable } = prepareBatch(batch.messages, batch.partition, shards);
    const written = await untilDone(
      retry,
      'writing to Cassandra',
      async () => {
        const existing = await store.canonicalSources(rows);
        const absent = rows.filter((row) => !existing.has(row.id));
        await store.insert(absent);
        return absent.length;
      },
      payload,
    );
    if (undecodable.length > 0) {
      const copies: LogRecord[] = undecodable.map((record) => ({
        key: record.tenant,
        value: encodeInvalidEvent({
          tenant: record.tenant,
          head: record.value.subarray(0, 16 * 1024),
          size: record.value.length,
          sha256: createHash('sha256').update(record.value).digest(),
          code: 'WAREHOUSE_UNDECODABLE',
          reason: `${options.topics.events} partition ${batch.partition} offset ${record.offset}: ${record.reason}`,
          receivedAt: Date.now(),
        }),
      }));
      await untilDone(
        retry,
        'copying undecodable records',
        () => invalidLog.append(options.topics.invalid, copies),
        payload,
      );
      metrics.undecodable.inc(undecodable.length);
    }
    context.failpoints.hit('warehouse-after-write');
    const next = (BigInt(batch.lastOffset()) + 1n).toString();
    await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next }]);
    metrics.rows.inc(written);
    metrics.duplicates.inc(batch.messages.length - undecodable.length - written);
    metrics.batchSeconds.observe((performance.now() - started) / 1000);
    metrics.lag.set({ partition: batch.partition }, Number(batch.offsetLag()));
  }

  const consumer = await startBatchConsumer(context.kafka, log, {
    groupId: options.groupId,
    topics: [options.topics.events],
    ...(options.sessionTimeoutMs ? { sessionTimeoutMs: options.sessionTimeoutMs } : {}),
    partitionsConcurrently: options.partitionsConcurrently,
    // Bigger fetches make bigger batches: more rows of each warehouse partition per Cassandra batch.
    config: { maxBytesPerPartition: 4 * 1024 * 1024, maxBytes: 32 * 1024 * 1024 },
    handle: storeBatch,
  });
  log.info({ shards, group: options.groupId, topic: options.topics.events }, 'warehouse consuming');

  return {
    checks: [],
    async stop() {
      await consumer.stop();
      await invalidLog.close();
    },
  };
}

function createWarehouseMetrics(context: RoleContext) {
  const registers = [context.registry];
  return {
    rows: new Counter({
      name: 'tidemark_warehouse_rows_written_total',
      help: 'Events written to the warehouse',
      registers,
    }),
    duplicates: new Counter({
      name: 'tidemark_warehouse_copies_skipped_total',
      help: 'Later copies of events already in the warehouse (client retries, redeliveries)',
      registers,
    }),
    undecodable: new Counter({
      name: 'tidemark_warehouse_undecodable_total',
      help: 'Live records that are not events, copied to the invalid topic',
      registers,
    }),
    batchSeconds: new Histogram({
      name: 'tidemark_warehouse_batch_seconds',
      help: 'Time to store one partition batch, reads and writes included',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    lag: new Gauge({
      name: 'tidemark_warehouse_lag',
      help: 'Records behind the end of each live partition',
      labelNames: ['partition'],
      registers,
    }),
    paused: new Gauge({
      name: 'tidemark_warehouse_paused',
      help: '1 while a partition waits for Cassandra',
      labelNames: ['partition'],
      registers,
    }),
  };
}
