import { engineEnvSchema, parseEnv } from '@tidemark/core';
import { z } from 'zod';

const schema = engineEnvSchema.extend({
  WORKERS_HOST: z.string().default('127.0.0.1'),
  WORKERS_PORT: z.coerce.number().int().min(0).max(65535).default(8081),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type WorkersEnv = z.infer<typeof schema>;
export const env: Readonly<WorkersEnv> = parseEnv(schema, process.env);
