import type cassandra from 'cassandra-driver';
import type { Revocation, RevocationStore } from '../../auth/revocations.ts';
import { InfraError } from '../../errors.ts';

const scope = 'tokens';
// Cassandra's largest TTL (20 years); a token living longer than that is revoked for 20 years.
const maxTtlSeconds = 630_720_000;

/** The jti denylist in `<keyspace>.revoked_tokens`; rows expire with the tokens they deny. */
export function createCassandraRevocationStore(
  client: cassandra.Client,
  options: { readonly keyspace: string; readonly clock?: () => number },
): RevocationStore {
  const clock = options.clock ?? Date.now;
  const table = `${options.keyspace}.revoked_tokens`;
  const insert = `INSERT INTO ${table} (scope, jti, expires_at, revoked_at) VALUES (?, ?, ?, ?) USING TTL ?`;
  const select = `SELECT jti, expires_at FROM ${table} WHERE scope = ?`;

  const failed = (what: string, error: unknown) =>
    new InfraError('CASSANDRA_UNAVAILABLE', `${what} failed on ${table}`, { retriable: true, cause: error });

  return {
    async revoke(jti, expiresAt) {
      const now = clock();
      const ttlSeconds = Math.min(Math.ceil((expiresAt - now) / 1000), maxTtlSeconds);
      // An expired token is refused anyway; there is nothing left to deny.
      if (ttlSeconds <= 0) return;
      try {
        await client.execute(insert, [scope, jti, new Date(expiresAt), new Date(now), ttlSeconds], {
          prepare: true,
        });
      } catch (error) {
        throw failed(`revoking token ${jti}`, error);
      }
    },
    async list() {
      const now = clock();
      const revocations: Revocation[] = [];
      try {
        for await (const row of await client.execute(select, [scope], { prepare: true })) {
          const expiresAt = (row.get('expires_at') as Date).getTime();
          if (expiresAt > now) revocations.push({ jti: row.get('jti') as string, expiresAt });
        }
      } catch (error) {
        throw failed('listing revoked tokens', error);
      }
      return revocations;
    },
  };
}
