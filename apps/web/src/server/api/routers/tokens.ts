import type { IssuedToken } from '@tidemark/core';
import { audiences, parseTtl } from '@tidemark/core/auth';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { adminProcedure, operatorProcedure, router, tenantAdminProcedure } from '../trpc.ts';

const maxTtlSeconds = 365 * 86_400;

export type TokenStatus = 'active' | 'expired' | 'revoked';

export interface TokenRow extends IssuedToken {
  readonly status: TokenStatus;
}

export const tokensRouter = router({
  /** The tenant's tokens, newest first, with whether each still works. */
  list: tenantAdminProcedure.query(async ({ ctx }): Promise<TokenRow[]> => {
    const now = ctx.deps.clock();
    return (await ctx.deps.registry.list(ctx.tenant)).map((token) => ({
      ...token,
      status:
        token.revokedAt !== undefined || ctx.deps.verifier.isRevoked(token.jti)
          ? 'revoked'
          : token.expiresAt <= now
            ? 'expired'
            : 'active',
    }));
  }),

  /** Mints a token for the tenant and records it; the token itself is returned this once only. */
  mint: tenantAdminProcedure
    .input(
      z.object({
        audience: z.enum(audiences),
        /** 90s, 15m, 12h, 30d … at most a year. */
        ttl: z.string().max(16),
        note: z.string().trim().max(200).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const ttlSeconds = parseTtl(input.ttl);
      if (ttlSeconds === undefined || ttlSeconds > maxTtlSeconds) {
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: 'expiry must look like 90s, 15m, 12h or 30d, at most 365d',
        });
      }
      const createdAt = ctx.deps.clock();
      let minted: Awaited<ReturnType<typeof ctx.deps.issuer.mint>>;
      try {
        minted = await ctx.deps.issuer.mint({ tenant: ctx.tenant, audience: input.audience, ttlSeconds });
      } catch (error) {
        if (error instanceof RangeError) throw new TRPCError({ code: 'BAD_REQUEST', message: error.message });
        throw error;
      }
      const record: IssuedToken = {
        tenant: ctx.tenant,
        jti: minted.jti,
        audience: input.audience,
        kid: minted.kid,
        ...(input.note ? { note: input.note } : {}),
        issuedBy: ctx.principal.subject,
        createdAt: Math.floor(createdAt / 1000) * 1000,
        expiresAt: minted.expiresAt,
      };
      await ctx.deps.registry.record(record);
      return { token: minted.token, issued: record };
    }),

  /** Denies a token of the tenant until it expires; every instance refuses it within 2 s. */
  revoke: tenantAdminProcedure
    .input(z.object({ jti: z.string().min(1).max(100) }))
    .mutation(async ({ ctx, input }) => {
      const token = await ctx.deps.registry.get(ctx.tenant, input.jti);
      if (!token)
        throw new TRPCError({ code: 'NOT_FOUND', message: `tenant ${ctx.tenant} has no token ${input.jti}` });
      const now = ctx.deps.clock();
      await ctx.deps.revocations.revoke(token.jti, token.expiresAt);
      await ctx.deps.registry.markRevoked(ctx.tenant, token.jti, ctx.principal.subject, now);
      return { jti: token.jti, revokedAt: now, selfRevoked: token.jti === ctx.principal.jti };
    }),

  /** The signing keys that still verify, newest (current) first: public facts only. */
  listKeys: adminProcedure.query(async ({ ctx }) =>
    (await ctx.deps.keys.all()).map((key, index) => ({
      kid: key.kid,
      createdAt: key.createdAt,
      ...(key.retiredAt === undefined ? {} : { retiredAt: key.retiredAt }),
      current: index === 0,
    })),
  ),

  /** New tokens get signed by a new key; tokens signed by older keys keep verifying. Every tenant's concern. */
  rotateKey: operatorProcedure.mutation(async ({ ctx }) => {
    const key = await ctx.deps.keys.rotate();
    return { kid: key.kid, createdAt: key.createdAt };
  }),
});
