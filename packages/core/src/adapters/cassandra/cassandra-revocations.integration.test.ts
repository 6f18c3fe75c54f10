import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTokenIssuer } from '../../auth/token-issuer.ts';
import { createTokenVerifier, type TokenVerifier } from '../../auth/token-verifier.ts';
import { testEngineConfig, uniqueName, waitFor } from '../../testing/engines.ts';
import { createCassandraClient } from './cassandra-client.ts';
import { migrateCassandra } from './cassandra-migrations.ts';
import { createCassandraRevocationStore } from './cassandra-revocations.ts';
import { cassandraMigrations } from './cassandra-schema.ts';
import { createCassandraSigningKeyStore } from './cassandra-signing-keys.ts';

const config = testEngineConfig();
// One client per simulated instance: the verifiers must learn of revocations through Cassandra only.
const clients = [0, 1, 2].map(() => createCassandraClient({ ...config.cassandra, keyspace: undefined }));
const [admin, first, second] = clients as [
  (typeof clients)[number],
  (typeof clients)[number],
  (typeof clients)[number],
];
const keyspace = uniqueName('test_revocations');
const verifiers: TokenVerifier[] = [];

function startVerifier(client: typeof admin): Promise<TokenVerifier> {
  const verifier = createTokenVerifier({
    keys: createCassandraSigningKeyStore(client, { keyspace }),
    revocations: createCassandraRevocationStore(client, { keyspace }),
    issuer: 'tidemark',
    onReloadError: (error) => {
      throw error;
    },
  });
  verifiers.push(verifier);
  return verifier.start().then(() => verifier);
}

beforeAll(async () => {
  await migrateCassandra(admin, {
    keyspace,
    replication: { class: 'SimpleStrategy', replication_factor: 1 },
    migrations: cassandraMigrations,
  });
});

afterAll(async () => {
  for (const verifier of verifiers) verifier.stop();
  await admin.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`).catch(() => {});
  await Promise.all(clients.map((client) => client.shutdown()));
});

describe('createCassandraRevocationStore', () => {
  test('lists what was revoked with its expiry, kept only as long as the token lives', async () => {
    const now = Date.now();
    const store = createCassandraRevocationStore(admin, { keyspace, clock: () => now });
    const live = { jti: uniqueName('live'), expiresAt: now + 3_600_000 };
    await store.revoke(live.jti, live.expiresAt);
    await store.revoke(uniqueName('expired'), now - 1000);
    expect(
      (await store.list()).filter((entry) => entry.jti === live.jti || entry.jti.startsWith('expired')),
    ).toEqual([live]);
    const ttl = await admin.execute(
      `SELECT TTL(expires_at) AS ttl FROM ${keyspace}.revoked_tokens WHERE scope = ? AND jti = ?`,
      ['tokens', live.jti],
      { prepare: true },
    );
    expect(ttl.first()?.get('ttl')).toBeGreaterThan(3500);
    expect(ttl.first()?.get('ttl')).toBeLessThanOrEqual(3600);
  });

  test('a revocation made through one instance is enforced by another within 2 s', async () => {
    const issuer = createTokenIssuer(createCassandraSigningKeyStore(admin, { keyspace }), {
      issuer: 'tidemark',
    });
    const minted = await issuer.mint({ tenant: 'acme', audience: 'ingest', ttlSeconds: 600 });
    const [one, other] = await Promise.all([startVerifier(first), startVerifier(second)]);
    for (const verifier of [one, other]) {
      expect(await verifier.verify(minted.token, 'ingest')).toMatchObject({ ok: true });
    }

    const revokedAt = Date.now();
    await createCassandraRevocationStore(first, { keyspace }).revoke(minted.jti, minted.expiresAt);
    const verdict = await waitFor(
      'the other instance to refuse the revoked token',
      async () => {
        const result = await other.verify(minted.token, 'ingest');
        return result.ok ? undefined : result;
      },
      2000,
    );
    expect(Date.now() - revokedAt).toBeLessThan(2000);
    expect(verdict).toEqual({
      ok: false,
      code: 'AUTH_TOKEN_REVOKED',
      status: 401,
      message: `token ${minted.jti} has been revoked`,
    });
    expect(other.isRevoked(minted.jti)).toBe(true);
  });
});
