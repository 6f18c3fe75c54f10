import type { Revocation, RevocationStore } from '../auth/revocations.ts';
import { generateSigningKey, type SigningKey, type SigningKeyStore } from '../auth/signing-keys.ts';

/** In-memory SigningKeyStore: same contract as the Cassandra one, newest key first. */
export function createMemorySigningKeyStore(options: { clock?: () => number } = {}): SigningKeyStore {
  const clock = options.clock ?? Date.now;
  const keys: SigningKey[] = [];
  let creating: Promise<SigningKey> | undefined;
  const add = async () => {
    const key = await generateSigningKey(clock());
    const previous = keys[0];
    if (previous) keys[0] = { ...previous, retiredAt: key.createdAt };
    keys.unshift(key);
    return key;
  };
  return {
    async current() {
      const newest = keys[0];
      if (newest) return newest;
      // Concurrent first calls share one creation, as the insert-if-absent does in Cassandra.
      creating ??= add().finally(() => {
        creating = undefined;
      });
      return creating;
    },
    async all() {
      return keys.map(({ privateJwk: _private, ...publicHalf }) => publicHalf);
    },
    rotate: add,
  };
}

/** In-memory RevocationStore: entries disappear once their token has expired, like the Cassandra TTL. */
export function createMemoryRevocationStore(options: { clock?: () => number } = {}): RevocationStore {
  const clock = options.clock ?? Date.now;
  const revoked = new Map<string, number>();
  return {
    async revoke(jti, expiresAt) {
      revoked.set(jti, expiresAt);
    },
    async list(): Promise<Revocation[]> {
      const now = clock();
      return [...revoked]
        .filter(([, expiresAt]) => expiresAt > now)
        .map(([jti, expiresAt]) => ({ jti, expiresAt }));
    },
  };
}
