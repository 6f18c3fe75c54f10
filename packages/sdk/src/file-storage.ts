import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { WireEvent } from './protocol.ts';
import type { QueueStorage } from './storage.ts';

/**
 * The queue in one JSON file, so that events survive a process restart with their ids. Each save writes
 * a temporary file and renames it over the old one: a crash leaves the old queue or the new, never half
 * of one. Saves made while one is being written collapse into one write of the latest queue.
 */
export function createFileStorage(path: string): QueueStorage {
  let writing: Promise<void> | undefined;
  let next: readonly WireEvent[] | undefined;
  let nextDone: Promise<void> | undefined;
  const tmp = `${path}.${process.pid}.tmp`;

  async function write(events: readonly WireEvent[]) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(tmp, JSON.stringify({ version: 1, events }));
    await rename(tmp, path);
  }

  function save(events: readonly WireEvent[]): Promise<void> {
    if (writing) {
      next = events;
      nextDone ??= writing.then(() => {
        const latest = next as readonly WireEvent[];
        next = undefined;
        nextDone = undefined;
        return save(latest);
      });
      return nextDone;
    }
    writing = write(events).finally(() => {
      writing = undefined;
    });
    return writing;
  }

  return {
    async load() {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      try {
        return (JSON.parse(text) as { events: WireEvent[] }).events;
      } catch (error) {
        // Never overwrite what could not be read: set it aside for a person to look at.
        await rename(path, `${path}.unreadable-${Date.now()}`);
        throw new Error(`queue file ${path} is not JSON; moved aside`, { cause: error });
      }
    },
    save,
  };
}
