import type { IssuedToken, IssuedTokenStore } from '../ports/issued-token-store.ts';

/** In-memory IssuedTokenStore with the Cassandra one's contract (newest first, per tenant). */
export function createMemoryIssuedTokenStore(): IssuedTokenStore {
  const tokens = new Map<string, IssuedToken>();
  const key = (tenant: string, jti: string) => `${tenant}\u0000${jti}`;
  return {
    async record(token) {
      tokens.set(key(token.tenant, token.jti), token);
    },
    async list(tenant) {
      return [...tokens.values()]
        .filter((token) => token.tenant === tenant)
        .sort((a, b) => b.createdAt - a.createdAt || (a.jti < b.jti ? -1 : 1));
    },
    async get(tenant, jti) {
      return tokens.get(key(tenant, jti));
    },
    async tenants() {
      return [...new Set([...tokens.values()].map((token) => token.tenant))].sort();
    },
    async markRevoked(tenant, jti, by, at) {
      const token = tokens.get(key(tenant, jti));
      if (!token) return false;
      tokens.set(key(tenant, jti), { ...token, revokedAt: at, revokedBy: by });
      return true;
    },
  };
}
