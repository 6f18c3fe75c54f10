import {
  buildSeries,
  type SeriesResult,
  type SeriesStore,
  seriesIntervals,
  type View,
  type ViewStore,
} from '@tidemark/core';
import { QueryInputError, type SeriesParams, seriesQueryOf } from './query-params.ts';

export interface SeriesDeps {
  readonly views: ViewStore;
  readonly series: SeriesStore;
  readonly clock: () => number;
}

/** A view as the query API shows it. */
export interface ViewSummary {
  readonly id: string;
  readonly title: string;
  readonly filter: View['definition']['filter'];
  readonly groupBy: readonly string[];
  readonly metrics: readonly string[];
  readonly value?: string;
  readonly groupCap: number;
  readonly generation: number;
  readonly rebuilding?: { readonly generation: number; readonly job?: string };
  readonly updatedAt: number;
  readonly updatedBy: string;
}

export function viewSummary(view: View): ViewSummary {
  const { definition } = view;
  return {
    id: definition.id,
    title: definition.title,
    filter: definition.filter,
    groupBy: definition.groupBy,
    metrics: definition.metrics,
    ...(definition.value ? { value: definition.value } : {}),
    groupCap: definition.groupCap,
    generation: view.activeGeneration,
    ...(view.buildingGeneration !== undefined
      ? {
          rebuilding: {
            generation: view.buildingGeneration,
            ...(view.buildingJob ? { job: view.buildingJob } : {}),
          },
        }
      : {}),
    updatedAt: view.updatedAt,
    updatedBy: view.updatedBy,
  };
}

export async function listViews(deps: SeriesDeps, tenant: string): Promise<ViewSummary[]> {
  return (await deps.views.list(tenant)).map(viewSummary);
}

export class ViewNotFoundError extends Error {
  readonly code = 'VIEW_NOT_FOUND';
}

/** One view's series over the query's range, read from its active generation only (invariant 6). */
export async function readSeries(
  deps: SeriesDeps,
  tenant: string,
  params: SeriesParams,
): Promise<{ view: ViewSummary; series: SeriesResult }> {
  const view = await deps.views.get(tenant, params.view);
  if (!view) throw new ViewNotFoundError(`tenant ${tenant} has no view ${JSON.stringify(params.view)}`);
  const query = seriesQueryOf(view.definition, params, deps.clock());
  const cells = await deps.series.read({
    tenant,
    view: view.definition.id,
    generation: view.activeGeneration,
    from: query.from,
    to: query.to,
    intervalMs: seriesIntervals[query.interval],
    sketches: query.metrics.some((metric) => metric === 'uniques' || metric.startsWith('p')),
  });
  return { view: viewSummary(view), series: buildSeries(view.definition, cells, query) };
}

export { QueryInputError };
