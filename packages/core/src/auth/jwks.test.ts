import { describe, expect, test } from 'vitest';
import { createMemorySigningKeyStore } from '../testing/auth.ts';
import { jwks } from './jwks.ts';

describe('jwks', () => {
  test('lists public halves only, with kid, alg and use, even when handed private keys', async () => {
    const keys = createMemorySigningKeyStore();
    const first = await keys.current();
    const second = await keys.rotate();
    expect(jwks([second, first])).toEqual({
      keys: [second, first].map((key) => ({
        kty: 'OKP',
        crv: 'Ed25519',
        x: key.publicJwk.x,
        kid: key.kid,
        alg: 'EdDSA',
        use: 'sig',
      })),
    });
    expect(JSON.stringify(jwks([second]))).not.toContain('"d"');
  });
});
