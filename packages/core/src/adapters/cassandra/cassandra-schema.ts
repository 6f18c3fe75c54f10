import type { CassandraMigration } from './cassandra-migrations.ts';

/** Tidemark's Cassandra schema, in order. Append new versions; never edit an applied one. */
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
  // The warehouse: every event once, keyed by what never changes between copies of one event (DESIGN.md
  // invariant 3): the tenant, the UTC day of the id's UUIDv7 time, and shard = murmur2(id) mod S.
  //
  // Sizing S: a partition should stay under ~100 MB. At one billion events a day for one tenant and
  // ~500 bytes a row (protobuf payload + columns), a day holds ~500 GB, so S ≥ 5 000: S = 8 192 keeps
  // partitions near 61 MB. The default S = 64 suits up to ~12 million events a tenant-day. S is fixed when
  // the warehouse first starts (warehouse_settings) and can't change afterwards: rows would move shards.
  //
  // Rows are written once, at about their day, and never updated, which is what
  // TimeWindowCompactionStrategy with one-day windows expects.
  {
    version: 2,
    name: 'warehouse',
    statements: [
      `CREATE TABLE IF NOT EXISTS {keyspace}.events (
        tenant text, day date, shard int, id uuid,
        name text, event_time timestamp, received_at timestamp, payload blob,
        source_partition int, source_offset bigint,
        PRIMARY KEY ((tenant, day, shard), id)
      ) WITH compaction = {'class': 'TimeWindowCompactionStrategy', 'compaction_window_unit': 'DAYS', 'compaction_window_size': '1'}`,
      'CREATE TABLE IF NOT EXISTS {keyspace}.warehouse_settings (name text PRIMARY KEY, value int)',
    ],
  },
  // Replay jobs (DESIGN.md "Rebuilds"). Jobs are few and long-lived, so they share one partition (`scope`
  // is always 'replay'): every worker's once-a-second poll and the console's list are one partition read.
  // Ids are UUIDv7, so the clustering order is newest first. Every change after the insert is a
  // lightweight transaction on status, owner and lease: that is what keeps one job on one worker.
  //
  // A checkpoint row means every replay record of that warehouse partition was acknowledged; a resumed
  // job skips those partitions. Rebuild cuts are O[p], one row per live-topic partition, written
  // insert-if-absent by the projector when it starts feeding a new generation.
  {
    version: 3,
    name: 'replay',
    statements: [
      `CREATE TABLE IF NOT EXISTS {keyspace}.replay_jobs (
        scope text, id uuid,
        tenant text, mode text, status text,
        from_time timestamp, to_time timestamp, names list<text>,
        view_name text, generation int, since timestamp,
        rate_limit int, started_by text,
        created_at timestamp, started_at timestamp, finished_at timestamp, updated_at timestamp,
        emitted bigint, estimated_total bigint, rate double,
        owner text, lease_until timestamp, error text,
        PRIMARY KEY ((scope), id)
      ) WITH CLUSTERING ORDER BY (id DESC)`,
      `CREATE TABLE IF NOT EXISTS {keyspace}.replay_checkpoints (
        job_id uuid, day date, shard int, emitted bigint, finished_at timestamp,
        PRIMARY KEY ((job_id), day, shard)
      )`,
      `CREATE TABLE IF NOT EXISTS {keyspace}.rebuild_cuts (
        tenant text, view_name text, generation int, partition int, cut_offset bigint, recorded_at timestamp,
        PRIMARY KEY ((tenant, view_name, generation), partition)
      )`,
    ],
  },
  // Views: one row per tenant and view id, the definition as JSON. Queries read only `active_generation`;
  // a rebuild writes `building_generation` beside it and flips by compare-and-set once caught up; a
  // replaced generation is `retired` and its index deleted after a grace period.
  {
    version: 4,
    name: 'views',
    statements: [
      `CREATE TABLE IF NOT EXISTS {keyspace}.views (
        tenant text, id text,
        definition text,
        active_generation int,
        building_generation int, building_job uuid,
        retired_generation int, retired_at timestamp,
        created_at timestamp, updated_at timestamp, updated_by text,
        PRIMARY KEY ((tenant), id)
      )`,
    ],
  },
  // The registry of issued tokens, so the console can list what was minted (a JWT is never stored, only
  // its claims and a note). One partition per tenant (`*` holds operator tokens). Rows are written USING
  // TTL = until the token expires plus a retention period, so expired tokens stay listed for a while and
  // then go. Revocation itself lives in `revoked_tokens`; `revoked_at` here is for the listing only.
  {
    version: 5,
    name: 'issued_tokens',
    statements: [
      `CREATE TABLE IF NOT EXISTS {keyspace}.issued_tokens (
        tenant text, jti text,
        audience text, kid text, note text, issued_by text,
        created_at timestamp, expires_at timestamp,
        revoked_at timestamp, revoked_by text,
        PRIMARY KEY ((tenant), jti)
      ) WITH gc_grace_seconds = 86400`,
    ],
  },
  // Tickets for live channels that can't send headers (browser WebSocket, EventSource): a random id valid
  // for one view for at most 5 minutes (USING TTL), naming the credential it was obtained with so that its
  // revocation or expiry still closes the channel. Any web instance can redeem it.
  {
    version: 6,
    name: 'live_tickets',
    statements: [
      `CREATE TABLE IF NOT EXISTS {keyspace}.live_tickets (
        ticket text PRIMARY KEY,
        tenant text, view_id text, role text, subject text, credential_jti text, credential_exp timestamp,
        expires_at timestamp
      ) WITH gc_grace_seconds = 3600`,
    ],
  },
];
