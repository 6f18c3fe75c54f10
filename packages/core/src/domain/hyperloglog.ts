import { murmur2OfText } from './murmur2.ts';

/**
 * HyperLogLog with a fixed precision and hash (murmur2 over the UTF-8 key), so that sketches made by any
 * projector merge exactly: the merge is a register-wise max, the same in any order.
 */
export const hllPrecision = 12;
const registerCount = 1 << hllPrecision;
const rankBits = 32 - hllPrecision;

export function emptyHll(): Uint8Array {
  return new Uint8Array(registerCount);
}

export function addToHll(registers: Uint8Array, key: string): void {
  const hash = murmur2OfText(key) >>> 0;
  const index = hash >>> rankBits;
  const rest = hash & ((1 << rankBits) - 1);
  const rank = rest === 0 ? rankBits + 1 : Math.clz32(rest) - hllPrecision + 1;
  if (rank > (registers[index] as number)) registers[index] = rank;
}

export function mergeHll(into: Uint8Array, from: Uint8Array): void {
  for (let i = 0; i < registerCount; i += 1) {
    const rank = from[i] as number;
    if (rank > (into[i] as number)) into[i] = rank;
  }
}

export function hllEstimate(registers: Uint8Array): number {
  let sum = 0;
  let zeros = 0;
  for (let i = 0; i < registerCount; i += 1) {
    const rank = registers[i] as number;
    sum += 2 ** -rank;
    if (rank === 0) zeros += 1;
  }
  const alpha = 0.7213 / (1 + 1.079 / registerCount);
  const raw = (alpha * registerCount * registerCount) / sum;
  if (raw <= 2.5 * registerCount && zeros > 0)
    return Math.round(registerCount * Math.log(registerCount / zeros));
  const two32 = 2 ** 32;
  if (raw > two32 / 30) return Math.round(-two32 * Math.log(1 - raw / two32));
  return Math.round(raw);
}

/**
 * Registers as text for a stored document: sparse ("s" + index/rank triples) while few are set, which is
 * the common case for one minute of one group, else dense ("d" + every register). Both base64.
 */
export function encodeHll(registers: Uint8Array): string {
  const set: number[] = [];
  for (let i = 0; i < registerCount; i += 1) if (registers[i] !== 0) set.push(i);
  if (set.length * 3 >= registerCount) return `d${Buffer.from(registers).toString('base64')}`;
  const sparse = new Uint8Array(set.length * 3);
  set.forEach((index, i) => {
    sparse[i * 3] = index >>> 8;
    sparse[i * 3 + 1] = index & 0xff;
    sparse[i * 3 + 2] = registers[index] as number;
  });
  return `s${Buffer.from(sparse).toString('base64')}`;
}

export function decodeHll(text: string): Uint8Array {
  const bytes = Buffer.from(text.slice(1), 'base64');
  if (text.startsWith('d')) {
    if (bytes.length !== registerCount) throw new Error(`a dense sketch has ${registerCount} registers`);
    return new Uint8Array(bytes);
  }
  if (!text.startsWith('s') || bytes.length % 3 !== 0) throw new Error('not a HyperLogLog sketch');
  const registers = emptyHll();
  for (let i = 0; i < bytes.length; i += 3)
    registers[((bytes[i] as number) << 8) | (bytes[i + 1] as number)] = bytes[i + 2] as number;
  return registers;
}
