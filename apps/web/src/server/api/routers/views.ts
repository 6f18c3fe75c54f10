import { defaultGroupCap, type ViewDefinition, type ViewMetric, viewProblem } from '@tidemark/core';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { listViews, viewSummary } from '../../query/series-service.ts';
import { router, tenantAdminProcedure, tenantProcedure } from '../trpc.ts';

// Shapes only: what a definition may say is viewProblem's to judge, so that every refusal reads the same
// whether it comes from the console, the API or the CLI.
const definitionInput = z.object({
  id: z.string().trim().max(200),
  title: z.string().trim().max(1000),
  filter: z
    .object({
      names: z.array(z.string().trim().max(200)).max(100).default([]),
      properties: z.record(z.string(), z.union([z.string().max(1000), z.number(), z.boolean()])).default({}),
    })
    .default({ names: [], properties: {} }),
  groupBy: z.array(z.string().trim().max(200)).max(10).default([]),
  metrics: z.array(z.string().trim().max(20)).max(20),
  value: z.string().trim().max(200).optional(),
  groupCap: z.number().default(defaultGroupCap),
});

type DefinitionInput = z.infer<typeof definitionInput>;

function definitionOf(input: DefinitionInput): ViewDefinition {
  return {
    id: input.id,
    title: input.title,
    filter: { names: [...new Set(input.filter.names)], properties: input.filter.properties },
    groupBy: input.groupBy,
    metrics: [...new Set(input.metrics)] as ViewMetric[],
    ...(input.value ? { value: input.value } : {}),
    groupCap: input.groupCap,
  };
}

function definitionProblem(definition: ViewDefinition): string | undefined {
  if (Object.keys(definition.filter.properties).some((key) => key.trim() === ''))
    return 'filter properties need a name';
  return viewProblem(definition);
}

/** Definitions compared as stored: key order and the order of filter names do not make a change. */
function sameDefinition(a: ViewDefinition, b: ViewDefinition): boolean {
  const canonical = (definition: ViewDefinition) =>
    JSON.stringify({
      ...definition,
      filter: {
        names: [...definition.filter.names].sort(),
        properties: Object.fromEntries(Object.entries(definition.filter.properties).sort()),
      },
      metrics: [...definition.metrics].sort(),
      value: definition.value ?? null,
    });
  return canonical(a) === canonical(b);
}

export const viewsRouter = router({
  /** The tenant's views, the implicit default one included. */
  list: tenantProcedure.query(({ ctx }) => listViews(ctx.deps, ctx.tenant)),

  get: tenantProcedure.input(z.object({ id: z.string().max(200) })).query(async ({ ctx, input }) => {
    const view = await ctx.deps.views.get(ctx.tenant, input.id);
    if (!view)
      throw new TRPCError({
        code: 'NOT_FOUND',
        message: `tenant ${ctx.tenant} has no view ${JSON.stringify(input.id)}`,
      });
    return viewSummary(view);
  }),

  /**
   * Creates a view (`create: true`, refused if the id is taken) or changes one. A new view counts events from
   * now on; `changed` says the definition differs from what history was counted with, so a rebuild
   * (`replays.start`) is what brings history in line.
   */
  save: tenantAdminProcedure
    .input(z.object({ create: z.boolean(), definition: definitionInput }))
    .mutation(async ({ ctx, input }) => {
      const definition = definitionOf(input.definition);
      const problem = definitionProblem(definition);
      if (problem) throw new TRPCError({ code: 'BAD_REQUEST', message: problem });
      const before = await ctx.deps.views.get(ctx.tenant, definition.id);
      if (input.create && before)
        throw new TRPCError({
          code: 'CONFLICT',
          message: `view ${definition.id} exists already: choose another id, or edit that view`,
        });
      if (!input.create && !before)
        throw new TRPCError({
          code: 'NOT_FOUND',
          message: `tenant ${ctx.tenant} has no view ${JSON.stringify(definition.id)} to change`,
        });
      const changed = !before || !sameDefinition(before.definition, definition);
      const view = changed
        ? await ctx.deps.views.save(ctx.tenant, definition, ctx.principal.subject, ctx.deps.clock())
        : before;
      return { view: viewSummary(view), created: !before, changed };
    }),
});
