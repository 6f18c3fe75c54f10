import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { adminProcedure, router, tenantOf } from '../trpc.ts';

export const pipelineRouter = router({
  /** Engine health with probe latency; deployment-wide. */
  health: adminProcedure.query(({ ctx }) => ctx.deps.pipeline.health()),

  /** Tidemark's topics with their partitions, leaders, replicas and offsets. */
  topics: adminProcedure.query(({ ctx }) => ctx.deps.pipeline.topics()),

  /** Consumer lag per group, topic and partition. */
  lag: adminProcedure.query(({ ctx }) => ctx.deps.pipeline.lag()),

  /** Events/s in (live topic), out (warehouse commits), invalid and replayed, between this instance's samples. */
  throughput: adminProcedure.query(({ ctx }) => ctx.deps.throughput.sample()),

  /** Freshness: the newest projected 1-minute bucket of the tenant's views (an operator's: every tenant's). */
  freshness: adminProcedure
    .input(z.object({ tenant: z.string().min(1).max(63).optional() }))
    .query(async ({ ctx, input }) => {
      const tenant =
        ctx.principal.operator && input.tenant === undefined
          ? undefined
          : tenantOf(ctx.principal, input.tenant);
      const newest = await ctx.deps.series.newestBucket(tenant === '*' ? undefined : tenant);
      return { newestBucket: newest ?? null, at: ctx.deps.clock() };
    }),

  /** Recent refused input of the tenant (an operator may look at every tenant), newest first. */
  invalidEvents: adminProcedure
    .input(
      z.object({
        tenant: z.string().min(1).max(63).optional(),
        code: z.string().min(1).max(100).optional(),
        text: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(500).default(100),
      }),
    )
    .query(({ ctx, input }) => {
      const tenant =
        ctx.principal.operator && input.tenant === undefined
          ? undefined
          : tenantOf(ctx.principal, input.tenant);
      if (tenant === '*')
        throw new TRPCError({ code: 'BAD_REQUEST', message: 'name one tenant, or none for all' });
      return ctx.deps.pipeline.invalidEvents({
        ...(tenant === undefined ? {} : { tenant }),
        ...(input.code ? { code: input.code } : {}),
        ...(input.text?.trim() ? { text: input.text } : {}),
        limit: input.limit,
      });
    }),
});
