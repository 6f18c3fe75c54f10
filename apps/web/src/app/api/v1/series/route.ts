import { queryRoute } from '../../../../server/query/http.ts';
import { parseSeriesParams } from '../../../../server/query/query-params.ts';
import { readSeries } from '../../../../server/query/series-service.ts';

export const dynamic = 'force-dynamic';

/** GET /api/v1/series?view&from&to&interval&groupBy&filter&metrics&topK: see apps/web/README.md. */
export function GET(request: Request) {
  return queryRoute(request, { ticket: false }, async (deps, caller) => {
    const params = parseSeriesParams(new URL(request.url).searchParams);
    return Response.json({ tenant: caller.tenant, ...(await readSeries(deps, caller.tenant, params)) });
  });
}
