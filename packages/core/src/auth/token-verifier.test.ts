import {
  base64url,
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWTPayload,
  SignJWT,
} from 'jose';
import { describe, expect, test } from 'vitest';
import { createMemoryRevocationStore, createMemorySigningKeyStore } from '../testing/auth.ts';
import { waitFor } from '../testing/engines.ts';
import type { SigningKeyStore } from './signing-keys.ts';
import type { Audience } from './token-claims.ts';
import { createTokenIssuer } from './token-issuer.ts';
import { createTokenVerifier } from './token-verifier.ts';

const now = Date.parse('2030-01-01T00:00:00Z');
const clock = () => now;
const nowSeconds = now / 1000;

function setup(options: { keys?: SigningKeyStore; refreshMs?: number } = {}) {
  const keys = options.keys ?? createMemorySigningKeyStore({ clock });
  const revocations = createMemoryRevocationStore({ clock });
  const issuer = createTokenIssuer(keys, { issuer: 'tidemark', clock });
  const verifier = createTokenVerifier({
    keys,
    revocations,
    issuer: 'tidemark',
    clock,
    refreshMs: options.refreshMs,
  });
  return { keys, revocations, issuer, verifier };
}
type Context = ReturnType<typeof setup>;

const validClaims: JWTPayload = {
  iss: 'tidemark',
  aud: 'tidemark:ingest',
  sub: 'acme',
  iat: nowSeconds,
  exp: nowSeconds + 3600,
  jti: 'b1f4b2a0-6f4f-4a57-9a39-7c52a2c9d001',
};

/** Signs any header and claims with the store's current key, to build tokens the issuer never would. */
async function signWithCurrentKey(
  context: Context,
  claims: JWTPayload,
  header: { alg?: string; kid?: string | null } = {},
): Promise<string> {
  const key = await context.keys.current();
  const kid = header.kid === null ? undefined : (header.kid ?? key.kid);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: header.alg ?? 'EdDSA', ...(kid ? { kid } : {}) })
    .sign(await importJWK(key.privateJwk ?? {}, 'EdDSA'));
}

const encodeJson = (value: unknown) => base64url.encode(JSON.stringify(value));

interface RejectionCase {
  readonly name: string;
  readonly audience?: Audience;
  /** Runs before the verifier starts; returns the token to verify. */
  readonly arrange: (context: Context) => Promise<string | undefined>;
  readonly code: string;
  readonly status: 401 | 403;
  readonly message: string | RegExp;
}

const rejections: RejectionCase[] = [
  {
    name: 'no token',
    arrange: async () => undefined,
    code: 'AUTH_MISSING_TOKEN',
    status: 401,
    message: 'no token was sent',
  },
  {
    name: 'an empty token',
    arrange: async () => '',
    code: 'AUTH_MISSING_TOKEN',
    status: 401,
    message: 'no token was sent',
  },
  {
    name: 'garbage',
    arrange: async () => 'not a token at all',
    code: 'AUTH_MALFORMED_TOKEN',
    status: 401,
    message: 'token is not a compact JWT (three base64url parts)',
  },
  {
    name: 'three parts whose header is not JSON',
    arrange: async () => 'abc.def.ghi',
    code: 'AUTH_MALFORMED_TOKEN',
    status: 401,
    message: 'token header is not base64url-encoded JSON',
  },
  {
    name: 'a payload that is not JSON',
    arrange: async (context) => {
      const [header, , signature] = (
        await context.issuer.mint({ tenant: 'acme', audience: 'ingest', ttlSeconds: 60 })
      ).token.split('.');
      return `${header}.${base64url.encode('{nope')}.${signature}`;
    },
    code: 'AUTH_INVALID_TOKEN',
    status: 401,
    message: /^token signature does not verify with key /,
  },
  {
    name: 'alg none',
    arrange: async (context) => {
      const { kid } = await context.keys.current();
      return `${encodeJson({ alg: 'none', kid, typ: 'JWT' })}.${encodeJson(validClaims)}.`;
    },
    code: 'AUTH_INVALID_TOKEN',
    status: 401,
    message: 'token algorithm "none" is not accepted: Tidemark tokens are EdDSA',
  },
  {
    name: 'HS256 signed with the raw public key bytes as HMAC secret',
    arrange: async (context) => {
      const { kid, publicJwk } = await context.keys.current();
      return new SignJWT(validClaims)
        .setProtectedHeader({ alg: 'HS256', kid })
        .sign(base64url.decode(publicJwk.x ?? ''));
    },
    code: 'AUTH_INVALID_TOKEN',
    status: 401,
    message: 'token algorithm "HS256" is not accepted: Tidemark tokens are EdDSA',
  },
  {
    name: 'HS256 signed with the public JWK text as HMAC secret',
    arrange: async (context) => {
      const { kid, publicJwk } = await context.keys.current();
      return new SignJWT(validClaims)
        .setProtectedHeader({ alg: 'HS256', kid })
        .sign(new TextEncoder().encode(JSON.stringify(publicJwk)));
    },
    code: 'AUTH_INVALID_TOKEN',
    status: 401,
    message: 'token algorithm "HS256" is not accepted: Tidemark tokens are EdDSA',
  },
  {
    name: 'expired',
    arrange: async (context) => {
      const past = createTokenIssuer(context.keys, { issuer: 'tidemark', clock: () => now - 2 * 3600_000 });
      return (await past.mint({ tenant: 'acme', audience: 'ingest', ttlSeconds: 3600 })).token;
    },
    code: 'AUTH_TOKEN_EXPIRED',
    status: 401,
    message: 'token expired at 2029-12-31T23:00:00.000Z',
  },
  {
    name: 'revoked',
    arrange: async (context) => {
      const minted = await context.issuer.mint({ tenant: 'acme', audience: 'ingest', ttlSeconds: 3600 });
      await context.revocations.revoke(minted.jti, minted.expiresAt);
      return minted.token;
    },
    code: 'AUTH_TOKEN_REVOKED',
    status: 401,
    message: /^token [0-9a-f-]{36} has been revoked$/,
  },
  {
    name: 'valid but for another audience',
    audience: 'ingest',
    arrange: async (context) =>
      (await context.issuer.mint({ tenant: 'acme', audience: 'query', ttlSeconds: 60 })).token,
    code: 'AUTH_WRONG_AUDIENCE',
    status: 403,
    message: 'token is for tidemark:query, this endpoint needs tidemark:ingest',
  },
  {
    name: 'an admin token at an ingest endpoint',
    audience: 'ingest',
    arrange: async (context) =>
      (await context.issuer.mint({ tenant: 'acme', audience: 'admin', ttlSeconds: 60 })).token,
    code: 'AUTH_WRONG_AUDIENCE',
    status: 403,
    message: 'token is for tidemark:admin, this endpoint needs tidemark:ingest',
  },
  {
    name: 'another issuer',
    arrange: async (context) => {
      const other = createTokenIssuer(context.keys, { issuer: 'someone-else', clock });
      return (await other.mint({ tenant: 'acme', audience: 'ingest', ttlSeconds: 60 })).token;
    },
    code: 'AUTH_INVALID_TOKEN',
    status: 401,
    message: 'token issuer "someone-else" is not "tidemark"',
  },
  {
    name: 'no kid',
    arrange: async (context) => signWithCurrentKey(context, validClaims, { kid: null }),
    code: 'AUTH_INVALID_TOKEN',
    status: 401,
    message: 'token header has no kid',
  },
  {
    name: 'an unknown kid',
    arrange: async (context) => signWithCurrentKey(context, validClaims, { kid: 'no-such-key' }),
    code: 'AUTH_INVALID_TOKEN',
    status: 401,
    message: 'token is signed by unknown key "no-such-key"',
  },
  {
    name: "a stranger's key claiming a known kid",
    arrange: async (context) => {
      const { kid } = await context.keys.current();
      const stranger = await generateKeyPair('Ed25519');
      return new SignJWT(validClaims).setProtectedHeader({ alg: 'EdDSA', kid }).sign(stranger.privateKey);
    },
    code: 'AUTH_INVALID_TOKEN',
    status: 401,
    message: /^token signature does not verify with key /,
  },
  {
    name: "a stranger's key under its own kid",
    arrange: async () => {
      const stranger = await generateKeyPair('Ed25519');
      const kid = await calculateJwkThumbprint(await exportJWK(stranger.publicKey));
      return new SignJWT(validClaims).setProtectedHeader({ alg: 'EdDSA', kid }).sign(stranger.privateKey);
    },
    code: 'AUTH_INVALID_TOKEN',
    status: 401,
    message: /^token is signed by unknown key /,
  },
  {
    name: 'a tampered tenant',
    arrange: async (context) => {
      const [header, , signature] = (
        await context.issuer.mint({ tenant: 'acme', audience: 'ingest', ttlSeconds: 60 })
      ).token.split('.');
      return `${header}.${encodeJson({ ...validClaims, sub: 'victim' })}.${signature}`;
    },
    code: 'AUTH_INVALID_TOKEN',
    status: 401,
    message: /^token signature does not verify with key /,
  },
  {
    name: 'an operator (sub *) token for ingest',
    arrange: async (context) => signWithCurrentKey(context, { ...validClaims, sub: '*' }),
    code: 'AUTH_INVALID_TOKEN',
    status: 401,
    message: 'operator tokens (sub "*") are only valid for tidemark:admin, this one is for tidemark:ingest',
  },
  {
    name: 'an audience that is not a Tidemark one',
    arrange: async (context) => signWithCurrentKey(context, { ...validClaims, aud: 'tidemark:everything' }),
    code: 'AUTH_INVALID_TOKEN',
    status: 401,
    message: 'token audience "tidemark:everything" is not a Tidemark one',
  },
  ...(['iss', 'aud', 'exp', 'jti', 'sub'] as const).map(
    (claim): RejectionCase => ({
      name: `no ${claim}`,
      arrange: async (context) => signWithCurrentKey(context, { ...validClaims, [claim]: undefined }),
      code: 'AUTH_INVALID_TOKEN',
      status: 401,
      message: `token has no "${claim}" claim`,
    }),
  ),
];

describe('createTokenVerifier', () => {
  test.each(rejections)('refuses $name', async ({ arrange, audience = 'ingest', code, status, message }) => {
    const context = setup();
    const token = await arrange(context);
    await context.verifier.start();
    try {
      expect(await context.verifier.verify(token, audience)).toEqual({
        ok: false,
        code,
        status,
        message: typeof message === 'string' ? message : expect.stringMatching(message),
      });
    } finally {
      context.verifier.stop();
    }
  });

  test('accepts a minted token for its audience and returns who it is for', async () => {
    const context = setup();
    await context.keys.current();
    await context.verifier.start();
    const minted = await context.issuer.mint({ tenant: 'acme', audience: 'ingest', ttlSeconds: 3600 });
    expect(await context.verifier.verify(minted.token, 'ingest')).toEqual({
      ok: true,
      token: {
        tenant: 'acme',
        audience: 'ingest',
        jti: minted.jti,
        expiresAt: now + 3600_000,
        kid: minted.kid,
      },
    });
    context.verifier.stop();
  });

  test('accepts an operator token for admin', async () => {
    const context = setup();
    await context.keys.current();
    await context.verifier.start();
    const minted = await context.issuer.mint({ tenant: '*', audience: 'admin', ttlSeconds: 60 });
    expect(await context.verifier.verify(minted.token, 'admin')).toMatchObject({
      ok: true,
      token: { tenant: '*', audience: 'admin' },
    });
    context.verifier.stop();
  });

  test('a key rotated in after start verifies on first sight, and older tokens keep verifying', async () => {
    const context = setup();
    const before = await context.issuer.mint({ tenant: 'acme', audience: 'query', ttlSeconds: 60 });
    await context.verifier.start();
    await context.keys.rotate();
    const after = await context.issuer.mint({ tenant: 'acme', audience: 'query', ttlSeconds: 60 });
    expect(after.kid).not.toBe(before.kid);
    expect(await context.verifier.verify(after.token, 'query')).toMatchObject({ ok: true });
    expect(await context.verifier.verify(before.token, 'query')).toMatchObject({ ok: true });
    context.verifier.stop();
  });

  test('unknown kids reload the keys at most once a second, however many arrive', async () => {
    const inner = createMemorySigningKeyStore({ clock });
    let loads = 0;
    const keys: SigningKeyStore = {
      ...inner,
      all: () => {
        loads += 1;
        return inner.all();
      },
    };
    const context = setup({ keys, refreshMs: 2000 });
    await context.verifier.start();
    const token = await signWithCurrentKey(context, validClaims, { kid: 'no-such-key' });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => context.verifier.verify(token, 'ingest')),
    );
    expect(new Set(results.map((result) => (result.ok ? 'ok' : result.code)))).toEqual(
      new Set(['AUTH_INVALID_TOKEN']),
    );
    expect(loads).toBeLessThanOrEqual(2); // the one in start(), plus at most one for the unknown kid
    context.verifier.stop();
  });

  test('a revocation made after start is seen by verify and isRevoked after the next reload', async () => {
    const context = setup({ refreshMs: 50 });
    await context.keys.current();
    await context.verifier.start();
    const minted = await context.issuer.mint({ tenant: 'acme', audience: 'ingest', ttlSeconds: 60 });
    expect(await context.verifier.verify(minted.token, 'ingest')).toMatchObject({ ok: true });
    expect(context.verifier.isRevoked(minted.jti)).toBe(false);
    await context.revocations.revoke(minted.jti, minted.expiresAt);
    await waitFor(
      'the revocation to load',
      () => (context.verifier.isRevoked(minted.jti) ? true : undefined),
      2000,
    );
    expect(await context.verifier.verify(minted.token, 'ingest')).toMatchObject({
      code: 'AUTH_TOKEN_REVOKED',
    });
    context.verifier.stop();
  });

  test('a token verified before (and so cached) is still refused once it expires or is for another audience', async () => {
    let current = now;
    const keys = createMemorySigningKeyStore({ clock });
    const revocations = createMemoryRevocationStore({ clock });
    const issuer = createTokenIssuer(keys, { issuer: 'tidemark', clock });
    const verifier = createTokenVerifier({ keys, revocations, issuer: 'tidemark', clock: () => current });
    await verifier.start();
    const minted = await issuer.mint({ tenant: 'acme', audience: 'ingest', ttlSeconds: 60 });
    expect(await verifier.verify(minted.token, 'ingest')).toMatchObject({ ok: true });
    expect(await verifier.verify(minted.token, 'ingest')).toMatchObject({ ok: true });
    expect(await verifier.verify(minted.token, 'query')).toMatchObject({ code: 'AUTH_WRONG_AUDIENCE' });
    current = now + 59_999;
    expect(await verifier.verify(minted.token, 'ingest')).toMatchObject({ ok: true });
    current = now + 60_000;
    expect(await verifier.verify(minted.token, 'ingest')).toMatchObject({ code: 'AUTH_TOKEN_EXPIRED' });
    verifier.stop();
  });

  test('a cached token stops verifying once its key is no longer in the store', async () => {
    const inner = createMemorySigningKeyStore({ clock });
    let dropped = false;
    const keys: SigningKeyStore = { ...inner, all: async () => (dropped ? [] : inner.all()) };
    const context = setup({ keys, refreshMs: 20 });
    await context.verifier.start();
    const minted = await context.issuer.mint({ tenant: 'acme', audience: 'ingest', ttlSeconds: 60 });
    expect(await context.verifier.verify(minted.token, 'ingest')).toMatchObject({ ok: true });
    dropped = true;
    await waitFor(
      'the key to be dropped',
      async () => ((await context.verifier.verify(minted.token, 'ingest')).ok ? undefined : true),
      3000,
    );
    expect(await context.verifier.verify(minted.token, 'ingest')).toMatchObject({
      code: 'AUTH_INVALID_TOKEN',
    });
    context.verifier.stop();
  });

  test('a bounded cache: beyond its size, tokens still verify, and a revoked one is refused every time', async () => {
    const keys = createMemorySigningKeyStore({ clock });
    const revocations = createMemoryRevocationStore({ clock });
    const issuer = createTokenIssuer(keys, { issuer: 'tidemark', clock });
    const verifier = createTokenVerifier({ keys, revocations, issuer: 'tidemark', clock, cacheSize: 2 });
    const minted = await Promise.all(
      Array.from({ length: 5 }, () => issuer.mint({ tenant: 'acme', audience: 'ingest', ttlSeconds: 60 })),
    );
    await revocations.revoke(minted[2]?.jti ?? '', now + 60_000);
    await verifier.start();
    for (const round of [1, 2, 3]) {
      const results = [];
      for (const { token } of minted) results.push(await verifier.verify(token, 'ingest'));
      expect(
        results.map((result) => (result.ok ? 'ok' : result.code)),
        `round ${round}`,
      ).toEqual(['ok', 'ok', 'AUTH_TOKEN_REVOKED', 'ok', 'ok']);
    }
    verifier.stop();
  });

  test('verify before start is a programming error, not a pass', async () => {
    const context = setup();
    await expect(context.verifier.verify('a.b.c', 'ingest')).rejects.toThrow(/not started/);
  });

  test('a failing background reload is reported and the last lists stay in force', async () => {
    const keys = createMemorySigningKeyStore({ clock });
    const revocations = createMemoryRevocationStore({ clock });
    const issuer = createTokenIssuer(keys, { issuer: 'tidemark', clock });
    const minted = await issuer.mint({ tenant: 'acme', audience: 'ingest', ttlSeconds: 60 });
    await revocations.revoke(minted.jti, minted.expiresAt);
    let broken = false;
    const errors: unknown[] = [];
    const verifier = createTokenVerifier({
      keys,
      revocations: {
        ...revocations,
        list: () => (broken ? Promise.reject(new Error('down')) : revocations.list()),
      },
      issuer: 'tidemark',
      clock,
      refreshMs: 20,
      onReloadError: (error) => errors.push(error),
    });
    await verifier.start();
    broken = true;
    await waitFor('a reload failure', () => (errors.length > 0 ? true : undefined), 2000);
    expect(verifier.isRevoked(minted.jti)).toBe(true);
    verifier.stop();
  });

  test('refuses a refresh interval that would break the 2 s revocation promise', () => {
    const keys = createMemorySigningKeyStore();
    const revocations = createMemoryRevocationStore();
    expect(() => createTokenVerifier({ keys, revocations, issuer: 'tidemark', refreshMs: 5000 })).toThrow(
      RangeError,
    );
  });
});
