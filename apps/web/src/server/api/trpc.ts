import { InfraError } from '@tidemark/core';
import { initTRPC, TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { Principal } from '../auth/principal.ts';
import type { ConsoleDeps } from '../context.ts';

export interface Context {
  readonly deps: ConsoleDeps;
  /** Undefined when the request carries no valid credentials. */
  readonly principal: Principal | undefined;
  /** Why there is no principal, for the UNAUTHORIZED message. */
  readonly authProblem?: string;
  /** Whether the request comes from the console's own origin (see auth/origin.ts). */
  readonly sameOrigin: boolean;
}

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      data: {
        ...shape.data,
        // Never the stack: operators read the server log for that.
        stack: undefined,
        retriable: cause instanceof InfraError ? cause.retriable : undefined,
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Infrastructure failures become 503 with a message saying what failed; nothing else is rewritten. */
const infraErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof InfraError) {
    const cause = result.error.cause;
    throw new TRPCError({
      code: 'SERVICE_UNAVAILABLE',
      message: `${cause.message}; try again shortly`,
      cause,
    });
  }
  return result;
});

export const publicProcedure = t.procedure.use(infraErrors);

/**
 * Signed in with any console token. Mutations made with the session cookie must come from the console's
 * own origin (CSRF): SameSite=Lax already keeps cross-site POSTs cookie-less in current browsers, the Origin
 * check covers the rest.
 */
export const signedInProcedure = publicProcedure.use(({ ctx, type, next }) => {
  const { principal } = ctx;
  if (!principal) throw new TRPCError({ code: 'UNAUTHORIZED', message: ctx.authProblem ?? 'sign in first' });
  if (type === 'mutation' && principal.via === 'session' && !ctx.sameOrigin) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'cross-site request refused: send it from the console itself',
    });
  }
  return next({ ctx: { principal } });
});

export const adminProcedure = signedInProcedure.use(({ ctx, next }) => {
  if (ctx.principal.role !== 'admin') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'this needs an admin token (tidemark:admin)' });
  }
  return next();
});

export const operatorProcedure = adminProcedure.use(({ ctx, next }) => {
  if (!ctx.principal.operator) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: "this affects every tenant: it needs an operator token (tidemark:admin for tenant '*')",
    });
  }
  return next();
});

export const tenantInput = z.object({
  /** Required of operators; others may leave it out or must name their own tenant. */
  tenant: z.string().min(1).max(63).optional(),
});

/** The one tenant a call acts on: the principal's own, or for an operator the one it names. */
export function tenantOf(principal: Principal, requested: string | undefined): string {
  if (principal.operator) {
    if (requested === undefined || requested === '*') {
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: 'choose a tenant: operator tokens span every tenant',
      });
    }
    return requested;
  }
  if (requested !== undefined && requested !== principal.tenant) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `this token is for tenant ${principal.tenant}, not ${requested}`,
    });
  }
  return principal.tenant;
}

/** Signed in, acting on one tenant: `ctx.tenant`. */
export const tenantProcedure = signedInProcedure
  .input(tenantInput)
  .use(({ ctx, input, next }) => next({ ctx: { tenant: tenantOf(ctx.principal, input.tenant) } }));

/** An admin acting on one tenant: `ctx.tenant`. */
export const tenantAdminProcedure = adminProcedure
  .input(tenantInput)
  .use(({ ctx, input, next }) => next({ ctx: { tenant: tenantOf(ctx.principal, input.tenant) } }));
