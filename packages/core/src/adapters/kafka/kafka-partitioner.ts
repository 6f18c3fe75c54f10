import type { ICustomPartitioner } from 'kafkajs';
import { murmur2, murmur2OfText } from '../../domain/murmur2.ts';

/** The partition of a key: the same choice as the Java client's and kafkajs's default partitioner. */
export function partitionOf(key: string | Uint8Array, partitions: number): number {
  const hash = typeof key === 'string' ? murmur2OfText(key) : murmur2(key);
  return (hash & 0x7fffffff) % partitions;
}

/** A kafkajs partitioner for keyed records only: every record Tidemark produces has a key. */
export const keyPartitioner: ICustomPartitioner =
  () =>
  ({ partitionMetadata, message }) => {
    if (message.partition !== undefined && message.partition !== null) return message.partition;
    if (message.key === undefined || message.key === null) throw new Error('records must have a key');
    return partitionOf(message.key, partitionMetadata.length);
  };
