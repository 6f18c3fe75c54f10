export * from './opensearch-client.ts';
export * from './opensearch-templates.ts';
