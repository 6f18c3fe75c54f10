import { describe, expect, test } from 'vitest';
import { createMemorySigningKeyStore } from '../testing/auth.ts';
import { revocationOfToken } from './revocation-of-token.ts';
import { createTokenIssuer } from './token-issuer.ts';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('revocationOfToken', () => {
  test('reads jti and exp from a minted token', async () => {
    const minted = await createTokenIssuer(createMemorySigningKeyStore(), { issuer: 'tidemark' }).mint({
      tenant: 'acme',
      audience: 'query',
      ttlSeconds: 60,
    });
    expect(revocationOfToken(minted.token)).toEqual({ jti: minted.jti, expiresAt: minted.expiresAt });
  });

  test.each([
    ['garbage', 'not a token'],
    ['no jti', `${encode({ alg: 'EdDSA' })}.${encode({ exp: 1 })}.sig`],
    ['no exp', `${encode({ alg: 'EdDSA' })}.${encode({ jti: 'x' })}.sig`],
    ['a string exp', `${encode({ alg: 'EdDSA' })}.${encode({ jti: 'x', exp: '1' })}.sig`],
  ])('gives undefined for %s', (_name, token) => {
    expect(revocationOfToken(token)).toBeUndefined();
  });
});
