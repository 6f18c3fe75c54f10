import type { CassandraMigration } from './cassandra-migrations.ts';

/**
 * Tidemark's Cassandra schema, in order. Append new versions; never edit an applied one. The events
 * table and the replay job tables arrive with the warehouse (seed B) and replay (seed C) work.
 */
export const cassandraMigrations: readonly CassandraMigration[] = [];
