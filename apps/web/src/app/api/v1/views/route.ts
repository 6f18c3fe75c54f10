import { queryRoute } from '../../../../server/query/http.ts';
import { listViews } from '../../../../server/query/series-service.ts';

export const dynamic = 'force-dynamic';

/** GET /api/v1/views: the tenant's views; the default one is `events-by-name`. */
export function GET(request: Request) {
  return queryRoute(request, { ticket: false }, async (deps, caller) =>
    Response.json({ tenant: caller.tenant, views: await listViews(deps, caller.tenant) }),
  );
}
