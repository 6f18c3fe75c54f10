import type { Readable } from 'node:stream';

export interface ReadBody {
  /** The whole body, or only its first bytes when it was over the limit. */
  readonly bytes: Buffer;
  readonly size: number;
  readonly overLimit: boolean;
}

const keptWhenOverLimit = 16 * 1024;
/** Past this the connection is cut instead of drained: nobody sends that much by mistake. */
const drainCap = 64 * 1024 * 1024;

/**
 * Reads a request body up to `limit` bytes. A bigger body is drained (so that the refusal can be
 * answered) keeping only its head, for the copy on the invalid-events topic.
 */
export function readBody(stream: Readable, limit: number): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit || chunks.reduce((sum, c) => sum + c.length, 0) < keptWhenOverLimit)
        chunks.push(chunk);
      if (size > drainCap) stream.destroy(new Error(`request body over ${drainCap} bytes`));
    });
    stream.once('error', reject);
    stream.once('end', () => {
      // A body usually arrives in one chunk, which is then used as it is rather than copied.
      const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
      const overLimit = size > limit;
      resolve({ bytes: overLimit ? bytes.subarray(0, keptWhenOverLimit) : bytes, size, overLimit });
    });
  });
}
