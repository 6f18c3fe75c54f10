import { engineEnvSchema, parseEnv } from '@tidemark/core';
import { z } from 'zod';

export const roleNames = ['warehouse', 'replay', 'projector'] as const;
export type RoleName = (typeof roleNames)[number];

const schema = engineEnvSchema.extend({
  /** Each role runs as its own process (and consumer group), so each scales on its own. */
  TM_ROLE: z.enum(roleNames),
  WORKERS_HOST: z.string().default('127.0.0.1'),
  WORKERS_PORT: z.coerce.number().int().min(0).max(65535).default(8081),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Crash on purpose at a named point (tests only; see failpoints.ts). */
  TM_FAILPOINT: z.string().optional(),
  /** S: warehouse partitions per tenant-day. Fixed for a deployment on first start (see cassandra-schema.ts). */
  WAREHOUSE_SHARDS: z.coerce.number().int().min(1).max(65_536).default(64),
  /** How long a consumer may go silent before its partitions move to another member. */
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6000).default(30_000),
  /** Kafka partitions one warehouse process writes at a time. */
  WAREHOUSE_PARTITIONS_CONCURRENTLY: z.coerce.number().int().min(1).default(6),
  /** The projector lets replay records wait while a live partition is further behind than this. */
  PROJECTOR_MAX_LIVE_LAG_FOR_REPLAY: z.coerce.number().int().min(0).default(5000),
});

export type WorkersEnv = z.infer<typeof schema>;
export const env: Readonly<WorkersEnv> = parseEnv(schema, process.env);
