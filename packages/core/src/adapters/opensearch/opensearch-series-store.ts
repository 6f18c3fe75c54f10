import type { Client } from '@opensearch-project/opensearch';
import { viewIndexName } from '../../domain/names.ts';
import { emptyDoc, manifestGroup, type PartialDoc, partialDocId } from '../../domain/projection.ts';
import type { SeriesCell } from '../../domain/series.ts';
import {
  emptyPartial,
  mergePartial,
  partialFromStored,
  type SketchesJson,
  sketchesToJson,
  type ViewPartial,
} from '../../domain/view-partial.ts';
import { InfraError } from '../../errors.ts';
import type { SeriesStore } from '../../ports/series-store.ts';

export interface OpenSearchSeriesStoreOptions {
  /** View indices are named by `viewIndexName` (see opensearch-templates.ts). */
  readonly prefix: string;
  /** `wait_for` makes a write searchable before it returns, so a pushed update can be read at once. */
  readonly refresh?: 'wait_for' | false;
}

interface StoredDoc {
  readonly tenant: string;
  readonly view: string;
  readonly generation: number;
  readonly bucket: number;
  readonly group: string;
  readonly topic: string;
  readonly partition: number;
  readonly count: number;
  readonly values?: number;
  readonly sum?: number;
  readonly min?: number;
  readonly max?: number;
  readonly sketches?: SketchesJson & { readonly groups?: string[] };
}

const pageSize = 5000;

export function createOpenSearchSeriesStore(
  client: Client,
  options: OpenSearchSeriesStoreOptions,
): SeriesStore {
  const indexOf = (key: { tenant: string; view: string; generation: number }) =>
    viewIndexName(options.prefix, key);

  async function call<T>(what: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw new InfraError('OPENSEARCH_UNAVAILABLE', `${what} failed`, { retriable: true, cause: error });
    }
  }

  function bodyOf(doc: PartialDoc): StoredDoc {
    const { partial, key } = doc;
    return {
      ...key,
      count: partial.count,
      values: partial.values,
      sum: partial.sum,
      ...(partial.min !== undefined ? { min: partial.min } : {}),
      ...(partial.max !== undefined ? { max: partial.max } : {}),
      sketches: { ...sketchesToJson(partial), ...(doc.groups ? { groups: doc.groups } : {}) },
    };
  }

  async function readSketches(request: Parameters<SeriesStore['read']>[0]): Promise<SeriesCell[]> {
    const cells = new Map<string, SeriesCell>();
    let after: (string | number)[] | undefined;
    for (;;) {
      const { body } = await call(`reading ${indexOf(request)}`, () =>
        client.search({
          index: indexOf(request),
          ignore_unavailable: true,
          body: {
            size: pageSize,
            sort: ['_doc'],
            ...(after ? { search_after: after } : {}),
            query: rangeQuery(request),
          },
        }),
      );
      const hits = body.hits.hits as unknown as { _source: StoredDoc; sort: (string | number)[] }[];
      for (const { _source: doc } of hits) {
        const bucket = Math.floor(doc.bucket / request.intervalMs) * request.intervalMs;
        const id = `${bucket}\u0000${doc.group}`;
        let cell = cells.get(id);
        if (!cell) {
          cell = { bucket, group: doc.group, partial: emptyPartial() };
          cells.set(id, cell);
        }
        mergePartial(cell.partial, partialFromStored(doc));
      }
      if (hits.length < pageSize) return [...cells.values()];
      after = hits.at(-1)?.sort;
    }
  }

  async function readAggregated(request: Parameters<SeriesStore['read']>[0]): Promise<SeriesCell[]> {
    const cells: SeriesCell[] = [];
    let after: Record<string, string | number> | undefined;
    for (;;) {
      const { body } = await call(`aggregating ${indexOf(request)}`, () =>
        client.search({
          index: indexOf(request),
          ignore_unavailable: true,
          body: {
            size: 0,
            query: rangeQuery(request),
            aggs: {
              cells: {
                composite: {
                  size: pageSize,
                  ...(after ? { after } : {}),
                  sources: [
                    {
                      bucket: {
                        date_histogram: { field: 'bucket', fixed_interval: `${request.intervalMs}ms` },
                      },
                    },
                    { group: { terms: { field: 'group' } } },
                  ],
                },
                aggs: {
                  count: { sum: { field: 'count' } },
                  values: { sum: { field: 'values' } },
                  sum: { sum: { field: 'sum' } },
                  min: { min: { field: 'min' } },
                  max: { max: { field: 'max' } },
                },
              },
            },
          } as SearchBody,
        }),
      );
      const result = (body.aggregations as unknown as { cells?: CompositeResult } | undefined)?.cells;
      for (const entry of result?.buckets ?? []) {
        const partial: ViewPartial = {
          count: entry.count.value,
          values: entry.values.value,
          sum: entry.sum.value,
          ...(entry.min.value !== null ? { min: entry.min.value } : {}),
          ...(entry.max.value !== null ? { max: entry.max.value } : {}),
        };
        cells.push({ bucket: Number(entry.key.bucket), group: String(entry.key.group), partial });
      }
      if (!result?.after_key || (result.buckets?.length ?? 0) < pageSize) return cells;
      after = result.after_key;
    }
  }

  return {
    async load(keys, definitionOf) {
      if (keys.length === 0) return [];
      const { body } = await call('loading partial documents', () =>
        client.mget({
          realtime: true,
          body: { docs: keys.map((key) => ({ _index: indexOf(key), _id: partialDocId(key) })) },
        }),
      );
      const found = body.docs as unknown as {
        found?: boolean;
        _version?: number;
        _source?: StoredDoc;
        error?: { type?: string; reason?: string };
      }[];
      return keys.map((key, i) => {
        const entry = found[i];
        if (entry?.error && entry.error.type !== 'index_not_found_exception')
          throw new InfraError(
            'OPENSEARCH_REQUEST_FAILED',
            `loading ${partialDocId(key)}: ${entry.error.reason}`,
            {
              retriable: true,
            },
          );
        const doc = emptyDoc(key, definitionOf(key));
        if (!entry?.found || !entry._source) return doc;
        doc.partial = partialFromStored(entry._source);
        doc.version = BigInt(entry._version ?? -1);
        if (key.group === manifestGroup) doc.groups = entry._source.sketches?.groups ?? [];
        return doc;
      });
    },

    async write(docs) {
      if (docs.length === 0) return { written: 0, stale: 0, failed: [] };
      const operations = docs.flatMap((doc) => [
        {
          index: {
            _index: indexOf(doc.key),
            _id: partialDocId(doc.key),
            version: Number(doc.version),
            version_type: 'external',
          },
        },
        bodyOf(doc),
      ]);
      const { body } = await call('writing partial documents', () =>
        client.bulk({ body: operations, ...(options.refresh ? { refresh: options.refresh } : {}) }),
      );
      let written = 0;
      let stale = 0;
      const failed: { id: string; reason: string }[] = [];
      for (const item of body.items as unknown as {
        index?: { _id: string; status: number; error?: { reason?: string } };
      }[]) {
        const result = item.index;
        if (!result) continue;
        if (result.status >= 200 && result.status < 300) written += 1;
        else if (result.status === 409) stale += 1;
        else failed.push({ id: result._id, reason: `${result.status} ${result.error?.reason ?? ''}`.trim() });
      }
      if (written + stale + failed.length !== docs.length)
        failed.push({
          id: '*',
          reason: `bulk answered ${body.items.length} items for ${docs.length} documents`,
        });
      return { written, stale, failed };
    },

    read(request) {
      return request.sketches ? readSketches(request) : readAggregated(request);
    },

    async makeReadable(generations) {
      const indices = [...new Set(generations.map(indexOf))];
      if (indices.length === 0) return;
      await call(`refreshing ${indices.join(', ')}`, () =>
        client.indices.refresh({
          index: indices.join(','),
          ignore_unavailable: true,
          allow_no_indices: true,
        }),
      );
    },

    async newestBucket(tenant) {
      const { body } = await call('reading the newest view bucket', () =>
        client.search({
          index: `${options.prefix}-*`,
          ignore_unavailable: true,
          allow_no_indices: true,
          body: {
            size: 0,
            query: { bool: { filter: tenant ? [{ term: { tenant } }] : [] } },
            aggs: { newest: { max: { field: 'bucket' } } },
          } as SearchBody,
        }),
      );
      const newest = (body.aggregations as unknown as { newest?: { value: number | null } } | undefined)
        ?.newest?.value;
      return typeof newest === 'number' ? newest : undefined;
    },

    async dropGeneration(tenant, view, generation) {
      await call(`deleting ${indexOf({ tenant, view, generation })}`, () =>
        client.indices.delete({ index: indexOf({ tenant, view, generation }), ignore_unavailable: true }),
      );
    },
  };
}

interface CompositeResult {
  readonly after_key?: Record<string, string | number>;
  readonly buckets?: readonly {
    readonly key: { readonly bucket: number; readonly group: string };
    readonly count: { readonly value: number };
    readonly values: { readonly value: number };
    readonly sum: { readonly value: number };
    readonly min: { readonly value: number | null };
    readonly max: { readonly value: number | null };
  }[];
}

/**
 * The tenant and view terms matter: `<prefix>-<tenant>-<view>` is the same index name for tenant `a-b` with
 * view `c` and tenant `a` with view `b-c`, so an index may hold another tenant's documents.
 */
function rangeQuery(request: Parameters<SeriesStore['read']>[0]) {
  return {
    bool: {
      filter: [
        { term: { tenant: request.tenant } },
        { term: { view: request.view } },
        { term: { generation: request.generation } },
        { range: { bucket: { gte: request.from, lt: request.to } } },
      ],
      must_not: [{ term: { group: manifestGroup } }],
    },
  };
}

// The client's types lack `field` on min and max aggregations, which OpenSearch requires.
type SearchBody = NonNullable<Parameters<Client['search']>[0]>['body'];
