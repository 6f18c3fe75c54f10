import { murmur2 } from './murmur2.ts';
import { uuidV7Time } from './uuidv7.ts';

/** Where an event lives in the warehouse: derived from the tenant and the id only, never the event time. */
export interface WarehouseKey {
  readonly tenant: string;
  /** UTC day of the id's UUIDv7 time, YYYY-MM-DD. */
  readonly day: string;
  readonly shard: number;
}

export function warehouseKeyOf(tenant: string, id: string, shards: number): WarehouseKey {
  return {
    tenant,
    day: new Date(uuidV7Time(id)).toISOString().slice(0, 10),
    shard: (murmur2(Buffer.from(id, 'utf8')) & 0x7fffffff) % shards,
  };
}

/** Where a copy of an event sits on the live topic. */
export interface SourcePosition {
  readonly partition: number;
  readonly offset: string;
}

/** Keeps, for every id, the copy with the lowest offset: the one the warehouse must store first. */
export function firstCopies<T extends { readonly id: string; readonly source: SourcePosition }>(
  copies: readonly T[],
): T[] {
  const first = new Map<string, T>();
  for (const copy of copies) {
    const seen = first.get(copy.id);
    if (!seen || BigInt(copy.source.offset) < BigInt(seen.source.offset)) first.set(copy.id, copy);
  }
  return [...first.values()];
}
