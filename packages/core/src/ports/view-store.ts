import type { View, ViewDefinition } from '../domain/view.ts';

/** Views and their generations (Cassandra in production). Generation changes are compare-and-set. */
export interface ViewStore {
  /** The tenant's views, the default view included even when never stored. */
  list(tenant: string): Promise<View[]>;
  /** Every stored view of every tenant (the projector adds each tenant's default itself). */
  listStored(): Promise<View[]>;
  get(tenant: string, id: string): Promise<View | undefined>;
  /** Creates a view (generation 1) or changes its definition; a changed definition needs a rebuild to apply to history. */
  save(tenant: string, definition: ViewDefinition, by: string, now: number): Promise<View>;
  /**
   * Marks `generation` as being built by `job`, replacing any generation an earlier run of the job was
   * building (returned, so that its documents can be dropped).
   */
  beginRebuild(
    tenant: string,
    id: string,
    generation: number,
    job: string,
    now: number,
  ): Promise<{ replaced?: number }>;
  /** Makes the built generation active in one step; the old one is retired. False if it is no longer being built. */
  flip(tenant: string, id: string, generation: number, now: number): Promise<boolean>;
  /** Stops building `generation` (a cancelled or failed rebuild). */
  abandonRebuild(tenant: string, id: string, generation: number, now: number): Promise<void>;
  /** Forgets a retired generation once its documents are gone. */
  clearRetired(tenant: string, id: string, generation: number): Promise<void>;
}
