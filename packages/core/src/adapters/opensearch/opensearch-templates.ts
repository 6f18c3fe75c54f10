import type { Client } from '@opensearch-project/opensearch';
import { InfraError } from '../../errors.ts';

export interface ViewIndexTemplateOptions {
  /** View indices are `<prefix>-…`. */
  readonly prefix: string;
  readonly replicas: number;
}

/**
 * Installs the index template every view index is created from. One shard per view index keeps `terms`
 * aggregations exact; each document is one per-partition partial aggregate of one bucket and group.
 */
export async function putViewIndexTemplate(client: Client, options: ViewIndexTemplateOptions): Promise<void> {
  try {
    await client.indices.putIndexTemplate({
      name: options.prefix,
      body: {
        index_patterns: [`${options.prefix}-*`],
        template: {
          settings: {
            number_of_shards: 1,
            number_of_replicas: options.replicas,
            // Live charts: a flushed partial is searchable within a quarter second.
            refresh_interval: '250ms',
          },
          mappings: {
            dynamic: 'strict',
            properties: {
              tenant: { type: 'keyword' },
              view: { type: 'keyword' },
              generation: { type: 'integer' },
              bucket: { type: 'date', format: 'epoch_millis' },
              group: { type: 'keyword' },
              topic: { type: 'keyword' },
              partition: { type: 'integer' },
              count: { type: 'long' },
              values: { type: 'long' },
              sum: { type: 'double' },
              min: { type: 'double' },
              max: { type: 'double' },
              // Mergeable sketches (HyperLogLog registers, log-bucket counts), read back, never searched.
              sketches: { type: 'object', enabled: false },
            },
          },
        },
      },
    });
  } catch (error) {
    throw new InfraError('OPENSEARCH_REQUEST_FAILED', `could not install index template ${options.prefix}`, {
      retriable: true,
      cause: error,
    });
  }
}
