import type { SeriesResult } from '@tidemark/core';
import type { LiveHub } from './live-hub.ts';
import type { SeriesParams } from './query-params.ts';
import { readSeries, type SeriesDeps, type ViewSummary } from './series-service.ts';

export type LiveMessage =
  | {
      readonly type: 'snapshot';
      readonly cursor: number;
      readonly view: ViewSummary;
      readonly series: SeriesResult;
    }
  | {
      readonly type: 'update';
      readonly cursor: number;
      /** The 1-minute buckets that changed. */
      readonly buckets: readonly number[];
      readonly view: ViewSummary;
      readonly series: SeriesResult;
    }
  | { readonly type: 'error'; readonly code: string; readonly message: string };

export interface LiveFeedDeps extends SeriesDeps {
  readonly hub: LiveHub;
  readonly isRevoked: (jti: string) => boolean;
}

/** The credential a channel was opened with: when it is revoked or expires, the channel closes. */
export interface LiveCredential {
  readonly jti: string;
  readonly exp: number;
}

export interface LiveOutput {
  send(message: LiveMessage): void;
  close(code: number, reason: string): void;
}

/** Close codes for WebSocket clients; SSE and long-poll end the response instead. */
export const liveCloseCodes = { credential: 4401, error: 4500 } as const;
const coalesceMs = 100;
const credentialCheckMs = 500;

/**
 * One subscriber's feed: a snapshot of its query first, then the query again after every update of its view,
 * so a sliding window slides. The first update is read at once; those that follow within `coalesceMs`, or
 * while a read runs, share the next read, so answers go out one at a time and in order. Checks its credential
 * twice a second and closes once it is revoked or expired, well within DESIGN.md's 2 s.
 */
export function openLiveFeed(
  deps: LiveFeedDeps,
  tenant: string,
  params: SeriesParams,
  credential: LiveCredential,
  out: LiveOutput,
  /** The snapshot, read by the caller to answer a bad query with its HTTP status before the channel opens. */
  first: { readonly cursor: number; readonly view: ViewSummary; readonly series: SeriesResult },
): () => void {
  let closed = false;
  let pending: { cursor: number; buckets: Set<number> } | undefined;
  let timer: NodeJS.Timeout | undefined;
  let reading = false;
  let lastRead = Number.NEGATIVE_INFINITY;

  const stop = () => {
    closed = true;
    unsubscribe();
    clearInterval(watch);
    clearTimeout(timer);
  };
  const fail = (error: unknown) => {
    if (closed) return;
    out.send({ type: 'error', code: 'LIVE_QUERY_FAILED', message: (error as Error).message });
  };
  const schedule = () => {
    if (timer || reading || closed) return;
    timer = setTimeout(() => void refresh(), Math.max(0, lastRead + coalesceMs - performance.now()));
  };
  const refresh = async () => {
    timer = undefined;
    const batch = pending;
    pending = undefined;
    if (!batch || closed) return;
    reading = true;
    lastRead = performance.now();
    try {
      const { view, series } = await readSeries(deps, tenant, params);
      if (!closed)
        out.send({
          type: 'update',
          cursor: batch.cursor,
          buckets: [...batch.buckets].sort((a, b) => a - b),
          view,
          series,
        });
    } catch (error) {
      fail(error);
    } finally {
      reading = false;
      if (pending) schedule();
    }
  };
  const unsubscribe = deps.hub.subscribe(tenant, params.view, (update) => {
    pending ??= { cursor: 0, buckets: new Set() };
    pending.cursor = Math.max(pending.cursor, update.at);
    for (const bucket of update.buckets) pending.buckets.add(bucket);
    schedule();
  });
  const watch = setInterval(() => {
    if (deps.isRevoked(credential.jti) || credential.exp <= deps.clock()) {
      stop();
      out.close(liveCloseCodes.credential, 'the credential of this channel was revoked or has expired');
    }
  }, credentialCheckMs);

  out.send({ type: 'snapshot', ...first });
  return stop;
}
