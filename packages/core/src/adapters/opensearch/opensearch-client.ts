import { Client } from '@opensearch-project/opensearch';

export interface OpenSearchConfig {
  readonly node: string;
  readonly requestTimeoutMs?: number;
}

export function createOpenSearchClient(config: OpenSearchConfig): Client {
  return new Client({ node: config.node, requestTimeout: config.requestTimeoutMs ?? 30_000 });
}
