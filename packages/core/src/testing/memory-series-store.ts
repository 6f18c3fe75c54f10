import { emptyDoc, manifestGroup, type PartialDoc, partialDocId } from '../domain/projection.ts';
import type { SeriesCell } from '../domain/series.ts';
import { emptyPartial, mergePartial } from '../domain/view-partial.ts';
import type { SeriesStore } from '../ports/series-store.ts';

/**
 * In-memory SeriesStore for unit tests: documents by id with external versions, reads merged per interval
 * bucket and group as the OpenSearch one does (manifests skipped).
 */
export function createMemorySeriesStore(): SeriesStore & { docs: Map<string, PartialDoc> } {
  const docs = new Map<string, PartialDoc>();
  const copy = (doc: PartialDoc): PartialDoc => ({
    ...doc,
    partial: { ...doc.partial },
    ...(doc.groups ? { groups: [...doc.groups] } : {}),
  });
  return {
    docs,
    async load(keys, definitionOf) {
      return keys.map((key) => {
        const found = docs.get(partialDocId(key));
        return found ? copy(found) : emptyDoc(key, definitionOf(key));
      });
    },
    async write(written) {
      let count = 0;
      let stale = 0;
      for (const doc of written) {
        const id = partialDocId(doc.key);
        const held = docs.get(id);
        if (held && held.version >= doc.version) stale += 1;
        else {
          docs.set(id, { ...copy(doc), dirty: false });
          count += 1;
        }
      }
      return { written: count, stale, failed: [] };
    },
    async read(request) {
      const merged = new Map<string, SeriesCell>();
      for (const { key, partial } of docs.values()) {
        if (key.tenant !== request.tenant || key.view !== request.view) continue;
        if (key.generation !== request.generation || key.group === manifestGroup) continue;
        if (key.bucket < request.from || key.bucket >= request.to) continue;
        const bucket = Math.floor(key.bucket / request.intervalMs) * request.intervalMs;
        const id = `${bucket}/${key.group}`;
        const cell = merged.get(id) ?? { bucket, group: key.group, partial: emptyPartial() };
        merged.set(id, cell);
        mergePartial(cell.partial, partial);
      }
      return [...merged.values()];
    },
    async newestBucket(tenant) {
      let newest: number | undefined;
      for (const { key } of docs.values())
        if (tenant === undefined || key.tenant === tenant)
          newest = Math.max(newest ?? key.bucket, key.bucket);
      return newest;
    },
    async makeReadable() {
      // Every write is readable at once here.
    },
    async dropGeneration(tenant, view, generation) {
      for (const [id, doc] of docs)
        if (doc.key.tenant === tenant && doc.key.view === view && doc.key.generation === generation)
          docs.delete(id);
    },
  };
}
