import { operatorProcedure, publicProcedure, router } from '../trpc.ts';

export const sessionRouter = router({
  /** Who is signed in, or null. */
  get: publicProcedure.query(({ ctx }) => ctx.principal ?? null),

  /** Tenants an operator can switch to: every tenant some token was issued for. */
  listTenants: operatorProcedure.query(async ({ ctx }) =>
    (await ctx.deps.registry.tenants()).filter((tenant) => tenant !== '*'),
  ),
});
