import type { CassandraMigration } from './cassandra-migrations.ts';

/**
 * Tidemark's Cassandra schema, in order. Append new versions; never edit an applied one. The events
 * table and the replay job tables arrive with the warehouse (seed B) and replay (seed C) work.
 */
export const cassandraMigrations: readonly CassandraMigration[] = [
  // Token signing keys and the jti denylist live in Cassandra rather than in files: every instance of
  // every service then sees a rotation or a revocation within its 2 s reload, with no shared disk. Keeping
  // private keys here adds no reader: whoever can read Cassandra can already read every event.
  // Each table is one small partition (`scope` is always 'tokens'), read in full on every reload.
  {
    version: 1,
    name: 'auth',
    statements: [
      // `generation` orders keys; inserting the next one IF NOT EXISTS makes creation and rotation safe
      // when several processes race. A key retires when the next generation is created.
      `CREATE TABLE IF NOT EXISTS {keyspace}.signing_keys (
        scope text, generation int, kid text, private_jwk text, public_jwk text, created_at timestamp,
        PRIMARY KEY ((scope), generation)
      ) WITH CLUSTERING ORDER BY (generation DESC)`,
      // Rows are written USING TTL = seconds until the token expires, so the list holds only tokens that
      // would otherwise still verify. Nothing is ever deleted, only expired, so tombstones cannot
      // resurrect anything and a short gc_grace keeps the full-partition read cheap.
      `CREATE TABLE IF NOT EXISTS {keyspace}.revoked_tokens (
        scope text, jti text, expires_at timestamp, revoked_at timestamp,
        PRIMARY KEY ((scope), jti)
      ) WITH gc_grace_seconds = 3600`,
    ],
  },
];
