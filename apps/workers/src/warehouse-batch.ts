import { firstCopies, isUuidV7, type WarehouseRow, warehouseKeyOf } from '@tidemark/core';
import { decodeTrackedEvent } from '@tidemark/proto';

export interface LiveRecord {
  readonly value: Buffer | null;
  readonly offset: string;
  readonly headers?: Record<string, unknown>;
}

export interface Undecodable {
  readonly offset: string;
  readonly value: Buffer;
  readonly tenant: string;
  readonly reason: string;
}

export interface PreparedBatch {
  /** One row per id: the copy with the lowest offset in the batch. */
  readonly rows: WarehouseRow[];
  readonly undecodable: Undecodable[];
}

/**
 * Turns one partition's batch of live records into warehouse rows. A record that does not decode into an
 * event with a UUIDv7 id and a tenant can never be stored; it is set aside for the invalid topic so that it
 * does not block its partition.
 */
export function prepareBatch(
  records: readonly LiveRecord[],
  partition: number,
  shards: number,
): PreparedBatch {
  const rows: WarehouseRow[] = [];
  const undecodable: Undecodable[] = [];
  for (const record of records) {
    const value = record.value ?? Buffer.alloc(0);
    let reason: string | undefined;
    try {
      const event = decodeTrackedEvent(value);
      if (!isUuidV7(event.id)) reason = `id ${JSON.stringify(event.id)} is not a UUIDv7`;
      else if (!event.tenant) reason = 'the event has no tenant';
      else {
        rows.push({
          key: warehouseKeyOf(event.tenant, event.id, shards),
          id: event.id,
          name: event.name,
          eventTime: event.timestamp,
          receivedAt: event.receivedAt,
          payload: value,
          source: { partition, offset: record.offset },
        });
      }
    } catch (error) {
      reason = `not a tidemark.v1.Event: ${(error as Error).message}`;
    }
    if (reason)
      undecodable.push({
        offset: record.offset,
        value,
        tenant: String(record.headers?.['tm-tenant'] ?? ''),
        reason,
      });
  }
  return { rows: firstCopies(rows), undecodable };
}
