import { z } from 'zod';
import { defaultIssuer } from './token-claims.ts';

/** The variables every process that mints or verifies tokens reads; apps extend their env schema with it. */
export const authEnvSchema = z.object({
  TIDEMARK_ISSUER: z.string().min(1).default(defaultIssuer),
});
