export * from './auth.ts';
export * from './cassandra-keyspace.ts';
export * from './engines.ts';
export * from './kafka-reader.ts';
export * from './memory-event-log.ts';
export * from './memory-issued-tokens.ts';
export * from './memory-replay-job-store.ts';
