export * from './cassandra-client.ts';
export * from './cassandra-migrations.ts';
export * from './cassandra-probe.ts';
