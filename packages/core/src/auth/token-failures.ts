import { errors, type JWTPayload } from 'jose';
import { type AuthFailure, authFailure } from './verification.ts';

const isoSeconds = (seconds: unknown) =>
  typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : String(seconds);

/**
 * Maps what jose throws for a token it refused to a specific failure. Anything else (a bug, a store
 * outage) is not the token's fault and is rethrown.
 */
export function failureFromJose(error: unknown, context: { kid: string; issuer: string }): AuthFailure {
  if (error instanceof errors.JWTExpired) {
    return authFailure('AUTH_TOKEN_EXPIRED', `token expired at ${isoSeconds(error.payload.exp)}`);
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return authFailure('AUTH_INVALID_TOKEN', claimMessage(error, context.issuer));
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return authFailure('AUTH_INVALID_TOKEN', `token signature does not verify with key ${context.kid}`);
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return authFailure('AUTH_MALFORMED_TOKEN', `token is malformed: ${error.message}`);
  }
  if (error instanceof errors.JOSEError) {
    return authFailure('AUTH_INVALID_TOKEN', `token refused: ${error.message}`);
  }
  throw error;
}

function claimMessage(error: InstanceType<typeof errors.JWTClaimValidationFailed>, issuer: string): string {
  const payload: JWTPayload = error.payload;
  if (error.reason === 'missing') return `token has no "${error.claim}" claim`;
  if (error.claim === 'iss') {
    return `token issuer ${JSON.stringify(payload.iss)} is not ${JSON.stringify(issuer)}`;
  }
  return `token claim "${error.claim}" is invalid: ${error.message}`;
}
