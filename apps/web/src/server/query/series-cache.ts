import {
  emptyPartial,
  mergePartial,
  type SeriesCell,
  type SeriesRead,
  type SeriesStore,
  type SeriesUpdate,
} from '@tidemark/core';

const hourMs = 3_600_000;
const tenMinutesMs = 600_000;
/**
 * Cells are cached at the query's interval up to an hour (a day is merged from its hours), in chunks of ten
 * minutes for minute and 5-minute cells, so that the live edge a request reads stays short, and of an hour for
 * hourly ones, which a month needs 720 of.
 */
const chunkOf = (grain: number) => (grain < hourMs ? tenMinutesMs : hourMs);
const chunkSizes = [tenMinutesMs, hourMs];

export interface SeriesCacheOptions {
  readonly clock: () => number;
  /** Estimated memory the cache may hold; 0 turns it off. */
  readonly maxBytes: number;
  /**
   * Chunks that ended less than this long ago are read from the store every time, so the live edge is as
   * fresh as the store and never waits for an update to come round.
   */
  readonly recentMs?: number;
  /** A cached chunk is read again after this long even if no update named it: updates are best-effort. */
  readonly ttlMs?: number;
}

export interface SeriesCacheStats {
  readonly hits: number;
  readonly misses: number;
  readonly entries: number;
  readonly bytes: number;
  readonly following: boolean;
}

/**
 * `SeriesStore.read` with closed chunks answered from memory. A query over a day at one minute reads the last
 * 5 to 15 minutes instead of 24 hours, however many groups and source partitions the view has. It caches only
 * while it follows the series-updates topic (`follow`): an update drops the chunks it names, including late
 * events' old ones, and spoils any read of them still in flight; `lose` (the consumer crashed, updates may be
 * gone) drops everything and stops caching until the next `follow`.
 */
export interface SeriesCache {
  read(request: SeriesRead): Promise<SeriesCell[]>;
  invalidate(update: SeriesUpdate): void;
  follow(): void;
  lose(): void;
  stats(): SeriesCacheStats;
}

interface Entry {
  readonly key: string;
  /** View generation, chunk size and chunk start, as updates name them. */
  readonly chunkKey: string;
  readonly cells: readonly SeriesCell[];
  readonly bytes: number;
  readonly expires: number;
}

/** A read in flight: the chunks updates named while it ran are not cached from it. */
interface Pending {
  readonly chunkMs: number;
  readonly spoiled: Set<number>;
  readonly epoch: number;
}

export function createSeriesCache(
  store: Pick<SeriesStore, 'read'>,
  options: SeriesCacheOptions,
): SeriesCache {
  const recentMs = options.recentMs ?? 5 * 60_000;
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const entries = new Map<string, Entry>(); // in order of use, oldest first
  const keysByChunk = new Map<string, Set<string>>(); // chunkKeyOf → entry keys
  const inFlight = new Map<string, Set<Pending>>(); // view generation → reads
  let following = false;
  let epoch = 0;
  let bytes = 0;
  let hitCount = 0;
  let missCount = 0;

  const viewKeyOf = (key: { tenant: string; view: string; generation: number }) =>
    `${key.tenant}\u0000${key.view}\u0000${key.generation}`;
  const chunkKeyOf = (viewKey: string, chunkMs: number, start: number) =>
    `${viewKey}\u0000${chunkMs}\u0000${start}`;

  function drop(key: string): void {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.bytes;
    const keys = keysByChunk.get(entry.chunkKey);
    keys?.delete(key);
    if (keys?.size === 0) keysByChunk.delete(entry.chunkKey);
  }

  function put(key: string, chunkKey: string, cells: SeriesCell[]): void {
    drop(key);
    const entry = { key, chunkKey, cells, bytes: estimateBytes(cells), expires: options.clock() + ttlMs };
    if (entry.bytes > options.maxBytes) return;
    entries.set(key, entry);
    bytes += entry.bytes;
    const keys = keysByChunk.get(chunkKey) ?? new Set();
    keysByChunk.set(chunkKey, keys);
    keys.add(key);
    for (const [oldest] of entries) {
      if (bytes <= options.maxBytes) break;
      drop(oldest);
    }
  }

  /** Caches the closed chunks of `[from, to)` from a read, except those an update named while it ran. */
  function cacheClosedChunks(
    viewKey: string,
    prefix: string,
    from: number,
    to: number,
    cells: readonly SeriesCell[],
    pending: Pending,
  ): void {
    const { chunkMs } = pending;
    const byChunk = new Map<number, SeriesCell[]>();
    for (let chunk = Math.floor(from / chunkMs) * chunkMs; chunk < to; chunk += chunkMs)
      byChunk.set(chunk, []);
    for (const cell of cells) byChunk.get(Math.floor(cell.bucket / chunkMs) * chunkMs)?.push(cell);
    for (const [chunk, list] of byChunk)
      if (!pending.spoiled.has(chunk)) put(prefix + chunk, chunkKeyOf(viewKey, chunkMs, chunk), list);
  }

  function clear(): void {
    entries.clear();
    keysByChunk.clear();
    bytes = 0;
    epoch += 1;
  }

  return {
    async read(request) {
      if (!following || options.maxBytes <= 0) return store.read(request);
      const grain = Math.min(request.intervalMs, hourMs);
      const chunkMs = chunkOf(grain);
      const viewKey = viewKeyOf(request);
      const prefix = `${viewKey}\u0000${grain}\u0000${request.sketches ? 's' : ''}\u0000`;
      const now = options.clock();
      const edge = Math.floor((now - recentMs) / chunkMs) * chunkMs; // chunks before it are closed
      const first = Math.floor(request.from / chunkMs) * chunkMs;

      const hits = new Map<number, Entry>();
      let firstMiss: number | undefined;
      let lastMiss = 0;
      for (let chunk = first; chunk < request.to && chunk + chunkMs <= edge; chunk += chunkMs) {
        const entry = entries.get(prefix + chunk);
        if (entry && entry.expires > now) hits.set(chunk, entry);
        else {
          missCount += 1;
          firstMiss ??= chunk;
          lastMiss = chunk;
        }
      }
      // At most two reads: the missed chunks (and any hit between them), and the live edge.
      const ranges: [number, number][] = [];
      if (firstMiss !== undefined) ranges.push([firstMiss, lastMiss + chunkMs]);
      if (request.to > edge) {
        const liveFrom = Math.max(request.from, edge);
        const last = ranges[0];
        if (last && last[1] >= liveFrom) last[1] = request.to;
        else ranges.push([liveFrom, request.to]);
      }
      const parts: (readonly SeriesCell[])[] = [];
      for (const [chunk, entry] of hits) {
        if (ranges.some(([from, to]) => chunk >= from && chunk < to)) continue;
        entries.delete(entry.key); // most recently used last
        entries.set(entry.key, entry);
        parts.push(entry.cells);
        hitCount += 1;
      }
      if (ranges.length === 0) return assemble(parts, request, grain);

      const pending: Pending = { chunkMs, spoiled: new Set(), epoch };
      const reads = inFlight.get(viewKey) ?? new Set();
      inFlight.set(viewKey, reads);
      reads.add(pending);
      try {
        const results = await Promise.all(
          ranges.map(([from, to]) => store.read({ ...request, from, to, intervalMs: grain })),
        );
        for (const [i, cells] of results.entries()) {
          parts.push(cells);
          const [from, to] = ranges[i] as [number, number];
          if (following && pending.epoch === epoch)
            cacheClosedChunks(viewKey, prefix, from, Math.min(to, edge), cells, pending);
        }
      } finally {
        reads.delete(pending);
        if (reads.size === 0) inFlight.delete(viewKey);
      }
      return assemble(parts, request, grain);
    },

    invalidate(update) {
      const viewKey = viewKeyOf(update);
      const startOf = (bucket: number, chunkMs: number) => Math.floor(bucket / chunkMs) * chunkMs;
      for (const bucket of update.buckets) {
        for (const pending of inFlight.get(viewKey) ?? [])
          pending.spoiled.add(startOf(bucket, pending.chunkMs));
        for (const chunkMs of chunkSizes)
          for (const key of keysByChunk.get(chunkKeyOf(viewKey, chunkMs, startOf(bucket, chunkMs))) ?? [])
            drop(key);
      }
    },

    follow() {
      following = true;
    },

    lose() {
      following = false;
      clear();
    },

    stats: () => ({ hits: hitCount, misses: missCount, entries: entries.size, bytes, following }),
  };
}

/** The cells of `[from, to)` at the request's interval: as read when that is the grain, merged otherwise. */
function assemble(
  parts: readonly (readonly SeriesCell[])[],
  request: SeriesRead,
  grain: number,
): SeriesCell[] {
  const out: SeriesCell[] = [];
  const merged = new Map<string, SeriesCell>();
  for (const cells of parts)
    for (const cell of cells) {
      if (cell.bucket < request.from || cell.bucket >= request.to) continue;
      if (grain === request.intervalMs) {
        out.push(cell);
        continue;
      }
      const bucket = Math.floor(cell.bucket / request.intervalMs) * request.intervalMs;
      const id = `${bucket}\u0000${cell.group}`;
      let into = merged.get(id);
      if (!into) {
        into = { bucket, group: cell.group, partial: emptyPartial() };
        merged.set(id, into);
        out.push(into);
      }
      mergePartial(into.partial, cell.partial);
    }
  return out;
}

/** Rough heap size of cached cells: objects, group text, sketches. */
function estimateBytes(cells: readonly SeriesCell[]): number {
  let total = 200;
  for (const { group, partial } of cells) {
    total += 160 + group.length * 2;
    if (partial.uniques) total += partial.uniques.byteLength + 64;
    if (partial.quantiles)
      total += (partial.quantiles.positive.size + partial.quantiles.negative.size) * 48 + 160;
  }
  return total;
}
