import { randomBytes } from 'node:crypto';
import { problem, queryRoute } from '../../../../../server/query/http.ts';

export const dynamic = 'force-dynamic';
const ticketTtlMs = 5 * 60_000;

/**
 * POST /api/v1/live/ticket {"view": "…"}: a ticket for one view's live channels, for clients that can't send
 * headers (a browser's WebSocket or EventSource). Valid 5 minutes at most, never past its credential.
 */
export function POST(request: Request) {
  return queryRoute(request, { ticket: false }, async (deps, caller) => {
    const body = (await request.json().catch(() => undefined)) as { view?: unknown } | undefined;
    const view = typeof body?.view === 'string' ? body.view : undefined;
    if (!view) return problem(400, 'QUERY_MISSING_VIEW', 'send {"view": "<view id>"}');
    if (!(await deps.views.get(caller.tenant, view)))
      return problem(404, 'VIEW_NOT_FOUND', `tenant ${caller.tenant} has no view ${JSON.stringify(view)}`);
    const expiresAt = Math.min(deps.clock() + ticketTtlMs, caller.credential.exp);
    const ticket = randomBytes(24).toString('base64url');
    await deps.tickets.create({
      ticket,
      tenant: caller.tenant,
      view,
      role: caller.role,
      subject: caller.subject,
      credentialJti: caller.credential.jti,
      credentialExp: caller.credential.exp,
      expiresAt,
    });
    return Response.json({ ticket, view, expiresAt: new Date(expiresAt).toISOString() }, { status: 201 });
  });
}
