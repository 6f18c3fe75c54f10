import { engineEnvSchema, parseEnv } from '@tidemark/core';
import { authEnvSchema } from '@tidemark/core/auth';
import { z } from 'zod';

const duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, context) => {
      const match = /^(\d+)(s|m|h|d)$/.exec(value);
      if (!match) {
        context.addIssue({ code: 'custom', message: 'a duration such as 30m, 8h or 1d' });
        return z.NEVER;
      }
      return Number(match[1]) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 's'];
    });

const origins = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((origin) => origin.trim().replace(/\/$/, ''))
      .filter(Boolean),
  );

const schema = engineEnvSchema.extend(authEnvSchema.shape).extend({
  /** How long a console session lasts at most; never past the expiry of the token it was opened with. */
  WEB_SESSION_TTL: duration('8h'),
  /**
   * Origins (scheme://host[:port]) besides the request's own host from which cookie-authenticated
   * mutations are accepted, e.g. the public URL when a proxy rewrites Host.
   */
  WEB_ALLOWED_ORIGINS: origins,
  /** How many recent records per partition of the invalid-events topic the console keeps in memory. */
  WEB_INVALID_EVENTS_PER_PARTITION: z.coerce.number().int().min(1).max(10_000).default(200),
  /** Memory for closed chunks of series in the query cache (series-cache.ts), MiB; 0 turns the cache off. */
  WEB_SERIES_CACHE_MB: z.coerce.number().int().min(0).max(65_536).default(128),
});

export type WebEnv = z.infer<typeof schema>;

let parsed: Readonly<WebEnv> | undefined;

/**
 * The web app's environment, parsed on first use rather than at import: `next build` imports route
 * modules without a runtime environment.
 */
export function env(): Readonly<WebEnv> {
  parsed ??= parseEnv(schema, process.env);
  return parsed;
}
