import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { IssuedToken } from '../../ports/issued-token-store.ts';
import { migrateTestKeyspace } from '../../testing/cassandra-keyspace.ts';
import { testEngineConfig, uniqueName } from '../../testing/engines.ts';
import { createCassandraClient } from './cassandra-client.ts';
import { createCassandraIssuedTokenStore, issuedTokenRetentionMs } from './cassandra-issued-tokens.ts';

const config = testEngineConfig();
const client = createCassandraClient({ ...config.cassandra, keyspace: undefined });
const keyspace = uniqueName('test_issued_tokens');
const now = Date.now();
const store = createCassandraIssuedTokenStore(client, { keyspace, clock: () => now });

const token = (overrides: Partial<IssuedToken>): IssuedToken => ({
  tenant: 'acme',
  jti: uniqueName('jti'),
  audience: 'ingest',
  kid: 'kid-1',
  issuedBy: 'cli:test',
  createdAt: now,
  expiresAt: now + 3_600_000,
  ...overrides,
});

beforeAll(async () => {
  await migrateTestKeyspace(client, keyspace);
});

afterAll(async () => {
  await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`).catch(() => {});
  await client.shutdown();
});

describe('createCassandraIssuedTokenStore', () => {
  test("lists one tenant's tokens newest first, whole, and no other tenant's", async () => {
    const older = token({ createdAt: now - 60_000, note: 'website', audience: 'ingest' });
    const newer = token({ audience: 'admin', kid: 'kid-2' });
    await Promise.all([older, newer, token({ tenant: 'other' })].map((t) => store.record(t)));
    expect(await store.list('acme')).toEqual([newer, older]);
    expect(await store.get('acme', older.jti)).toEqual(older);
    expect(await store.get('other', older.jti)).toBeUndefined();
    expect(await store.tenants()).toEqual(expect.arrayContaining(['acme', 'other']));
  });

  test('a revocation is noted on the row and keeps its TTL; unknown tokens are not created', async () => {
    const minted = token({ tenant: 'revokes' });
    await store.record(minted);
    expect(await store.markRevoked('revokes', minted.jti, 'admin:someone', now + 5)).toBe(true);
    expect(await store.get('revokes', minted.jti)).toEqual({
      ...minted,
      revokedAt: now + 5,
      revokedBy: 'admin:someone',
    });
    expect(await store.markRevoked('revokes', 'no-such-jti', 'admin:someone', now)).toBe(false);
    expect(await store.list('revokes')).toHaveLength(1);
    const ttl = await client.execute(
      `SELECT TTL(kid) AS kid_ttl, TTL(revoked_at) AS revoked_ttl FROM ${keyspace}.issued_tokens WHERE tenant = ? AND jti = ?`,
      ['revokes', minted.jti],
      { prepare: true },
    );
    const expected = (3_600_000 + issuedTokenRetentionMs) / 1000;
    for (const column of ['kid_ttl', 'revoked_ttl']) {
      expect(ttl.first()?.get(column)).toBeGreaterThan(expected - 120);
      expect(ttl.first()?.get(column)).toBeLessThanOrEqual(expected);
    }
  });

  test('a token expired longer ago than the retention is not recorded', async () => {
    const old = token({ tenant: 'old', expiresAt: now - issuedTokenRetentionMs - 1000 });
    await store.record(old);
    expect(await store.list('old')).toEqual([]);
  });
});
