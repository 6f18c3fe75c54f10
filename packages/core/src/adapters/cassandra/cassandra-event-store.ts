import cassandra from 'cassandra-driver';
import { boundedMemo } from '../../domain/bounded-memo.ts';
import type { SourcePosition, WarehouseKey } from '../../domain/warehouse-key.ts';
import { InfraError } from '../../errors.ts';
import type { EventStore } from '../../ports/event-store.ts';

const { LocalDate, Long, Uuid } = cassandra.types;

/** The driver's date for a day name, kept: parsing it again for every statement showed in profiles. */
const localDateOf = boundedMemo((day: string) => LocalDate.fromString(day), 4096);

const keyText = (key: WarehouseKey) => `${key.tenant}\u0000${key.day}\u0000${key.shard}`;

/** Runs `work` over the items with at most `limit` in flight; rejects on the first failure. */
async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export interface CassandraEventStoreOptions {
  readonly keyspace: string;
  /** Statements (single rows or batches) in flight at once for one call. */
  readonly concurrency?: number;
  /**
   * Rows of one warehouse partition per unlogged batch. Single-partition batches skip Cassandra's batch size
   * thresholds (CASSANDRA-10876); this bound keeps one mutation moderate (100 rows of 500 B: 50 KB).
   */
  readonly batchRows?: number;
}

/** The warehouse on the `events` table of DESIGN.md invariant 3 (schema in cassandra-schema.ts). */
export function createCassandraEventStore(
  client: cassandra.Client,
  options: CassandraEventStoreOptions,
): EventStore {
  const table = `${options.keyspace}.events`;
  const concurrencyLevel = options.concurrency ?? 64;
  const batchRows = options.batchRows ?? 100;
  const insertStatement = `INSERT INTO ${table} (tenant, day, shard, id, name, event_time, received_at, payload, source_partition, source_offset)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
  const partitionValues = (key: WarehouseKey) => [key.tenant, localDateOf(key.day), key.shard];
  const unavailable = (what: string, error: unknown) =>
    new InfraError('CASSANDRA_UNAVAILABLE', `${what} failed on ${table}`, {
      retriable: retriable(error),
      cause: error,
    });

  return {
    async canonicalSources(events) {
      const byPartition = new Map<string, { key: WarehouseKey; ids: string[] }>();
      for (const { key, id } of events) {
        const name = keyText(key);
        const group = byPartition.get(name) ?? { key, ids: [] };
        group.ids.push(id);
        byPartition.set(name, group);
      }
      const found = new Map<string, SourcePosition>();
      try {
        await Promise.all(
          [...byPartition.values()].map(async ({ key, ids }) => {
            const result = await client.execute(
              `SELECT id, source_partition, source_offset FROM ${table} WHERE tenant = ? AND day = ? AND shard = ? AND id IN ?`,
              [...partitionValues(key), ids.map((id) => Uuid.fromString(id))],
              { prepare: true },
            );
            for (const row of result.rows) {
              found.set(String(row.get('id')), {
                partition: row.get('source_partition') as number,
                offset: String(row.get('source_offset')),
              });
            }
          }),
        );
      } catch (error) {
        throw unavailable(`reading ${events.length} ids`, error);
      }
      return found;
    },

    async insert(rows) {
      if (rows.length === 0) return;
      // One unlogged batch per warehouse partition (a chunk of it): Cassandra applies a single-partition
      // batch as one mutation, far cheaper than one statement per row, and without the batch log.
      const byPartition = new Map<string, unknown[][]>();
      for (const row of rows) {
        const name = keyText(row.key);
        const values = [
          ...partitionValues(row.key),
          Uuid.fromString(row.id),
          row.name,
          new Date(row.eventTime),
          new Date(row.receivedAt),
          Buffer.from(row.payload.buffer, row.payload.byteOffset, row.payload.byteLength),
          row.source.partition,
          Long.fromString(row.source.offset),
        ];
        const group = byPartition.get(name);
        if (group) group.push(values);
        else byPartition.set(name, [values]);
      }
      const chunks: unknown[][][] = [];
      for (const group of byPartition.values()) {
        for (let first = 0; first < group.length; first += batchRows)
          chunks.push(group.slice(first, first + batchRows));
      }
      try {
        await forEachConcurrently(chunks, concurrencyLevel, (chunk) =>
          chunk.length === 1
            ? client.execute(insertStatement, chunk[0], { prepare: true, isIdempotent: true })
            : client.batch(
                chunk.map((params) => ({ query: insertStatement, params })),
                { prepare: true, logged: false, isIdempotent: true },
              ),
        );
      } catch (error) {
        throw unavailable(`writing ${rows.length} rows`, error);
      }
    },

    async scan(key, page) {
      try {
        const result = await client.execute(
          `SELECT id, name, event_time, received_at, payload, source_partition, source_offset FROM ${table}
           WHERE tenant = ? AND day = ? AND shard = ?`,
          partitionValues(key),
          { prepare: true, fetchSize: page.size, ...(page.after ? { pageState: page.after } : {}) },
        );
        return {
          rows: result.rows.map((row) => ({
            key,
            id: String(row.get('id')),
            name: row.get('name') as string,
            eventTime: (row.get('event_time') as Date).getTime(),
            receivedAt: (row.get('received_at') as Date).getTime(),
            payload: row.get('payload') as Buffer,
            source: {
              partition: row.get('source_partition') as number,
              offset: String(row.get('source_offset')),
            },
          })),
          ...(result.pageState ? { next: result.pageState } : {}),
        };
      } catch (error) {
        throw unavailable(`scanning ${key.tenant}/${key.day}/${key.shard}`, error);
      }
    },

    async fixShards(configured) {
      try {
        const settings = `${options.keyspace}.warehouse_settings`;
        const insert = await client.execute(
          `INSERT INTO ${settings} (name, value) VALUES ('shards', ?) IF NOT EXISTS`,
          [configured],
          { prepare: true, serialConsistency: cassandra.types.consistencies.localSerial },
        );
        const applied = insert.first()?.get('[applied]') as boolean;
        return applied ? configured : (insert.first()?.get('value') as number);
      } catch (error) {
        throw unavailable('fixing the shard count', error);
      }
    },
  };
}

/**
 * Only a statement Cassandra refuses as such (syntax, invalid, unauthorised, schema) is a bug; anything else
 * (timeouts, unreachable or restarting nodes, closed connections) passes with time, so it is retried.
 */
function retriable(error: unknown): boolean {
  const { errors, types } = cassandra;
  if (!(error instanceof errors.ResponseError)) return true;
  const codes = types.responseErrorCodes;
  return ![
    codes.syntaxError,
    codes.unauthorized,
    codes.invalid,
    codes.configError,
    codes.alreadyExists,
  ].includes(error.code);
}
