export * from './jwks.ts';
export type * from './revocations.ts';
export * from './signing-keys.ts';
export * from './token-claims.ts';
export * from './token-issuer.ts';
export * from './token-verifier.ts';
export * from './ttl.ts';
export * from './verification.ts';
