import type { PartialDoc, PartialKey } from '../domain/projection.ts';
import type { SeriesCell } from '../domain/series.ts';
import type { ViewDefinition } from '../domain/view.ts';

export interface SeriesWriteOutcome {
  readonly written: number;
  /** Refused because the store holds a higher version: a newer writer got there first, which is fine. */
  readonly stale: number;
  readonly failed: readonly { readonly id: string; readonly reason: string }[];
}

/** One view generation's aggregates over a time range, merged per interval bucket and stored group. */
export interface SeriesRead {
  readonly tenant: string;
  readonly view: string;
  readonly generation: number;
  /** [from, to) in ms; both multiples of the interval. */
  readonly from: number;
  readonly to: number;
  readonly intervalMs: number;
  /** Whether uniques or percentiles are wanted: then sketches are read and merged too. */
  readonly sketches: boolean;
}

/** One generation of one tenant's view: the unit the store keeps apart (one index in OpenSearch). */
export interface ViewGeneration {
  readonly tenant: string;
  readonly view: string;
  readonly generation: number;
}

/** Per-partition partial aggregates of the views (OpenSearch in production; DESIGN.md "Projection mechanics"). */
export interface SeriesStore {
  /** Reads documents by key in real time; absent ones come back empty (version −1). */
  load(keys: readonly PartialKey[], definitionOf: (key: PartialKey) => ViewDefinition): Promise<PartialDoc[]>;
  /** Writes each document at its version (external versioning); every item is checked. */
  write(docs: readonly PartialDoc[]): Promise<SeriesWriteOutcome>;
  read(request: SeriesRead): Promise<SeriesCell[]>;
  /** Returns once every document written to these generations before the call is visible to `read`. */
  makeReadable(generations: readonly ViewGeneration[]): Promise<void>;
  /** The newest 1-minute bucket of any view (of one tenant, when given): how fresh the views are. */
  newestBucket(tenant?: string): Promise<number | undefined>;
  /** Deletes every document of one generation of a view. */
  dropGeneration(tenant: string, view: string, generation: number): Promise<void>;
}
