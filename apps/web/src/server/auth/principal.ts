/** Who is calling the console or the query API, as `authenticate` establishes it. */
export interface Principal {
  /** The token's `sub`: one tenant, or `*` for an operator. */
  readonly tenant: string;
  /** `viewer` for a `tidemark:query` token, `admin` for `tidemark:admin`. */
  readonly role: 'viewer' | 'admin';
  /** An admin token for tenant `*`: may act on any tenant. */
  readonly operator: boolean;
  /** Shown in histories ("started by"): the token's registry note when it has one, else its kind and jti. */
  readonly subject: string;
  /** The jti of the token (for a session: of the token the session was opened with). */
  readonly jti: string;
  /** When this credential stops working, ms since the epoch. */
  readonly exp: number;
  readonly via: 'token' | 'session';
}

export type Role = Principal['role'];

export function subjectOf(role: Role, jti: string, note?: string): string {
  const kind = role === 'admin' ? 'admin token' : 'query token';
  return note ? `${note} (${kind} ${jti.slice(0, 8)})` : `${kind} ${jti.slice(0, 8)}`;
}
