import type { JWK } from 'jose';
import type { SigningKey } from './signing-keys.ts';
import { tokenAlgorithm } from './token-claims.ts';

export interface JsonWebKeySet {
  readonly keys: readonly JWK[];
}

/** The body of `/.well-known/jwks.json`: public halves only, whatever the keys passed in carry. */
export function jwks(keys: readonly SigningKey[]): JsonWebKeySet {
  return {
    keys: keys.map(({ kid, publicJwk }) => ({
      kty: publicJwk.kty,
      crv: publicJwk.crv,
      x: publicJwk.x,
      kid,
      alg: tokenAlgorithm,
      use: 'sig',
    })),
  };
}
