import { defaultView, type View, type ViewStore, type ViewTarget } from '@tidemark/core';

/** A generation being rebuilt, which live records feed from its cut offsets on. */
export interface BuildingTarget extends ViewTarget {
  readonly job?: string;
}

/**
 * The projector's picture of every view, reloaded from the view store in the background. A tenant with no
 * stored default view still has one (generation 1).
 */
export interface ViewRegistry {
  /** The generations live records of this tenant go to: active ones always, building ones past the cut. */
  liveTargets(tenant: string): {
    readonly active: readonly ViewTarget[];
    readonly building: readonly BuildingTarget[];
  };
  /** Every generation being rebuilt, of every tenant. */
  building(): readonly BuildingTarget[];
  /** The target of a replay record, if its view is still building that generation. */
  replayTarget(tenant: string, view: string, generation: number): ViewTarget | undefined;
  refresh(): Promise<void>;
}

export function createViewRegistry(store: ViewStore): ViewRegistry {
  let byTenant = new Map<string, View[]>();
  let building: BuildingTarget[] = [];

  function viewsOf(tenant: string): View[] {
    const stored = byTenant.get(tenant) ?? [];
    const hasDefault = stored.some((view) => view.definition.id === defaultView(tenant).definition.id);
    return hasDefault ? stored : [defaultView(tenant), ...stored];
  }

  return {
    liveTargets(tenant) {
      const views = viewsOf(tenant);
      return {
        active: views.map((view) => ({
          tenant,
          definition: view.definition,
          generation: view.activeGeneration,
        })),
        building: views.flatMap((view) => buildingOf(view)),
      };
    },
    building: () => building,
    replayTarget(tenant, view, generation) {
      const found = viewsOf(tenant).find((candidate) => candidate.definition.id === view);
      return found?.buildingGeneration === generation
        ? { tenant, definition: found.definition, generation }
        : undefined;
    },
    async refresh() {
      const views = await store.listStored();
      const next = new Map<string, View[]>();
      for (const view of views) next.set(view.tenant, [...(next.get(view.tenant) ?? []), view]);
      byTenant = next;
      building = views.flatMap((view) => buildingOf(view));
    },
  };
}

function buildingOf(view: View): BuildingTarget[] {
  return view.buildingGeneration === undefined
    ? []
    : [
        {
          tenant: view.tenant,
          definition: view.definition,
          generation: view.buildingGeneration,
          ...(view.buildingJob ? { job: view.buildingJob } : {}),
        },
      ];
}
