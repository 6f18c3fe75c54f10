import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTokenIssuer } from '../../auth/token-issuer.ts';
import { createTokenVerifier } from '../../auth/token-verifier.ts';
import { migrateTestKeyspace } from '../../testing/cassandra-keyspace.ts';
import { testEngineConfig, uniqueName } from '../../testing/engines.ts';
import { createCassandraClient } from './cassandra-client.ts';
import { createCassandraRevocationStore } from './cassandra-revocations.ts';
import { createCassandraSigningKeyStore } from './cassandra-signing-keys.ts';

const config = testEngineConfig();
// Two clients stand for two processes: the races below cross connections, not just promises.
const clients = [0, 1].map(() => createCassandraClient({ ...config.cassandra, keyspace: undefined }));
const [client, otherClient] = clients as [(typeof clients)[number], (typeof clients)[number]];
const keyspaces: string[] = [];

/** A freshly migrated keyspace, so each test starts with no keys. */
async function freshKeyspace(): Promise<string> {
  const keyspace = uniqueName('test_keys');
  keyspaces.push(keyspace);
  await migrateTestKeyspace(client, keyspace);
  return keyspace;
}

/** Several store instances over both clients, as several processes would hold. */
function stores(keyspace: string, count: number) {
  return Array.from({ length: count }, (_, index) =>
    createCassandraSigningKeyStore(index % 2 === 0 ? client : otherClient, { keyspace }),
  );
}

beforeAll(async () => {
  await Promise.all(clients.map((each) => each.connect()));
});

afterAll(async () => {
  for (const keyspace of keyspaces)
    await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`).catch(() => {});
  await Promise.all(clients.map((each) => each.shutdown()));
});

describe('createCassandraSigningKeyStore', () => {
  test('the first key is created once when current() races from several instances', async () => {
    const keyspace = await freshKeyspace();
    const racing = stores(keyspace, 8);
    const keys = await Promise.all(racing.map((store) => store.current()));
    expect(new Set(keys.map((key) => key.kid)).size).toBe(1);
    expect(keys.every((key) => key.privateJwk?.d !== undefined)).toBe(true);
    const listed = await (racing[0]?.all() ?? []);
    expect(listed).toEqual([
      { kid: keys[0]?.kid, publicJwk: keys[0]?.publicJwk, createdAt: keys[0]?.createdAt },
    ]);
  });

  test('rotate makes a new current key; every older key stays listed for verification, public half only', async () => {
    const keyspace = await freshKeyspace();
    const [store, other] = stores(keyspace, 2) as [
      ReturnType<typeof stores>[number],
      ReturnType<typeof stores>[number],
    ];
    const first = await store.current();
    const second = await store.rotate();
    expect(second.kid).not.toBe(first.kid);
    expect((await other.current()).kid).toBe(second.kid);
    expect(await other.all()).toEqual([
      { kid: second.kid, publicJwk: second.publicJwk, createdAt: second.createdAt },
      { kid: first.kid, publicJwk: first.publicJwk, createdAt: first.createdAt, retiredAt: second.createdAt },
    ]);
  });

  // Racers that read the same current key claim the same next generation and agree on one key; a racer that
  // reads after another's rotation landed rotates once more (it asked for a key newer than the one it saw).
  // Either way the keys never fork: every returned key is stored, one chain, and every instance agrees.
  test('rotations racing from several instances never fork the key chain', async () => {
    const keyspace = await freshKeyspace();
    const racing = stores(keyspace, 6);
    const first = await racing[0]?.current();
    const rotated = await Promise.all(racing.map((store) => store.rotate()));
    const made = new Set(rotated.map((key) => key.kid));
    expect(made.has(first?.kid ?? '')).toBe(false);
    const listed = ((await racing[1]?.all()) ?? []).map((key) => key.kid);
    expect(listed.at(-1)).toBe(first?.kid);
    expect(new Set(listed.slice(0, -1))).toEqual(made);
    expect(listed).toHaveLength(made.size + 1);
    expect((await racing[2]?.current())?.kid).toBe(listed[0]);
  });

  test('a token signed before a rotation still verifies after it, in a verifier started later', async () => {
    const keyspace = await freshKeyspace();
    const [signing, verifying] = stores(keyspace, 2) as [
      ReturnType<typeof stores>[number],
      ReturnType<typeof stores>[number],
    ];
    const issuer = createTokenIssuer(signing, { issuer: 'tidemark' });
    const before = await issuer.mint({ tenant: 'acme', audience: 'ingest', ttlSeconds: 600 });
    await signing.rotate();
    const after = await issuer.mint({ tenant: 'acme', audience: 'ingest', ttlSeconds: 600 });
    expect(after.kid).not.toBe(before.kid);
    const verifier = createTokenVerifier({
      keys: verifying,
      revocations: createCassandraRevocationStore(otherClient, { keyspace }),
      issuer: 'tidemark',
    });
    await verifier.start();
    try {
      for (const minted of [before, after]) {
        expect(await verifier.verify(minted.token, 'ingest')).toEqual({
          ok: true,
          token: {
            tenant: 'acme',
            audience: 'ingest',
            jti: minted.jti,
            expiresAt: minted.expiresAt,
            kid: minted.kid,
          },
        });
      }
    } finally {
      verifier.stop();
    }
  });
});
