import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type SigningKeyStore, tokenAlgorithm } from '@tidemark/core/auth';
import { type CryptoKey, decodeProtectedHeader, importJWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import type { Role } from './principal.ts';

export const sessionCookieName = 'tm_session';
/** Sessions are JWTs signed by the deployment's own keys, for an audience no API token can have. */
const sessionAudience = 'tidemark:console-session';
const unknownKidReloadMs = 1000;

export interface Session {
  /** The session's own id: revoked on sign-out, so a copied cookie dies with it. */
  readonly sid: string;
  readonly tenant: string;
  readonly role: Role;
  readonly subject: string;
  /** jti and expiry (ms) of the token the session was opened with: its revocation ends the session. */
  readonly tokenJti: string;
  readonly tokenExp: number;
  /** ms since the epoch; never after tokenExp. */
  readonly expiresAt: number;
}

export interface SessionCodec {
  issue(
    opened: Omit<Session, 'sid' | 'expiresAt'>,
  ): Promise<{ readonly value: string; readonly session: Session }>;
  /** The session a cookie value carries, or undefined when it is not a valid, unexpired one. */
  read(value: string | undefined): Promise<Session | undefined>;
}

export function createSessionCodec(deps: {
  readonly keys: SigningKeyStore;
  readonly issuer: string;
  readonly ttlMs: number;
  readonly clock?: () => number;
}): SessionCodec {
  const clock = deps.clock ?? Date.now;
  let verifyKeys = new Map<string, CryptoKey>();
  let lastLoad = Number.NEGATIVE_INFINITY;
  let loading: Promise<void> | undefined;

  // A kid not loaded yet is usually a key rotated in since: reload, but at most once a second (waiting
  // for that second rather than refusing), shared by every caller meanwhile, as the token verifier does.
  const keyFor = async (kid: string) => {
    if (!verifyKeys.has(kid)) {
      loading ??= (async () => {
        const wait = lastLoad + unknownKidReloadMs - performance.now();
        if (wait > 0) await sleep(wait);
        lastLoad = performance.now();
        const next = new Map<string, CryptoKey>();
        for (const key of await deps.keys.all()) {
          next.set(
            key.kid,
            verifyKeys.get(key.kid) ?? ((await importJWK(key.publicJwk, tokenAlgorithm)) as CryptoKey),
          );
        }
        verifyKeys = next;
      })().finally(() => {
        loading = undefined;
      });
      await loading;
    }
    return verifyKeys.get(kid);
  };

  return {
    async issue(opened) {
      const now = clock();
      const expiresAt = Math.min(now + deps.ttlMs, opened.tokenExp);
      const session: Session = { ...opened, sid: randomUUID(), expiresAt };
      const key = await deps.keys.current();
      if (!key.privateJwk) throw new Error(`signing key ${key.kid} came without its private half`);
      const value = await new SignJWT({
        role: session.role,
        name: session.subject,
        tjti: session.tokenJti,
        texp: Math.floor(session.tokenExp / 1000),
      })
        .setProtectedHeader({ alg: tokenAlgorithm, kid: key.kid, typ: 'JWT' })
        .setIssuer(deps.issuer)
        .setAudience(sessionAudience)
        .setSubject(session.tenant)
        .setJti(session.sid)
        .setIssuedAt(Math.floor(now / 1000))
        .setExpirationTime(Math.floor(expiresAt / 1000))
        .sign(await importJWK(key.privateJwk, tokenAlgorithm));
      return { value, session: { ...session, expiresAt: Math.floor(expiresAt / 1000) * 1000 } };
    },

    async read(value) {
      if (!value || value.length > 8192) return undefined;
      let payload: JWTPayload;
      try {
        const { kid, alg } = decodeProtectedHeader(value);
        if (alg !== tokenAlgorithm || typeof kid !== 'string') return undefined;
        const key = await keyFor(kid);
        if (!key) return undefined;
        ({ payload } = await jwtVerify(value, key, {
          algorithms: [tokenAlgorithm],
          issuer: deps.issuer,
          audience: sessionAudience,
          requiredClaims: ['sub', 'jti', 'exp'],
          currentDate: new Date(clock()),
        }));
      } catch {
        return undefined;
      }
      const { sub, jti, exp, role, name, tjti, texp } = payload;
      if (
        typeof sub !== 'string' ||
        typeof jti !== 'string' ||
        typeof exp !== 'number' ||
        (role !== 'viewer' && role !== 'admin') ||
        typeof name !== 'string' ||
        typeof tjti !== 'string' ||
        typeof texp !== 'number'
      ) {
        return undefined;
      }
      return {
        sid: jti,
        tenant: sub,
        role,
        subject: name,
        tokenJti: tjti,
        tokenExp: texp * 1000,
        expiresAt: exp * 1000,
      };
    },
  };
}
