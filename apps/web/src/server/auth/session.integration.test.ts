import { createTokenIssuer, createTokenVerifier, type TokenVerifier } from '@tidemark/core/auth';
import {
  createCassandraClient,
  createCassandraIssuedTokenStore,
  createCassandraRevocationStore,
  createCassandraSigningKeyStore,
} from '@tidemark/core/cassandra';
import { migrateTestKeyspace, testEngineConfig, uniqueName, waitFor } from '@tidemark/core/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { authenticateWith } from './authenticate.ts';
import { createSessionCodec } from './session.ts';
import { signIn } from './sign-in.ts';

// Two console instances on their own Cassandra clients share one keyspace: a session opened on one is
// honoured by the other, and a revocation made anywhere ends it everywhere within 2 s.
const config = testEngineConfig();
const keyspace = uniqueName('test_web_sessions');
const clients = [0, 1, 2].map(() => createCassandraClient({ ...config.cassandra, keyspace: undefined }));
const verifiers: TokenVerifier[] = [];

async function instance(index: number) {
  const client = clients[index] ?? clients[0];
  if (!client) throw new Error('no client');
  const keys = createCassandraSigningKeyStore(client, { keyspace });
  const revocations = createCassandraRevocationStore(client, { keyspace });
  const verifier = createTokenVerifier({ keys, revocations, issuer: 'tidemark' });
  await verifier.start();
  verifiers.push(verifier);
  return {
    keys,
    revocations,
    verifier,
    sessions: createSessionCodec({ keys, issuer: 'tidemark', ttlMs: 3_600_000 }),
    registry: createCassandraIssuedTokenStore(client, { keyspace }),
    allowedOrigins: [],
    clock: Date.now,
  };
}

const browser = new Headers({ host: 'console.test', origin: 'http://console.test' });

beforeAll(async () => {
  await migrateTestKeyspace(clients[0] as (typeof clients)[number], keyspace);
});

afterAll(async () => {
  for (const verifier of verifiers) verifier.stop();
  await clients[0]?.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`).catch(() => {});
  await Promise.all(clients.map((client) => client.shutdown()));
});

describe('console sessions on Cassandra', () => {
  test('a session opened on one instance works on another, across a key rotation, until its token is revoked', async () => {
    const [one, other, cli] = [await instance(0), await instance(1), await instance(2)];
    const admin = await createTokenIssuer(cli.keys, { issuer: 'tidemark' }).mint({
      tenant: 'acme',
      audience: 'admin',
      ttlSeconds: 600,
    });
    const opened = await signIn(one, browser, admin.token);
    if (!opened.ok) throw new Error(opened.message);
    const cookie = new Headers({ cookie: `${opened.cookie.name}=${opened.cookie.value}` });
    expect(await authenticateWith(other, cookie)).toMatchObject({
      ok: true,
      principal: { tenant: 'acme', role: 'admin', via: 'session', jti: admin.jti },
    });

    // A key rotated in by a third process: old sessions keep working, new ones are signed by the new key.
    const rotated = await cli.keys.rotate();
    expect(await authenticateWith(other, cookie)).toMatchObject({ ok: true });
    const reopened = await signIn(one, browser, admin.token);
    if (!reopened.ok) throw new Error(reopened.message);
    expect(
      JSON.parse(Buffer.from(reopened.cookie.value.split('.')[0] ?? '', 'base64url').toString()).kid,
    ).toBe(rotated.kid);
    const second = new Headers({ cookie: `${reopened.cookie.name}=${reopened.cookie.value}` });
    expect(await authenticateWith(other, second)).toMatchObject({ ok: true });

    const revokedAt = Date.now();
    await cli.revocations.revoke(admin.jti, admin.expiresAt);
    const refused = await waitFor(
      'the other instance to end the sessions',
      async () => {
        const results = await Promise.all([authenticateWith(other, cookie), authenticateWith(other, second)]);
        return results.every((result) => !result.ok) ? results : undefined;
      },
      2500,
    );
    expect(Date.now() - revokedAt).toBeLessThan(2500);
    expect(refused).toMatchObject([{ code: 'AUTH_TOKEN_REVOKED' }, { code: 'AUTH_TOKEN_REVOKED' }]);
  });
});
