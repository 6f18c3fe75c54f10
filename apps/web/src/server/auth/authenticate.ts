import type { TokenVerifier, Verification } from '@tidemark/core/auth';
import { getConsoleDeps } from '../context.ts';
import { type Principal, subjectOf } from './principal.ts';
import { type SessionCodec, sessionCookieName } from './session.ts';

export interface AuthDeps {
  readonly verifier: TokenVerifier;
  readonly sessions: SessionCodec;
  readonly clock: () => number;
}

export type AuthResult =
  | { readonly ok: true; readonly principal: Principal }
  | { readonly ok: false; readonly status: 401 | 403; readonly code: string; readonly message: string };

const noCredentials: AuthResult = {
  ok: false,
  status: 401,
  code: 'AUTH_MISSING_TOKEN',
  message: 'sign in, or send Authorization: Bearer <query or admin token>',
};

/**
 * Checks a token as the console and the query API take it: `tidemark:admin` or `tidemark:query`.
 * An ingest token is refused with 403 and says so.
 */
export async function verifyConsoleToken(verifier: TokenVerifier, token: string): Promise<Verification> {
  const asAdmin = await verifier.verify(token, 'admin');
  if (asAdmin.ok || asAdmin.code !== 'AUTH_WRONG_AUDIENCE') return asAdmin;
  const asQuery = await verifier.verify(token, 'query');
  if (asQuery.ok || asQuery.code !== 'AUTH_WRONG_AUDIENCE') return asQuery;
  return {
    ...asQuery,
    message: `${asQuery.message.replace(/, this endpoint needs .*$/, '')}; the console takes a tidemark:query or tidemark:admin token`,
  };
}

export function principalOfToken(token: {
  tenant: string;
  audience: string;
  jti: string;
  expiresAt: number;
}): Principal {
  const role = token.audience === 'admin' ? 'admin' : 'viewer';
  return {
    tenant: token.tenant,
    role,
    operator: token.tenant === '*',
    subject: subjectOf(role, token.jti),
    jti: token.jti,
    exp: token.expiresAt,
    via: 'token',
  };
}

export function sessionCookieOf(headers: Headers): string | undefined {
  for (const part of (headers.get('cookie') ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === sessionCookieName) return part.slice(index + 1).trim();
  }
  return undefined;
}

/**
 * A bearer token when the request carries one (and then only it: a bad token is not rescued by a
 * cookie), else the session cookie. A session ends when it expires, when it is signed out, and when the
 * token it was opened with is revoked or expires; the revocation list is the verifier's, reloaded every
 * second.
 */
export async function authenticateWith(deps: AuthDeps, headers: Headers): Promise<AuthResult> {
  const authorization = headers.get('authorization');
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1]) {
      return {
        ok: false,
        status: 401,
        code: 'AUTH_MALFORMED_TOKEN',
        message: 'use Authorization: Bearer <token>',
      };
    }
    const verified = await verifyConsoleToken(deps.verifier, match[1]);
    return verified.ok ? { ok: true, principal: principalOfToken(verified.token) } : verified;
  }
  const cookie = sessionCookieOf(headers);
  if (cookie === undefined) return noCredentials;
  const session = await deps.sessions.read(cookie);
  if (!session) {
    return {
      ok: false,
      status: 401,
      code: 'AUTH_SESSION_INVALID',
      message: 'the session expired; sign in again',
    };
  }
  if (deps.verifier.isRevoked(session.sid)) {
    return { ok: false, status: 401, code: 'AUTH_SESSION_INVALID', message: 'signed out; sign in again' };
  }
  if (deps.verifier.isRevoked(session.tokenJti) || session.tokenExp <= deps.clock()) {
    return {
      ok: false,
      status: 401,
      code: 'AUTH_TOKEN_REVOKED',
      message: 'the token this session was opened with was revoked or expired; sign in with another',
    };
  }
  return {
    ok: true,
    principal: {
      tenant: session.tenant,
      role: session.role,
      operator: session.tenant === '*' && session.role === 'admin',
      subject: session.subject,
      jti: session.tokenJti,
      exp: session.expiresAt,
      via: 'session',
    },
  };
}

/**
 * The caller of a console page, tRPC procedure or query API request: `Authorization: Bearer <query or
 * admin token>` or the session cookie. Undefined when neither is valid.
 */
export async function authenticate(headers: Headers): Promise<Principal | undefined> {
  const result = await authenticateWith(await getConsoleDeps(), headers);
  return result.ok ? result.principal : undefined;
}
