import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

export interface SigningKey {
  /** RFC 7638 thumbprint of the public key. */
  readonly kid: string;
  /** Present only where signing needs it (the current key); verifiers never load it. */
  readonly privateJwk?: JWK;
  readonly publicJwk: JWK;
  /** ms since the epoch. */
  readonly createdAt: number;
  /** When the next key replaced it for signing (ms); a retired key still verifies. */
  readonly retiredAt?: number;
}

/** Tidemark's own token signing keys, shared by every instance of every service. */
export interface SigningKeyStore {
  /** The key new tokens are signed with; creates the first one if there is none (safe under races). */
  current(): Promise<SigningKey>;
  /** Every key that still verifies, newest first, public halves only. */
  all(): Promise<SigningKey[]>;
  /** Makes a new current key; tokens signed by older keys keep verifying. */
  rotate(): Promise<SigningKey>;
}

/** A fresh Ed25519 key pair as JWKs, named by its thumbprint. */
export async function generateSigningKey(createdAt: number): Promise<SigningKey> {
  const pair = await generateKeyPair('Ed25519', { extractable: true });
  const [privateJwk, publicJwk] = await Promise.all([exportJWK(pair.privateKey), exportJWK(pair.publicKey)]);
  return { kid: await calculateJwkThumbprint(publicJwk), privateJwk, publicJwk, createdAt };
}
