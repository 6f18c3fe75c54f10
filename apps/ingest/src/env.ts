import { engineEnvSchema, parseEnv } from '@tidemark/core';
import { z } from 'zod';

const int = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
const ms = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, context) => {
      const match = /^(\d+)(ms|s|m|h|d)$/.exec(value);
      if (!match) {
        context.addIssue({ code: 'custom', message: 'a duration such as 500ms, 30s, 24h or 7d' });
        return z.NEVER;
      }
      const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 'ms'];
      return Number(match[1]) * unit;
    });

const schema = engineEnvSchema.extend({
  INGEST_HOST: z.string().default('127.0.0.1'),
  INGEST_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TIDEMARK_ISSUER: z.string().default('tidemark'),
  /** Store the client IP in events' context (personal data: off unless you need it). */
  INGEST_CAPTURE_IP: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  INGEST_MAX_EVENT_AGE: ms('7d'),
  INGEST_MAX_EVENT_FUTURE: ms('24h'),
  INGEST_RATE_PER_SECOND: int(5000),
  INGEST_RATE_BURST: int(20_000),
  INGEST_BROWSER_RATE_PER_SECOND: int(50),
  INGEST_BROWSER_RATE_BURST: int(500),
  INGEST_MAX_IN_FLIGHT_BATCHES: int(16),
  INGEST_MAX_IN_FLIGHT_BYTES: int(8 * 1024 * 1024),
  INGEST_POLL_HOLD: ms('25s'),
});

export type IngestEnv = z.infer<typeof schema>;
export const env: Readonly<IngestEnv> = parseEnv(schema, process.env);
