/** Fills a buffer with random bytes: crypto.getRandomValues in browsers and Node. */
export type RandomBytes = (bytes: Uint8Array) => Uint8Array;

export const cryptoRandom: RandomBytes = (bytes) => crypto.getRandomValues(bytes);

const hex = (byte: number) => byte.toString(16).padStart(2, '0');

/**
 * An RFC 9562 UUIDv7: 48 bits of ms since the epoch, then 74 random bits. Lower-case, as ingest requires.
 * Made once per event at track time; every retry of the event reuses it.
 */
export function uuidV7(now: number, random: RandomBytes = cryptoRandom): string {
  const bytes = random(new Uint8Array(16));
  // 48-bit time, big-endian; division because bit operators truncate to 32 bits.
  for (let i = 5, t = now; i >= 0; i -= 1, t = Math.floor(t / 256)) bytes[i] = t % 256;
  bytes[6] = 0x70 | ((bytes[6] as number) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f);
  const h = Array.from(bytes, hex).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
