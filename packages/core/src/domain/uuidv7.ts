import { randomBytes } from 'node:crypto';

const pattern = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** True for a canonical lower-case UUID version 7 with the RFC 9562 variant. */
export function isUuidV7(id: string): boolean {
  return pattern.test(id);
}

/** The ms-since-epoch timestamp in a UUIDv7's first 48 bits. */
export function uuidV7Time(id: string): number {
  return Number.parseInt(id.slice(0, 8), 16) * 0x1_0000 + Number.parseInt(id.slice(9, 13), 16);
}

/** A fresh UUIDv7 for time `now` (ms), random in its other 74 bits. */
export function newUuidV7(now: number, random: Buffer = randomBytes(16)): string {
  const bytes = Buffer.from(random);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | ((bytes[6] as number) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
