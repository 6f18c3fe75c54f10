import { decodeJwt } from 'jose';
import type { Revocation } from './revocations.ts';

/**
 * The jti and expiry to revoke a token by, read without verifying it: revoking a forged token's jti harms
 * no one. Undefined when the text is not a JWT carrying both claims.
 */
export function revocationOfToken(token: string): Revocation | undefined {
  try {
    const { jti, exp } = decodeJwt(token);
    return typeof jti === 'string' && jti !== '' && typeof exp === 'number'
      ? { jti, expiresAt: exp * 1000 }
      : undefined;
  } catch {
    return undefined;
  }
}
