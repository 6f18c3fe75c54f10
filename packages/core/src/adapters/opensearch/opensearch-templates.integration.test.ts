import { afterAll, describe, expect, test } from 'vitest';
import { testEngineConfig, uniqueName } from '../../testing/engines.ts';
import { createOpenSearchClient } from './opensearch-client.ts';
import { putViewIndexTemplate } from './opensearch-templates.ts';

const config = testEngineConfig();
const client = createOpenSearchClient(config.opensearch);
const prefix = uniqueName('test-views').toLowerCase();
const index = `${prefix}-acme-pageviews-g1`;
const minute = 60_000;
const t0 = Date.UTC(2026, 0, 1, 12, 0);

afterAll(async () => {
  await client.indices.delete({ index }).catch(() => {});
  await client.indices.deleteIndexTemplate({ name: prefix }).catch(() => {});
  await client.close();
});

describe('OpenSearch through @opensearch-project/opensearch', () => {
  test('view indices take one shard and the strict mapping from the template', async () => {
    await putViewIndexTemplate(client, { prefix, replicas: 0 });
    await client.indices.create({ index });
    const { body } = await client.indices.getSettings({ index });
    expect(body[index]?.settings?.index?.number_of_shards).toBe('1');
    await expect(client.index({ index, body: { unknown_field: 1 } })).rejects.toThrow(
      /strict_dynamic_mapping_exception/,
    );
  });

  test('indexed documents are found by a date_histogram with sums per bucket', async () => {
    const docs = [
      { bucket: t0, partition: 0, count: 3 },
      { bucket: t0, partition: 1, count: 4 },
      { bucket: t0 + minute, partition: 0, count: 5 },
      { bucket: t0 + 3 * minute, partition: 2, count: 1 },
    ];
    const operations = docs.flatMap((doc, i) => [
      { index: { _index: index, _id: `doc-${i}`, version: 10 + i, version_type: 'external' } },
      { tenant: 'acme', view: 'pageviews', generation: 1, group: '', topic: 'tidemark.events', ...doc },
    ]);
    const bulk = await client.bulk({ body: operations, refresh: 'wait_for' });
    expect(bulk.body.errors).toBe(false);

    const result = await client.search({
      index,
      body: {
        size: 0,
        query: { term: { tenant: 'acme' } },
        aggs: {
          perMinute: {
            date_histogram: { field: 'bucket', fixed_interval: '1m', min_doc_count: 0 },
            aggs: { events: { sum: { field: 'count' } } },
          },
        },
      },
    });
    const perMinute = result.body.aggregations?.perMinute as
      | { buckets: { key: number; events: { value: number } }[] }
      | undefined;
    expect(perMinute?.buckets.map((b) => [b.key, b.events.value])).toEqual([
      [t0, 7],
      [t0 + minute, 5],
      [t0 + 2 * minute, 0],
      [t0 + 3 * minute, 1],
    ]);
  });

  test('an external version at or below the stored one is refused, so a stale writer cannot overwrite', async () => {
    const stale = await client.bulk({
      body: [
        { index: { _index: index, _id: 'doc-0', version: 5, version_type: 'external' } },
        {
          tenant: 'acme',
          view: 'pageviews',
          generation: 1,
          bucket: t0,
          group: '',
          topic: 'tidemark.events',
          partition: 0,
          count: 99,
        },
      ],
    });
    expect(stale.body.errors).toBe(true);
    expect(stale.body.items[0]?.index?.status).toBe(409);
  });
});
