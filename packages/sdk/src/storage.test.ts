import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createFileStorage } from './file-storage.ts';
import type { WireEvent } from './protocol.ts';
import { createQueue } from './queue.ts';

const event = (id: string, name = 'e'): WireEvent => ({ id, name, timestamp: 0 });

describe('file storage', () => {
  test('round-trips the queue; saves replace the file whole and leave no temporary file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tidemark-sdk-'));
    const file = join(dir, 'nested', 'queue.json');
    const storage = createFileStorage(file);
    expect(await storage.load()).toEqual([]);
    // Saves made while one is written collapse into one write of the latest queue.
    await Promise.all([
      storage.save([event('1')]),
      storage.save([event('1'), event('2')]),
      storage.save([event('2')]),
    ]);
    expect(await createFileStorage(file).load()).toEqual([event('2')]);
    expect(await readdir(join(dir, 'nested'))).toEqual(['queue.json']);
  });

  test('an unreadable file is moved aside, never overwritten', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tidemark-sdk-'));
    const file = join(dir, 'queue.json');
    await writeFile(file, '{"events": [tru');
    await expect(createFileStorage(file).load()).rejects.toThrow(/not JSON; moved aside/);
    const [aside] = (await readdir(dir)).filter((name) => name.startsWith('queue.json.unreadable-'));
    expect(await readFile(join(dir, aside as string), 'utf8')).toBe('{"events": [tru');
  });
});

describe('queue', () => {
  test('caps by bytes, dropping the oldest', () => {
    const queue = createQueue({ maxEvents: 100, maxBytes: 80 }); // 36 bytes an event
    expect(queue.add([event('a'), event('b')])).toEqual([]);
    expect(queue.add([event('c')])).toEqual([event('a')]);
    expect(queue.all().map((e) => e.id)).toEqual(['b', 'c']);
  });

  test('restored events go first, by time, without duplicating ids already queued', () => {
    const queue = createQueue({ maxEvents: 100, maxBytes: 10_000 });
    const id = (ms: number, tail: string) =>
      `${ms
        .toString(16)
        .padStart(12, '0')
        .replace(/^(.{8})/, '$1-')}-7000-8000-${tail}`;
    queue.add([event(id(5, 'new'))]);
    queue.restore([event(id(3, 'b')), event(id(2, 'x')), event(id(3, 'a')), event(id(5, 'new'))]);
    expect(queue.all().map((e) => e.id)).toEqual([id(2, 'x'), id(3, 'b'), id(3, 'a'), id(5, 'new')]);
  });
});
