export * from './cassandra-client.ts';
export * from './cassandra-migrations.ts';
