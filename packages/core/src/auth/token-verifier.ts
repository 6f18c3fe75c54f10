import { setTimeout as sleep } from 'node:timers/promises';
import { type CryptoKey, decodeProtectedHeader, importJWK, type JWTPayload, jwtVerify } from 'jose';
import type { RevocationStore } from './revocations.ts';
import type { SigningKeyStore } from './signing-keys.ts';
import {
  type Audience,
  audienceClaim,
  audienceFromClaim,
  operatorTenant,
  tokenAlgorithm,
} from './token-claims.ts';
import { failureFromJose } from './token-failures.ts';
import { authFailure, type Verification } from './verification.ts';

export interface TokenVerifierDeps {
  readonly keys: SigningKeyStore;
  readonly revocations: RevocationStore;
  readonly issuer: string;
  readonly clock?: () => number;
  /** How often the revocation list and keys are reloaded: default 1000 ms, at most 2000 (DESIGN.md). */
  readonly refreshMs?: number;
  /** A background reload failed; the lists loaded last stay in force. Defaults to a process warning. */
  readonly onReloadError?: (error: unknown) => void;
  /** Tokens whose signature and claims were verified, kept by their text (0: none). Default 10 000. */
  readonly cacheSize?: number;
}

export interface TokenVerifier {
  /**
   * Resolves to a failure value for any bad token. Rejects only when a token names a key not loaded yet and
   * the key store cannot be read (an outage: answer 503, not 401), or when called before start().
   */
  verify(token: string | undefined, audience: Audience): Promise<Verification>;
  /** From the list loaded last; live connections check it to close when their token is revoked. */
  isRevoked(jti: string): boolean;
  /** Loads keys and revocations, then reloads them every refreshMs. Call before the first verify. */
  start(): Promise<void>;
  stop(): void;
}

// Far beyond any token we mint; stops work on absurd inputs before any decoding.
const maxTokenLength = 8192;
const compactJws = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const unknownKidReloadMs = 1000;

interface CachedToken {
  /** What verification returned, before the revocation and audience checks (done on every use). */
  readonly payload: JWTPayload;
  readonly kid: string;
  /** The key that verified the signature: a token stops hitting the cache once its key is gone. */
  readonly key: CryptoKey;
  readonly exp: number;
}

export function createTokenVerifier(deps: TokenVerifierDeps): TokenVerifier {
  const clock = deps.clock ?? Date.now;
  const refreshMs = deps.refreshMs ?? 1000;
  if (!(refreshMs > 0 && refreshMs <= 2000)) {
    throw new RangeError(`refreshMs must be in (0, 2000]: revocations must reach every instance within 2 s`);
  }
  const onReloadError =
    deps.onReloadError ??
    ((error: unknown) => process.emitWarning(`token verifier reload failed: ${String(error)}`));

  const cacheSize = deps.cacheSize ?? 10_000;
  // Verifying an EdDSA signature costs a third of a single-event request. The result depends only on the
  // token text, the key and the clock (exp), so it is reused while the token has not expired and its key is
  // still loaded; revocation and audience are checked on every call, against the list reloaded every 2 s.
  const verified = new Map<string, CachedToken>();
  const remember = (token: string, entry: CachedToken) => {
    if (cacheSize <= 0) return;
    if (verified.size >= cacheSize) {
      // Oldest first (insertion order); expired ones go when they are looked up again.
      const oldest = verified.keys().next();
      if (!oldest.done) verified.delete(oldest.value);
    }
    verified.set(token, entry);
  };

  let verifyKeys = new Map<string, CryptoKey>();
  let revoked = new Set<string>();
  let keyLoad: Promise<void> | undefined;
  let lastKeyLoadAt = Number.NEGATIVE_INFINITY;
  let started = false;
  let run = 0; // a stop() then start() must not leave the old reload loop running beside the new one
  let timer: NodeJS.Timeout | undefined;

  const loadKeys = (): Promise<void> => {
    keyLoad ??= (async () => {
      lastKeyLoadAt = performance.now();
      const next = new Map<string, CryptoKey>();
      for (const key of await deps.keys.all()) {
        const known = verifyKeys.get(key.kid);
        next.set(key.kid, known ?? ((await importJWK(key.publicJwk, tokenAlgorithm)) as CryptoKey));
      }
      verifyKeys = next;
    })().finally(() => {
      keyLoad = undefined;
    });
    return keyLoad;
  };

  const loadRevocations = async () => {
    revoked = new Set((await deps.revocations.list()).map((entry) => entry.jti));
  };

  // A kid we have not loaded is usually a key rotated in since the last reload: reload and look again, but
  // no sooner than a second after the previous load, and shared by every caller waiting meanwhile, so that
  // random kids cannot hammer the store while a fresh key still verifies on first sight.
  let unknownKidLoad: Promise<void> | undefined;
  const keyFor = async (kid: string): Promise<CryptoKey | undefined> => {
    if (!verifyKeys.has(kid)) {
      unknownKidLoad ??= (async () => {
        const wait = lastKeyLoadAt + unknownKidReloadMs - performance.now();
        if (wait > 0) await sleep(wait);
        await loadKeys();
      })().finally(() => {
        unknownKidLoad = undefined;
      });
      await unknownKidLoad;
    }
    return verifyKeys.get(kid);
  };

  const schedule = (thisRun: number) => {
    timer = setTimeout(async () => {
      try {
        await Promise.all([loadRevocations(), loadKeys()]);
      } catch (error) {
        onReloadError(error);
      }
      if (started && thisRun === run) schedule(thisRun);
    }, refreshMs);
    // The server holds the process open, not this timer: a forgotten stop() must not hang a CLI or test.
    timer.unref();
  };

  return {
    async start() {
      if (started) return;
      await Promise.all([loadRevocations(), loadKeys()]);
      started = true;
      schedule(++run);
    },

    stop() {
      started = false;
      clearTimeout(timer);
    },

    isRevoked: (jti) => revoked.has(jti),

    async verify(token, audience) {
      // Before start() the denylist is empty, so verifying would accept revoked tokens.
      if (!started) throw new Error('token verifier is not started: await start() before verify()');
      if (!token) return authFailure('AUTH_MISSING_TOKEN', 'no token was sent');
      const cached = verified.get(token);
      if (cached) {
        // jose's rule: expired once exp <= now, in whole seconds.
        if (cached.exp > Math.floor(clock() / 1000) && verifyKeys.get(cached.kid) === cached.key) {
          return checkClaims(cached.payload, cached.kid, audience, revoked);
        }
        verified.delete(token);
      }
      if (token.length > maxTokenLength || !compactJws.test(token)) {
        return authFailure('AUTH_MALFORMED_TOKEN', 'token is not a compact JWT (three base64url parts)');
      }
      let header: ReturnType<typeof decodeProtectedHeader>;
      try {
        header = decodeProtectedHeader(token);
      } catch {
        return authFailure('AUTH_MALFORMED_TOKEN', 'token header is not base64url-encoded JSON');
      }
      if (header.alg !== tokenAlgorithm) {
        return authFailure(
          'AUTH_INVALID_TOKEN',
          `token algorithm ${JSON.stringify(header.alg)} is not accepted: Tidemark tokens are ${tokenAlgorithm}`,
        );
      }
      const kid = header.kid;
      if (typeof kid !== 'string' || kid === '') {
        return authFailure('AUTH_INVALID_TOKEN', 'token header has no kid');
      }
      const key = await keyFor(kid);
      if (!key) {
        return authFailure('AUTH_INVALID_TOKEN', `token is signed by unknown key ${JSON.stringify(kid)}`);
      }

      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, key, {
          algorithms: [tokenAlgorithm],
          issuer: deps.issuer,
          requiredClaims: ['iss', 'aud', 'exp', 'jti', 'sub'],
          currentDate: new Date(clock()),
        }));
      } catch (error) {
        return failureFromJose(error, { kid, issuer: deps.issuer });
      }
      const result = checkClaims(payload, kid, audience, revoked);
      // Only tokens good for some audience: failures are cheap to find again, and junk must not fill the cache.
      if ((result.ok || result.code !== 'AUTH_INVALID_TOKEN') && typeof payload.exp === 'number') {
        const notBefore = typeof payload.nbf === 'number' ? payload.nbf : 0;
        if (notBefore <= Math.floor(clock() / 1000)) remember(token, { payload, kid, key, exp: payload.exp });
      }
      return result;
    },
  };
}

function checkClaims(
  payload: JWTPayload,
  kid: string,
  wanted: Audience,
  revoked: ReadonlySet<string>,
): Verification {
  const { sub, jti, exp } = payload;
  const audience = audienceFromClaim(payload.aud);
  if (!audience) {
    return authFailure(
      'AUTH_INVALID_TOKEN',
      `token audience ${JSON.stringify(payload.aud)} is not a Tidemark one`,
    );
  }
  if (typeof sub !== 'string' || sub === '') {
    return authFailure('AUTH_INVALID_TOKEN', 'token has an empty "sub"');
  }
  if (typeof jti !== 'string' || jti === '') {
    return authFailure('AUTH_INVALID_TOKEN', 'token has an empty "jti"');
  }
  if (sub === operatorTenant && audience !== 'admin') {
    return authFailure(
      'AUTH_INVALID_TOKEN',
      `operator tokens (sub "*") are only valid for ${audienceClaim('admin')}, this one is for ${audienceClaim(audience)}`,
    );
  }
  if (revoked.has(jti)) return authFailure('AUTH_TOKEN_REVOKED', `token ${jti} has been revoked`);
  if (audience !== wanted) {
    return authFailure(
      'AUTH_WRONG_AUDIENCE',
      `token is for ${audienceClaim(audience)}, this endpoint needs ${audienceClaim(wanted)}`,
    );
  }
  return { ok: true, token: { tenant: sub, audience, jti, expiresAt: (exp as number) * 1000, kid } };
}
