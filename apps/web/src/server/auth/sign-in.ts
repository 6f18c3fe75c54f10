import type { ConsoleDeps } from '../context.ts';
import { verifyConsoleToken } from './authenticate.ts';
import { isSameOrigin } from './origin.ts';
import { subjectOf } from './principal.ts';
import { sessionCookieName } from './session.ts';

export interface CookieToSet {
  readonly name: string;
  readonly value: string;
  readonly maxAgeSeconds: number;
}

export type SignInResult =
  | {
      readonly ok: true;
      readonly cookie: CookieToSet;
      readonly principal: { tenant: string; role: 'viewer' | 'admin'; operator: boolean; expiresAt: number };
    }
  | { readonly ok: false; readonly status: 400 | 401 | 403; readonly code: string; readonly message: string };

/** Exchanges a query or admin token for a session cookie. Cross-site sign-ins are refused (login CSRF). */
export async function signIn(
  deps: Pick<ConsoleDeps, 'verifier' | 'sessions' | 'registry' | 'allowedOrigins' | 'clock'>,
  headers: Headers,
  token: unknown,
): Promise<SignInResult> {
  if (!isSameOrigin(headers, deps.allowedOrigins)) {
    return { ok: false, status: 403, code: 'CROSS_SITE', message: 'sign in from the console itself' };
  }
  if (typeof token !== 'string' || token.trim() === '') {
    return { ok: false, status: 400, code: 'AUTH_MISSING_TOKEN', message: 'paste a query or admin token' };
  }
  const verified = await verifyConsoleToken(deps.verifier, token.trim());
  if (!verified.ok) return verified;
  const { tenant, audience, jti, expiresAt } = verified.token;
  const role = audience === 'admin' ? 'admin' : 'viewer';
  // The note an admin gave the token when minting it names the person in histories.
  const note = (await deps.registry.get(tenant, jti).catch(() => undefined))?.note;
  const { value, session } = await deps.sessions.issue({
    tenant,
    role,
    subject: subjectOf(role, jti, note),
    tokenJti: jti,
    tokenExp: expiresAt,
  });
  return {
    ok: true,
    cookie: {
      name: sessionCookieName,
      value,
      maxAgeSeconds: Math.max(1, Math.floor((session.expiresAt - deps.clock()) / 1000)),
    },
    principal: { tenant, role, operator: tenant === '*', expiresAt: session.expiresAt },
  };
}

/** Ends a session for good: its id is revoked until it would have expired, so a copied cookie dies too. */
export async function signOut(
  deps: Pick<ConsoleDeps, 'sessions' | 'revocations' | 'allowedOrigins'>,
  headers: Headers,
  cookie: string | undefined,
): Promise<{ ok: true } | { ok: false; status: 403; message: string }> {
  if (!isSameOrigin(headers, deps.allowedOrigins)) {
    return { ok: false, status: 403, message: 'sign out from the console itself' };
  }
  const session = await deps.sessions.read(cookie);
  if (session) await deps.revocations.revoke(session.sid, session.expiresAt);
  return { ok: true };
}
