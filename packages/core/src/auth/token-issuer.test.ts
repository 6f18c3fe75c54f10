import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, test } from 'vitest';
import { createMemorySigningKeyStore } from '../testing/auth.ts';
import type { Audience } from './token-claims.ts';
import { createTokenIssuer } from './token-issuer.ts';

const now = Date.parse('2030-01-01T00:00:00Z');

describe('createTokenIssuer', () => {
  test('mints an EdDSA JWT with kid, iss, aud, sub, iat, exp and a random jti', async () => {
    const keys = createMemorySigningKeyStore();
    const issuer = createTokenIssuer(keys, { issuer: 'tidemark', clock: () => now + 999 });
    const minted = await issuer.mint({ tenant: 'acme', audience: 'ingest', ttlSeconds: 30 * 86_400 });
    const { kid } = await keys.current();
    expect(minted).toEqual({
      token: expect.any(String),
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
      expiresAt: now + 30 * 86_400_000,
      kid,
    });
    expect(decodeProtectedHeader(minted.token)).toEqual({ alg: 'EdDSA', kid, typ: 'JWT' });
    expect(decodeJwt(minted.token)).toEqual({
      iss: 'tidemark',
      aud: 'tidemark:ingest',
      sub: 'acme',
      iat: now / 1000,
      exp: now / 1000 + 30 * 86_400,
      jti: minted.jti,
    });
    const again = await issuer.mint({ tenant: 'acme', audience: 'ingest', ttlSeconds: 60 });
    expect(again.jti).not.toBe(minted.jti);
  });

  test.each<{ tenant: string; audience: Audience; ttlSeconds: number; error: string | RegExp }>([
    {
      tenant: '*',
      audience: 'ingest',
      ttlSeconds: 60,
      error: /only for tidemark:admin, not tidemark:ingest/,
    },
    { tenant: '*', audience: 'query', ttlSeconds: 60, error: /only for tidemark:admin, not tidemark:query/ },
    { tenant: '', audience: 'ingest', ttlSeconds: 60, error: /invalid tenant ""/ },
    { tenant: 'Acme Corp', audience: 'query', ttlSeconds: 60, error: /invalid tenant "Acme Corp"/ },
    { tenant: 'acme', audience: 'ingest', ttlSeconds: 0, error: /ttlSeconds must be/ },
    { tenant: 'acme', audience: 'ingest', ttlSeconds: 1.5, error: /ttlSeconds must be/ },
  ])('refuses tenant $tenant for $audience with ttl $ttlSeconds', async ({ error, ...request }) => {
    const issuer = createTokenIssuer(createMemorySigningKeyStore(), { issuer: 'tidemark' });
    await expect(issuer.mint(request)).rejects.toThrow(error);
  });
});
