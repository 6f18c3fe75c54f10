import { boundedMemo } from './bounded-memo.ts';
import { murmur2OfText } from './murmur2.ts';
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
    day: utcDayOf(uuidV7Time(id)),
    shard: (murmur2OfText(id) & 0x7fffffff) % shards,
  };
}

const msPerDay = 86_400_000;
/** YYYY-MM-DD of a UTC time; events of a batch share a day or two, so the names are kept. */
const dayName = boundedMemo((day: number) => new Date(day * msPerDay).toISOString().slice(0, 10), 4096);
const utcDayOf = (ms: number) => dayName(Math.floor(ms / msPerDay));

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
