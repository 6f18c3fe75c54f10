import { InfraError } from '@tidemark/core';
import { authenticateWith } from '../auth/authenticate.ts';
import { getQueryDeps, type QueryDeps } from './query-deps.ts';
import { QueryInputError } from './query-params.ts';
import { ViewNotFoundError } from './series-service.ts';

/** Who may read what: one tenant, and for a ticket one view only. */
export interface QueryCaller {
  readonly tenant: string;
  readonly role: 'viewer' | 'admin';
  readonly subject: string;
  readonly credential: { readonly jti: string; readonly exp: number };
  /** Set when the caller came with a live ticket: the only view it may read. */
  readonly view?: string;
}

export function problem(status: number, code: string, message: string, headers: Record<string, string> = {}) {
  return Response.json(
    { error: { code, message } },
    { status, headers: { 'cache-control': 'no-store', ...headers } },
  );
}

/**
 * The caller of a query route: a bearer token or the console session (the cookie only from the console's own
 * origin), or — where allowed, on live channels — a `?ticket=`. An operator names the tenant with `?tenant=`;
 * anyone else reads only their own tenant (invariant 7).
 */
export async function resolveCaller(
  deps: QueryDeps,
  request: Request,
  options: { readonly ticket: boolean },
): Promise<QueryCaller | Response> {
  const url = new URL(request.url);
  const ticket = url.searchParams.get('ticket');
  if (ticket !== null) {
    if (!options.ticket) return problem(400, 'QUERY_TICKET_NOT_HERE', 'tickets are for live channels only');
    const found = await deps.tickets.find(ticket, deps.clock());
    if (!found || deps.auth.verifier.isRevoked(found.credentialJti) || found.credentialExp <= deps.clock())
      return problem(
        401,
        'AUTH_INVALID_TICKET',
        'the ticket is unknown, expired or its credential was revoked',
      );
    return {
      tenant: found.tenant,
      role: found.role,
      subject: found.subject,
      credential: { jti: found.credentialJti, exp: Math.min(found.credentialExp, found.expiresAt) },
      view: found.view,
    };
  }
  if (!request.headers.has('authorization') && !sameOrigin(request, deps.allowedOrigins))
    return problem(403, 'AUTH_BAD_ORIGIN', 'a session cookie is accepted only from the console itself');
  const auth = await authenticateWith(deps.auth, request.headers);
  if (!auth.ok) return problem(auth.status, auth.code, auth.message);
  const { principal } = auth;
  const asked = url.searchParams.get('tenant');
  if (principal.operator && !asked)
    return problem(400, 'QUERY_MISSING_TENANT', 'an operator token reads one tenant at a time: add ?tenant=');
  if (!principal.operator && asked !== null && asked !== principal.tenant)
    return problem(403, 'AUTH_WRONG_TENANT', `this credential reads tenant ${principal.tenant} only`);
  return {
    tenant: principal.operator ? (asked as string) : principal.tenant,
    role: principal.role,
    subject: principal.subject,
    credential: { jti: principal.jti, exp: principal.exp },
  };
}

/** Cookie-authenticated calls must come from the console's own origin (or a configured one). */
export function sameOrigin(request: Request, allowed: readonly string[]): boolean {
  const origin = request.headers.get('origin');
  if (origin === null) return true; // not a cross-site browser request: browsers send Origin on those
  const host = request.headers.get('host');
  return (host !== null && new URL(origin).host === host) || allowed.includes(origin);
}

/** Runs a query route: dependencies, caller, and one mapping of errors to answers. */
export async function queryRoute(
  request: Request,
  options: { readonly ticket: boolean },
  handler: (deps: QueryDeps, caller: QueryCaller) => Promise<Response>,
): Promise<Response> {
  let deps: QueryDeps;
  try {
    deps = await getQueryDeps();
  } catch (error) {
    return unavailable(error);
  }
  try {
    const caller = await resolveCaller(deps, request, options);
    if (caller instanceof Response) return caller;
    return await handler(deps, caller);
  } catch (error) {
    return errorResponse(error);
  }
}

export function errorResponse(error: unknown): Response {
  if (error instanceof QueryInputError) return problem(400, error.code, error.message);
  if (error instanceof ViewNotFoundError) return problem(404, error.code, error.message);
  if (error instanceof InfraError && error.retriable) return unavailable(error);
  console.error(JSON.stringify({ component: 'query', message: 'query failed', error: String(error) }));
  return problem(500, 'QUERY_FAILED', 'the query failed; see the server log');
}

function unavailable(error: unknown): Response {
  return problem(503, 'QUERY_UNAVAILABLE', `a store is unavailable: ${(error as Error).message}`, {
    'retry-after': '2',
  });
}
