import cassandra from 'cassandra-driver';
import type { Audience } from '../../auth/token-claims.ts';
import { InfraError } from '../../errors.ts';
import type { IssuedToken, IssuedTokenStore } from '../../ports/issued-token-store.ts';

// Cassandra's largest TTL (20 years); a longer-lived token's row is kept for 20 years.
const maxTtlSeconds = 630_720_000;
/** Expired tokens stay listed this long, so an admin can still see what just stopped working. */
export const issuedTokenRetentionMs = 30 * 86_400_000;

/** The registry in `<keyspace>.issued_tokens` (migration 5): one partition per tenant. */
export function createCassandraIssuedTokenStore(
  client: cassandra.Client,
  options: { readonly keyspace: string; readonly clock?: () => number },
): IssuedTokenStore {
  const clock = options.clock ?? Date.now;
  const table = `${options.keyspace}.issued_tokens`;
  const columns =
    'tenant, jti, audience, kid, note, issued_by, created_at, expires_at, revoked_at, revoked_by';

  const run = async (
    what: string,
    cql: string,
    params: unknown[],
    queryOptions: cassandra.QueryOptions = {},
  ) => {
    try {
      return await client.execute(cql, params, { prepare: true, ...queryOptions });
    } catch (error) {
      throw new InfraError('CASSANDRA_UNAVAILABLE', `${what} failed on ${table}`, {
        retriable: true,
        cause: error,
      });
    }
  };

  // Every cell of a row carries the same TTL, so a revoked row disappears whole with the rest of it.
  const ttlFor = (expiresAt: number) =>
    Math.min(Math.ceil((expiresAt + issuedTokenRetentionMs - clock()) / 1000), maxTtlSeconds);

  const get = async (tenant: string, jti: string) => {
    const result = await run(
      `reading token ${jti}`,
      `SELECT ${columns} FROM ${table} WHERE tenant = ? AND jti = ?`,
      [tenant, jti],
    );
    const row = result.first();
    return row ? tokenOf(row) : undefined;
  };

  return {
    get,

    async record(token) {
      const ttl = ttlFor(token.expiresAt);
      if (ttl <= 0) return;
      await run(
        `recording token ${token.jti}`,
        `INSERT INTO ${table} (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TTL ?`,
        [
          token.tenant,
          token.jti,
          token.audience,
          token.kid,
          token.note ?? null,
          token.issuedBy,
          new Date(token.createdAt),
          new Date(token.expiresAt),
          token.revokedAt === undefined ? null : new Date(token.revokedAt),
          token.revokedBy ?? null,
          ttl,
        ],
      );
    },

    async list(tenant) {
      const result = await run(
        `listing the tokens of ${tenant}`,
        `SELECT ${columns} FROM ${table} WHERE tenant = ?`,
        [tenant],
        { fetchSize: 10_000 },
      );
      return result.rows.map(tokenOf).sort((a, b) => b.createdAt - a.createdAt || (a.jti < b.jti ? -1 : 1));
    },

    async tenants() {
      // A full scan of partition keys: fine for a registry of a few thousand tokens.
      const result = await run('listing tenants', `SELECT DISTINCT tenant FROM ${table}`, [], {
        fetchSize: 10_000,
      });
      return result.rows.map((row) => row.get('tenant') as string).sort();
    },

    async markRevoked(tenant, jti, by, at) {
      const known = await get(tenant, jti);
      if (!known) return false;
      const ttl = ttlFor(known.expiresAt);
      if (ttl <= 0) return true;
      const result = await run(
        `noting the revocation of ${jti}`,
        `UPDATE ${table} USING TTL ? SET revoked_at = ?, revoked_by = ? WHERE tenant = ? AND jti = ? IF EXISTS`,
        [ttl, new Date(at), by, tenant, jti],
        { serialConsistency: cassandra.types.consistencies.localSerial },
      );
      return result.first()?.get('[applied]') === true;
    },
  };
}

function tokenOf(row: cassandra.types.Row): IssuedToken {
  const time = (column: string) => (row.get(column) as Date | null)?.getTime();
  const audience = row.get('audience') as string;
  const note = row.get('note') as string | null;
  const revokedAt = time('revoked_at');
  const revokedBy = row.get('revoked_by') as string | null;
  return {
    tenant: row.get('tenant') as string,
    jti: row.get('jti') as string,
    audience: audience as Audience,
    kid: row.get('kid') as string,
    ...(note ? { note } : {}),
    issuedBy: row.get('issued_by') as string,
    createdAt: time('created_at') ?? 0,
    expiresAt: time('expires_at') ?? 0,
    ...(revokedAt === undefined ? {} : { revokedAt }),
    ...(revokedBy ? { revokedBy } : {}),
  };
}
