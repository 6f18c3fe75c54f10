export * from './cassandra-client.ts';
export * from './cassandra-event-store.ts';
export * from './cassandra-migrations.ts';
export * from './cassandra-probe.ts';
export * from './cassandra-replay-jobs.ts';
export * from './cassandra-revocations.ts';
export * from './cassandra-schema.ts';
export * from './cassandra-signing-keys.ts';
