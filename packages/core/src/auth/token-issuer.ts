import { randomUUID } from 'node:crypto';
import { importJWK, SignJWT } from 'jose';
import type { SigningKeyStore } from './signing-keys.ts';
import { type Audience, audienceClaim, tenantProblem, tokenAlgorithm } from './token-claims.ts';

export interface MintRequest {
  readonly tenant: string;
  readonly audience: Audience;
  readonly ttlSeconds: number;
}

export interface MintedToken {
  readonly token: string;
  readonly jti: string;
  /** ms since the epoch. */
  readonly expiresAt: number;
  readonly kid: string;
}

export interface TokenIssuer {
  /** Throws a RangeError for a request that must not be minted (bad tenant, `*` outside admin, bad ttl). */
  mint(request: MintRequest): Promise<MintedToken>;
}

export function createTokenIssuer(
  keys: SigningKeyStore,
  options: { readonly issuer: string; readonly clock?: () => number },
): TokenIssuer {
  const clock = options.clock ?? Date.now;
  return {
    async mint({ tenant, audience, ttlSeconds }) {
      const problem = tenantProblem(tenant, audience);
      if (problem) throw new RangeError(problem);
      if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds < 1) {
        throw new RangeError(`ttlSeconds must be a whole number of seconds ≥ 1, got ${ttlSeconds}`);
      }
      const key = await keys.current();
      if (!key.privateJwk) throw new Error(`signing key ${key.kid} came without its private half`);
      const privateKey = await importJWK(key.privateJwk, tokenAlgorithm);
      const issuedAt = Math.floor(clock() / 1000);
      const expiresAtSeconds = issuedAt + ttlSeconds;
      const jti = randomUUID();
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: tokenAlgorithm, kid: key.kid, typ: 'JWT' })
        .setIssuer(options.issuer)
        .setAudience(audienceClaim(audience))
        .setSubject(tenant)
        .setIssuedAt(issuedAt)
        .setExpirationTime(expiresAtSeconds)
        .setJti(jti)
        .sign(privateKey);
      return { token, jti, expiresAt: expiresAtSeconds * 1000, kid: key.kid };
    },
  };
}
