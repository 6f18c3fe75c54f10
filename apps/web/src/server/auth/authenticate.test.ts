import { waitFor } from '@tidemark/core/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { consoleOrigin, createTestConsole } from '../api/console-deps.fixture.ts';
import { authenticateWith } from './authenticate.ts';
import { signIn, signOut } from './sign-in.ts';

let current: Awaited<ReturnType<typeof createTestConsole>> | undefined;
async function setup() {
  current = await createTestConsole();
  return current;
}
afterEach(() => current?.stop());

async function sessionCookie(console: Awaited<ReturnType<typeof createTestConsole>>, token: string) {
  const result = await signIn(console.deps, console.browserHeaders(), token);
  if (!result.ok) throw new Error(result.message);
  return `${result.cookie.name}=${result.cookie.value}`;
}

describe('authenticateWith', () => {
  test('a bearer admin, query or operator token gives its principal; an ingest token is refused with 403', async () => {
    const app = await setup();
    const admin = await app.mint('acme', 'admin');
    const query = await app.mint('acme', 'query');
    const operator = await app.mint('*', 'admin');
    const ingest = await app.mint('acme', 'ingest');
    const bearer = (token: string) => new Headers({ authorization: `Bearer ${token}` });
    expect(await authenticateWith(app.deps, bearer(admin.token))).toEqual({
      ok: true,
      principal: {
        tenant: 'acme',
        role: 'admin',
        operator: false,
        subject: `admin token ${admin.jti.slice(0, 8)}`,
        jti: admin.jti,
        exp: admin.expiresAt,
        via: 'token',
      },
    });
    expect(await authenticateWith(app.deps, bearer(query.token))).toMatchObject({
      ok: true,
      principal: { tenant: 'acme', role: 'viewer', operator: false, via: 'token' },
    });
    expect(await authenticateWith(app.deps, bearer(operator.token))).toMatchObject({
      ok: true,
      principal: { tenant: '*', role: 'admin', operator: true },
    });
    expect(await authenticateWith(app.deps, bearer(ingest.token))).toEqual({
      ok: false,
      status: 403,
      code: 'AUTH_WRONG_AUDIENCE',
      message: 'token is for tidemark:ingest; the console takes a tidemark:query or tidemark:admin token',
    });
    expect(await authenticateWith(app.deps, new Headers())).toMatchObject({ ok: false, status: 401 });
    expect(await authenticateWith(app.deps, new Headers({ authorization: 'Basic abc' }))).toMatchObject({
      ok: false,
      code: 'AUTH_MALFORMED_TOKEN',
    });
  });

  test('a session cookie gives the principal of the token it was opened with, named by the token note', async () => {
    const app = await setup();
    const admin = await app.mint('acme', 'admin');
    await app.deps.registry.record({
      tenant: 'acme',
      jti: admin.jti,
      audience: 'admin',
      kid: admin.kid,
      note: 'alice',
      issuedBy: 'cli:root',
      createdAt: app.now(),
      expiresAt: admin.expiresAt,
    });
    const cookie = await sessionCookie(app, admin.token);
    expect(await authenticateWith(app.deps, new Headers({ cookie: `other=1; ${cookie}` }))).toEqual({
      ok: true,
      principal: {
        tenant: 'acme',
        role: 'admin',
        operator: false,
        subject: `alice (admin token ${admin.jti.slice(0, 8)})`,
        jti: admin.jti,
        // the session ends with its token (1 h) before its own 8 h
        exp: admin.expiresAt,
        via: 'session',
      },
    });
  });

  test('a session ends when its token is revoked, when it is signed out, and when it expires', async () => {
    const app = await setup();
    const long = await app.mint('acme', 'query', 30 * 86_400);
    const headersOf = (cookie: string) => new Headers({ cookie });

    const revokedOne = await sessionCookie(app, long.token);
    await app.deps.revocations.revoke(long.jti, long.expiresAt);
    const refused = await waitFor('the revocation to reach the verifier', async () => {
      const result = await authenticateWith(app.deps, headersOf(revokedOne));
      return result.ok ? undefined : result;
    });
    expect(refused).toMatchObject({ ok: false, status: 401, code: 'AUTH_TOKEN_REVOKED' });

    const other = await app.mint('acme', 'query', 30 * 86_400);
    const signedOut = await sessionCookie(app, other.token);
    expect(await authenticateWith(app.deps, headersOf(signedOut))).toMatchObject({ ok: true });
    expect(await signOut(app.deps, app.browserHeaders(), signedOut.split('=')[1])).toEqual({ ok: true });
    await waitFor('the sign-out to reach the verifier', async () => {
      const result = await authenticateWith(app.deps, headersOf(signedOut));
      return result.ok ? undefined : result;
    });

    const expiring = await sessionCookie(app, other.token);
    app.advance(8 * 3_600_000 + 1000);
    expect(await authenticateWith(app.deps, headersOf(expiring))).toMatchObject({
      ok: false,
      code: 'AUTH_SESSION_INVALID',
    });
  });

  test('a forged or tampered cookie is refused', async () => {
    const app = await setup();
    const admin = await app.mint('acme', 'admin');
    const cookie = await sessionCookie(app, admin.token);
    const [header, payload, signature] = cookie.split('=')[1]?.split('.') ?? [];
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    const tampered = Buffer.from(JSON.stringify({ ...claims, sub: '*' })).toString('base64url');
    for (const value of [`${header}.${tampered}.${signature}`, admin.token, 'garbage']) {
      expect(await authenticateWith(app.deps, new Headers({ cookie: `tm_session=${value}` }))).toMatchObject({
        ok: false,
        status: 401,
      });
    }
  });
});

describe('signIn', () => {
  test('refuses cross-site sign-ins, empty input and ingest tokens; sets a cookie for a query token', async () => {
    const app = await setup();
    const query = await app.mint('acme', 'query');
    const ingest = await app.mint('acme', 'ingest');
    expect(
      await signIn(app.deps, new Headers({ host: 'console.test', origin: 'http://evil.test' }), query.token),
    ).toMatchObject({ ok: false, status: 403 });
    expect(await signIn(app.deps, app.browserHeaders(), '  ')).toMatchObject({ ok: false, status: 400 });
    expect(await signIn(app.deps, app.browserHeaders(), ingest.token)).toMatchObject({
      ok: false,
      status: 403,
    });
    const result = await signIn(app.deps, app.browserHeaders(), query.token);
    expect(result).toMatchObject({
      ok: true,
      cookie: { name: 'tm_session', maxAgeSeconds: 3600 },
      principal: { tenant: 'acme', role: 'viewer', operator: false },
    });
    expect(consoleOrigin).toBe('http://console.test');
  });
});
