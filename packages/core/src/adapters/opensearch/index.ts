export * from './opensearch-client.ts';
export * from './opensearch-probe.ts';
export * from './opensearch-series-store.ts';
export * from './opensearch-templates.ts';
