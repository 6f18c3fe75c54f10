import {
  isFinished,
  newReplayJob,
  newUuidV7,
  nextRebuildGeneration,
  type ReplayRequest,
  replayRequestProblem,
  unfinishedRebuild,
} from '@tidemark/core';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { replayRowOf } from '../replay-view.ts';
import { router, tenantAdminProcedure } from '../trpc.ts';

const day = 86_400_000;
const jobId = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'not a job id');
const rateLimit = z.number().int().positive().max(10_000_000).optional();

const startInput = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('rebuild'),
    view: z.string().min(1).max(63),
    /** First day scanned, ms; a year back by default, as the CLI does. */
    since: z.number().int().optional(),
    rateLimit,
  }),
  z.object({
    mode: z.literal('republish'),
    from: z.number().int(),
    to: z.number().int(),
    names: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
    rateLimit,
  }),
]);

export const replaysRouter = router({
  /** The tenant's jobs newest first: `active` (pending, running), `finished` (the history) or all. */
  list: tenantAdminProcedure
    .input(
      z.object({
        status: z.enum(['active', 'finished', 'all']).default('all'),
        limit: z.number().int().min(1).max(500).default(100),
      }),
    )
    .query(async ({ ctx, input }) =>
      (await ctx.deps.replayJobs.list(ctx.tenant))
        .filter((job) => input.status === 'all' || (input.status === 'finished') === isFinished(job.status))
        .slice(0, input.limit)
        .map(replayRowOf),
    ),

  get: tenantAdminProcedure.input(z.object({ id: jobId })).query(async ({ ctx, input }) => {
    const job = await ctx.deps.replayJobs.get(input.id);
    if (!job || job.tenant !== ctx.tenant)
      throw new TRPCError({ code: 'NOT_FOUND', message: `no replay job ${input.id}` });
    return replayRowOf(job);
  }),

  /** A rebuild of a view over its whole history, or a republish of an event-time range; a worker takes it within 2 s. */
  start: tenantAdminProcedure.input(startInput).mutation(async ({ ctx, input }) => {
    const now = ctx.deps.clock();
    // A rebuild targets a generation past every one the view has, the active one too: rebuilding into the
    // active generation would count history twice and then drop it as the retired one.
    const view = input.mode === 'rebuild' ? await ctx.deps.views.get(ctx.tenant, input.view) : undefined;
    const jobs = input.mode === 'rebuild' ? await ctx.deps.replayJobs.list(ctx.tenant) : [];
    const running = input.mode === 'rebuild' ? unfinishedRebuild(jobs, ctx.tenant, input.view) : undefined;
    if (running && input.mode === 'rebuild')
      throw new TRPCError({
        code: 'CONFLICT',
        message: `view ${input.view} is being rebuilt by job ${running.id} (${running.status}): cancel it or let it end first`,
      });
    const common = {
      tenant: ctx.tenant,
      startedBy: ctx.principal.subject,
      ...(input.rateLimit === undefined ? {} : { rateLimit: input.rateLimit }),
    };
    const request: ReplayRequest =
      input.mode === 'republish'
        ? {
            ...common,
            mode: 'republish',
            from: input.from,
            to: input.to,
            ...(input.names?.length ? { names: input.names } : {}),
          }
        : {
            ...common,
            mode: 'rebuild',
            view: input.view,
            since: input.since ?? Math.floor((now - 365 * day) / day) * day,
            generation: nextRebuildGeneration(jobs, ctx.tenant, input.view, view),
          };
    const problem = replayRequestProblem(request);
    if (problem) throw new TRPCError({ code: 'BAD_REQUEST', message: problem });
    const job = newReplayJob(request, newUuidV7(now), now);
    if (!(await ctx.deps.replayJobs.create(job))) {
      throw new TRPCError({
        code: 'CONFLICT',
        message: `replay job ${job.id} exists already; start it again`,
      });
    }
    return replayRowOf(job);
  }),

  /** Stops a pending or running job of the tenant; emission stops within 2 s. */
  cancel: tenantAdminProcedure.input(z.object({ id: jobId })).mutation(async ({ ctx, input }) => {
    const job = await ctx.deps.replayJobs.get(input.id);
    if (!job || job.tenant !== ctx.tenant)
      throw new TRPCError({ code: 'NOT_FOUND', message: `no replay job ${input.id}` });
    if (isFinished(job.status)) {
      throw new TRPCError({
        code: 'PRECONDITION_FAILED',
        message: `replay job ${input.id} already ended (${job.status})`,
      });
    }
    const cancelled = await ctx.deps.replayJobs.cancel(input.id, ctx.deps.clock());
    if (!cancelled) throw new TRPCError({ code: 'NOT_FOUND', message: `no replay job ${input.id}` });
    return replayRowOf(cancelled);
  }),
});
