import type { SourcePosition, WarehouseKey } from '../domain/warehouse-key.ts';

/** One event as the warehouse keeps it. */
export interface WarehouseRow {
  readonly key: WarehouseKey;
  readonly id: string;
  readonly name: string;
  readonly eventTime: number;
  readonly receivedAt: number;
  /** The tidemark.v1.Event bytes of the canonical copy, as they were on the live topic. */
  readonly payload: Uint8Array;
  /** The live-topic copy that created the row: its canonical copy. */
  readonly source: SourcePosition;
}

export interface StoredIdentity {
  readonly key: WarehouseKey;
  readonly id: string;
}

/** The warehouse: every event once (Cassandra in production). */
export interface EventStore {
  /** Of these events, the ones already stored, by id, with the position of their canonical copy. */
  canonicalSources(events: readonly StoredIdentity[]): Promise<Map<string, SourcePosition>>;
  /** Writes rows the caller found absent. Re-writing an identical row is harmless. */
  insert(rows: readonly WarehouseRow[]): Promise<void>;
  /** One warehouse partition, a page at a time, for replays. */
  scan(
    key: WarehouseKey,
    page: { readonly after?: string; readonly size: number },
  ): Promise<{ rows: WarehouseRow[]; next?: string }>;
  /**
   * Fixes the shard count S on first use and returns the stored one: S can never change, or rows of one id
   * would sit in two shards.
   */
  fixShards(configured: number): Promise<number>;
}
