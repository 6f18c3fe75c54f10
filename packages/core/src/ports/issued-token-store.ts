import type { Audience } from '../auth/token-claims.ts';

/** What the registry keeps of a minted token: its claims and a note, never the token itself. */
export interface IssuedToken {
  readonly tenant: string;
  readonly jti: string;
  readonly audience: Audience;
  readonly kid: string;
  readonly note?: string;
  /** Who minted it: `cli:<user>`, or the console principal (`admin:<jti>`). */
  readonly issuedBy: string;
  /** ms since the epoch. */
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly revokedAt?: number;
  readonly revokedBy?: string;
}

/**
 * The registry of issued tokens, so that an admin can list and revoke what was minted for a tenant. It
 * is a listing only: verification never reads it (the signing keys and the jti denylist decide).
 */
export interface IssuedTokenStore {
  record(token: IssuedToken): Promise<void>;
  /** One tenant's tokens (`*` for operator tokens), newest first, including recently expired ones. */
  list(tenant: string): Promise<IssuedToken[]>;
  get(tenant: string, jti: string): Promise<IssuedToken | undefined>;
  /** Every tenant some token was issued for (and not yet dropped), sorted; for an operator's tenant picker. */
  tenants(): Promise<string[]>;
  /** Notes a revocation in the listing; false when the registry has no such token. */
  markRevoked(tenant: string, jti: string, by: string, at: number): Promise<boolean>;
}
