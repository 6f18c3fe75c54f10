import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { parseSeriesParams, QueryInputError } from '../../query/query-params.ts';
import { readSeries, ViewNotFoundError } from '../../query/series-service.ts';
import { router, tenantProcedure } from '../trpc.ts';

/**
 * The parameters of `GET /api/v1/series`, as that route takes them (apps/web/README.md); they go through the
 * same parser, so both answer a bad input with the same words.
 */
const seriesInput = z.object({
  view: z.string().max(200),
  from: z.union([z.string().max(40), z.number()]).optional(),
  to: z.union([z.string().max(40), z.number()]).optional(),
  interval: z.string().max(10).optional(),
  /** A comma list of the view's group-by keys, or `none` for one total line. */
  groupBy: z.string().max(500).optional(),
  /** `key:value` on a group-by key. */
  filter: z.array(z.string().max(1000)).max(20).optional(),
  /** A comma list of the view's metrics. */
  metrics: z.string().max(200).optional(),
  topK: z.number().optional(),
});

export function seriesSearchParams(input: z.infer<typeof seriesInput>): URLSearchParams {
  const search = new URLSearchParams({ view: input.view });
  for (const name of ['from', 'to', 'interval', 'groupBy', 'metrics', 'topK'] as const) {
    const value = input[name];
    if (value !== undefined) search.set(name, String(value));
  }
  for (const entry of input.filter ?? []) search.append('filter', entry);
  return search;
}

export const seriesRouter = router({
  /** One view's series from its active generation: the same answer as `GET /api/v1/series`, without `tenant`. */
  query: tenantProcedure.input(seriesInput).query(async ({ ctx, input }) => {
    try {
      return await readSeries(ctx.deps, ctx.tenant, parseSeriesParams(seriesSearchParams(input)));
    } catch (error) {
      if (error instanceof QueryInputError)
        throw new TRPCError({ code: 'BAD_REQUEST', message: error.message, cause: error });
      if (error instanceof ViewNotFoundError)
        throw new TRPCError({ code: 'NOT_FOUND', message: error.message, cause: error });
      throw error;
    }
  }),
});
