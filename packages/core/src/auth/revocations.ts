export interface Revocation {
  readonly jti: string;
  /** The revoked token's own expiry (ms): past it, the token is refused anyway and the entry can go. */
  readonly expiresAt: number;
}

/** The `jti` denylist every instance reloads at least every 2 s. */
export interface RevocationStore {
  revoke(jti: string, expiresAt: number): Promise<void>;
  /** Every revocation whose token has not expired yet. */
  list(): Promise<Revocation[]>;
}
