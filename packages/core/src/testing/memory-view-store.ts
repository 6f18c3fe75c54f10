import { defaultView, defaultViewId, type View } from '../domain/view.ts';
import type { ViewStore } from '../ports/view-store.ts';

/** In-memory ViewStore for unit tests: the Cassandra one's rules (implicit default view, compare-and-set generations) on a Map. */
export function createMemoryViewStore(): ViewStore & { views: Map<string, View> } {
  const views = new Map<string, View>();
  const keyOf = (tenant: string, id: string) => `${tenant}/${id}`;
  const stored = (tenant: string, id: string) => views.get(keyOf(tenant, id));
  const put = (view: View) => views.set(keyOf(view.tenant, view.definition.id), view);
  const ensureRow = (tenant: string, id: string, now: number) => {
    if (id === defaultViewId && !stored(tenant, id))
      put({ ...defaultView(tenant), createdAt: now, updatedAt: now });
  };
  const without = (view: View, ...keys: (keyof View)[]): View => {
    const copy: Record<string, unknown> = { ...view };
    for (const key of keys) delete copy[key];
    return copy as unknown as View;
  };
  return {
    views,
    async list(tenant) {
      const found = [...views.values()]
        .filter((view) => view.tenant === tenant)
        .sort((a, b) => (a.definition.id < b.definition.id ? -1 : 1));
      if (!found.some((view) => view.definition.id === defaultViewId)) found.unshift(defaultView(tenant));
      return found;
    },
    async listStored() {
      return [...views.values()];
    },
    async get(tenant, id) {
      return stored(tenant, id) ?? (id === defaultViewId ? defaultView(tenant) : undefined);
    },
    async save(tenant, definition, by, now) {
      ensureRow(tenant, definition.id, now);
      const before = stored(tenant, definition.id);
      const view: View = before
        ? { ...before, definition, updatedAt: now, updatedBy: by }
        : { tenant, definition, activeGeneration: 1, createdAt: now, updatedAt: now, updatedBy: by };
      put(view);
      return view;
    },
    async beginRebuild(tenant, id, generation, job, now) {
      ensureRow(tenant, id, now);
      const before = stored(tenant, id);
      if (!before) throw new Error(`no view ${tenant}/${id} to rebuild`);
      if (generation <= before.activeGeneration)
        throw new Error(
          `a rebuild of ${tenant}/${id} must build a generation past the active ${before.activeGeneration}, not ${generation}`,
        );
      put({ ...before, buildingGeneration: generation, buildingJob: job, updatedAt: now });
      return before.buildingGeneration !== undefined && before.buildingGeneration !== generation
        ? { replaced: before.buildingGeneration }
        : {};
    },
    async flip(tenant, id, generation, now) {
      const before = stored(tenant, id);
      if (!before || before.buildingGeneration !== generation) return false;
      put({
        ...without(before, 'buildingGeneration', 'buildingJob'),
        activeGeneration: generation,
        retiredGeneration: before.activeGeneration,
        retiredAt: now,
        updatedAt: now,
      });
      return true;
    },
    async abandonRebuild(tenant, id, generation, now) {
      const before = stored(tenant, id);
      if (before?.buildingGeneration === generation)
        put({ ...without(before, 'buildingGeneration', 'buildingJob'), updatedAt: now });
    },
    async clearRetired(tenant, id, generation) {
      const before = stored(tenant, id);
      if (before?.retiredGeneration === generation) put(without(before, 'retiredGeneration', 'retiredAt'));
    },
  };
}
