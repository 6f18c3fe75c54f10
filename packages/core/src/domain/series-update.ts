/** One record of the series-updates topic: which buckets of a view generation changed, and when. */
export interface SeriesUpdate {
  readonly tenant: string;
  readonly view: string;
  readonly generation: number;
  /** 1-minute bucket starts, ms. */
  readonly buckets: readonly number[];
  /** When the projector published it, ms. */
  readonly at: number;
}

/** Records are keyed by tenant and view, so one view's updates stay in order. */
export const seriesUpdateKey = (tenant: string, view: string) => `${tenant}/${view}`;

export function encodeSeriesUpdate(update: SeriesUpdate): Buffer {
  return Buffer.from(JSON.stringify(update));
}

/** Undefined for anything that is not an update. */
export function decodeSeriesUpdate(bytes: Uint8Array | null): SeriesUpdate | undefined {
  if (!bytes) return undefined;
  try {
    const value = JSON.parse(Buffer.from(bytes).toString('utf8')) as Partial<SeriesUpdate>;
    if (
      typeof value.tenant === 'string' &&
      typeof value.view === 'string' &&
      typeof value.generation === 'number' &&
      Array.isArray(value.buckets) &&
      value.buckets.every((bucket) => typeof bucket === 'number') &&
      typeof value.at === 'number'
    )
      return value as SeriesUpdate;
  } catch {}
  return undefined;
}
