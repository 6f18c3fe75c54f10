import type { Audience } from './token-claims.ts';

export interface VerifiedToken {
  /** `sub`: one tenant, or `*` for an operator (admin audience only). */
  readonly tenant: string;
  readonly audience: Audience;
  readonly jti: string;
  /** ms since the epoch. */
  readonly expiresAt: number;
  readonly kid: string;
}

export type AuthFailureCode =
  | 'AUTH_MISSING_TOKEN'
  | 'AUTH_MALFORMED_TOKEN'
  | 'AUTH_INVALID_TOKEN'
  | 'AUTH_TOKEN_EXPIRED'
  | 'AUTH_TOKEN_REVOKED'
  | 'AUTH_WRONG_AUDIENCE';

export type AuthFailure = {
  readonly ok: false;
  readonly code: AuthFailureCode;
  readonly status: 401 | 403;
  readonly message: string;
};

export type Verification = { readonly ok: true; readonly token: VerifiedToken } | AuthFailure;

/** 403 only for a valid token meant for another audience: the caller is known, just not allowed here. */
export function authFailure(code: AuthFailureCode, message: string): AuthFailure {
  return { ok: false, code, status: code === 'AUTH_WRONG_AUDIENCE' ? 403 : 401, message };
}
