import { problem, queryRoute } from '../../../../../server/query/http.ts';
import { parseSeriesParams } from '../../../../../server/query/query-params.ts';
import { readSeries } from '../../../../../server/query/series-service.ts';

export const dynamic = 'force-dynamic';
const holdMs = 25_000;

/**
 * GET /api/v1/live/poll?view=…[&cursor=…]: long-poll. Without a cursor, the snapshot at once; with one, the
 * view as soon as an update newer than the cursor arrives, or `{type: "timeout"}` after 25 s. Each answer
 * carries the cursor for the next poll.
 */
export function GET(request: Request) {
  return queryRoute(request, { ticket: true }, async (deps, caller) => {
    const search = new URL(request.url).searchParams;
    const params = parseSeriesParams(search);
    if (caller.view !== undefined && caller.view !== params.view)
      return problem(403, 'AUTH_WRONG_VIEW', `this ticket is for view ${caller.view}`);
    const cursorText = search.get('cursor');
    const cursor = cursorText === null ? undefined : Number(cursorText);
    if (cursor !== undefined && !Number.isFinite(cursor))
      return problem(
        400,
        'QUERY_INVALID_CURSOR',
        `cursor must be the number of an earlier answer, got ${cursorText}`,
      );
    if (cursor === undefined) {
      const at = deps.hub.lastUpdate(caller.tenant, params.view);
      return Response.json({
        type: 'snapshot',
        cursor: at,
        ...(await readSeries(deps, caller.tenant, params)),
      });
    }
    const changed = await new Promise<{ at: number; buckets: number[] } | undefined>((resolve) => {
      if (deps.hub.lastUpdate(caller.tenant, params.view) > cursor) {
        resolve({ at: deps.hub.lastUpdate(caller.tenant, params.view), buckets: [] });
        return;
      }
      const done = (value: { at: number; buckets: number[] } | undefined) => {
        clearTimeout(timer);
        clearInterval(watch);
        unsubscribe();
        resolve(value);
      };
      const timer = setTimeout(() => done(undefined), holdMs);
      // A revoked or expired credential ends the hold too, within a second.
      const watch = setInterval(() => {
        if (deps.auth.verifier.isRevoked(caller.credential.jti) || caller.credential.exp <= deps.clock())
          done(undefined);
      }, 500);
      const unsubscribe = deps.hub.subscribe(caller.tenant, params.view, (update) => {
        if (update.at > cursor) done({ at: update.at, buckets: [...update.buckets] });
      });
      request.signal.addEventListener('abort', () => done(undefined));
    });
    if (deps.auth.verifier.isRevoked(caller.credential.jti) || caller.credential.exp <= deps.clock())
      return problem(401, 'AUTH_REVOKED', 'the credential of this channel was revoked or has expired');
    if (!changed) return Response.json({ type: 'timeout', cursor });
    return Response.json({
      type: 'update',
      cursor: changed.at,
      buckets: changed.buckets,
      ...(await readSeries(deps, caller.tenant, params)),
    });
  });
}
