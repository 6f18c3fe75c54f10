import { TRPCError } from '@trpc/server';
import { authenticateWith } from '../auth/authenticate.ts';
import { isSameOrigin } from '../auth/origin.ts';
import { getConsoleDeps } from '../context.ts';
import type { Context } from './trpc.ts';

/** The tRPC context of one HTTP request: who sent it (bearer token or session cookie) and from where. */
export async function createRequestContext(headers: Headers): Promise<Context> {
  const deps = await getConsoleDeps().catch((cause) => {
    throw new TRPCError({
      code: 'SERVICE_UNAVAILABLE',
      message: 'the console cannot reach its engines yet',
      cause,
    });
  });
  const auth = await authenticateWith(deps, headers);
  return {
    deps,
    principal: auth.ok ? auth.principal : undefined,
    ...(auth.ok ? {} : { authProblem: auth.message }),
    sameOrigin: isSameOrigin(headers, deps.allowedOrigins),
  };
}
