import { engineEnvSchema, parseEnv } from '@tidemark/core';
import { z } from 'zod';

const schema = engineEnvSchema.extend({
  INGEST_HOST: z.string().default('127.0.0.1'),
  INGEST_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type IngestEnv = z.infer<typeof schema>;
export const env: Readonly<IngestEnv> = parseEnv(schema, process.env);
