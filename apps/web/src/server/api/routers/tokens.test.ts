import { waitFor } from '@tidemark/core/testing';
import { describe, expect, test } from 'vitest';
import { signIn } from '../../auth/sign-in.ts';
import { codeOf, consolePerTest } from '../console-deps.fixture.ts';

const setup = consolePerTest();

describe('tokens router', () => {
  test('an admin mints a token shown once, lists it, and revokes it; the token then stops verifying', async () => {
    const app = await setup();
    const admin = await app.callerWithToken((await app.mint('acme', 'admin')).token);
    const { token, issued } = await admin.tokens.mint({ audience: 'ingest', ttl: '30d', note: 'website' });
    expect(await app.deps.verifier.verify(token, 'ingest')).toMatchObject({
      ok: true,
      token: { tenant: 'acme' },
    });
    expect(issued).toEqual({
      tenant: 'acme',
      jti: expect.any(String),
      audience: 'ingest',
      kid: (await app.deps.keys.current()).kid,
      note: 'website',
      issuedBy: expect.stringMatching(/^admin token /),
      createdAt: app.now(),
      expiresAt: app.now() + 30 * 86_400_000,
    });
    expect(await admin.tokens.list({})).toEqual([{ ...issued, status: 'active' }]);
    expect(JSON.stringify(await admin.tokens.list({}))).not.toContain(token);

    expect(await admin.tokens.revoke({ jti: issued.jti })).toEqual({
      jti: issued.jti,
      revokedAt: app.now(),
      selfRevoked: false,
    });
    expect(await admin.tokens.list({})).toMatchObject([
      { jti: issued.jti, status: 'revoked', revokedAt: app.now() },
    ]);
    await waitFor('the revocation to load', async () => {
      const result = await app.deps.verifier.verify(token, 'ingest');
      return result.ok ? undefined : result;
    });
  });

  test('expired tokens are listed as expired', async () => {
    const app = await setup();
    const admin = await app.callerWithToken((await app.mint('acme', 'admin', 30 * 86_400)).token);
    await admin.tokens.mint({ audience: 'query', ttl: '1h' });
    app.advance(3_600_000);
    expect(await admin.tokens.list({})).toMatchObject([{ status: 'expired' }]);
  });

  test.each([
    ['a bad expiry', { audience: 'ingest' as const, ttl: 'soon' }],
    ['more than a year', { audience: 'ingest' as const, ttl: '366d' }],
  ])('refuses %s', async (_name, input) => {
    const app = await setup();
    const admin = await app.callerWithToken((await app.mint('acme', 'admin')).token);
    expect(await codeOf(admin.tokens.mint(input))).toBe('BAD_REQUEST');
  });

  test("roles and tenants: viewers can't, admins only for their tenant, operators for the tenant they name", async () => {
    const app = await setup();
    const viewer = await app.callerWithToken((await app.mint('acme', 'query')).token);
    const admin = await app.callerWithToken((await app.mint('acme', 'admin')).token);
    const operator = await app.callerWithToken((await app.mint('*', 'admin')).token);
    const anonymous = await app.callerWithHeaders(new Headers());

    expect(await codeOf(anonymous.tokens.list({}))).toBe('UNAUTHORIZED');
    expect(await codeOf(viewer.tokens.list({}))).toBe('FORBIDDEN');
    expect(await codeOf(viewer.tokens.mint({ audience: 'ingest', ttl: '1d' }))).toBe('FORBIDDEN');
    expect(await codeOf(admin.tokens.list({ tenant: 'globex' }))).toBe('FORBIDDEN');
    expect(await codeOf(admin.tokens.mint({ tenant: 'globex', audience: 'ingest', ttl: '1d' }))).toBe(
      'FORBIDDEN',
    );
    expect(await codeOf(operator.tokens.list({}))).toBe('BAD_REQUEST');

    const { issued } = await operator.tokens.mint({ tenant: 'globex', audience: 'admin', ttl: '1d' });
    expect(issued.tenant).toBe('globex');
    expect(await operator.tokens.list({ tenant: 'globex' })).toHaveLength(1);
    // another tenant's token is not found, not revoked
    expect(await codeOf(admin.tokens.revoke({ jti: issued.jti }))).toBe('NOT_FOUND');
    expect(app.deps.verifier.isRevoked(issued.jti)).toBe(false);
    expect(await operator.session.listTenants()).toEqual(['globex']);
    expect(await codeOf(admin.session.listTenants())).toBe('FORBIDDEN');
  });

  test('signing keys: admins list them, only operators rotate', async () => {
    const app = await setup();
    const admin = await app.callerWithToken((await app.mint('acme', 'admin')).token);
    const operator = await app.callerWithToken((await app.mint('*', 'admin')).token);
    const before = await admin.tokens.listKeys();
    expect(before).toEqual([{ kid: expect.any(String), createdAt: app.now(), current: true }]);
    expect(await codeOf(admin.tokens.rotateKey())).toBe('FORBIDDEN');
    const rotated = await operator.tokens.rotateKey();
    expect(await admin.tokens.listKeys()).toEqual([
      { kid: rotated.kid, createdAt: app.now(), current: true },
      { kid: before[0]?.kid, createdAt: app.now(), retiredAt: app.now(), current: false },
    ]);
  });

  test('a session mutation needs the console origin; a bearer mutation does not', async () => {
    const app = await setup();
    const admin = await app.mint('acme', 'admin');
    const signedIn = await signIn(app.deps, app.browserHeaders(), admin.token);
    if (!signedIn.ok) throw new Error(signedIn.message);
    const cookie = `${signedIn.cookie.name}=${signedIn.cookie.value}`;
    const crossSite = await app.callerWithHeaders(
      new Headers({ cookie, host: 'console.test', origin: 'http://evil.test' }),
    );
    expect(await crossSite.tokens.list({})).toEqual([]); // reading is fine: the answer can't be read cross-site
    expect(await codeOf(crossSite.tokens.mint({ audience: 'ingest', ttl: '1d' }))).toBe('FORBIDDEN');
    const noOrigin = await app.callerWithHeaders(new Headers({ cookie }));
    expect(await codeOf(noOrigin.tokens.mint({ audience: 'ingest', ttl: '1d' }))).toBe('FORBIDDEN');
    const sameSite = await app.callerWithHeaders(app.browserHeaders({ cookie }));
    expect(await codeOf(sameSite.tokens.mint({ audience: 'ingest', ttl: '1d' }))).toBe('OK');
    const bearer = await app.callerWithToken(admin.token);
    expect(await codeOf(bearer.tokens.mint({ audience: 'ingest', ttl: '1d' }))).toBe('OK');
  });
});
