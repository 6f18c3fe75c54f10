import type { TokenVerifier, Verification, VerifiedToken } from '@tidemark/core/auth';

export interface Credentials {
  readonly authorization?: string;
  /** `?token=`: ingest tokens are public write keys and may travel in URLs (beacons, WebSockets). */
  readonly queryToken?: string;
  readonly origin?: string;
  readonly ip: string;
}

export type Authenticated =
  | { readonly ok: true; readonly token: VerifiedToken; readonly browser: boolean; readonly rateKey: string }
  | { readonly ok: false; readonly failure: Extract<Verification, { ok: false }> };

/**
 * Verifies an ingest token from the Authorization header or the URL. Browser traffic (a token in the URL,
 * or an Origin header) is rate-limited per token and client IP, server traffic per token.
 */
export async function authenticate(
  verifier: Pick<TokenVerifier, 'verify'>,
  credentials: Credentials,
): Promise<Authenticated> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(credentials.authorization ?? '')?.[1];
  const verification = await verifier.verify(bearer ?? credentials.queryToken, 'ingest');
  if (!verification.ok) return { ok: false, failure: verification };
  const browser = bearer === undefined || credentials.origin !== undefined;
  const rateKey = browser ? `${verification.token.jti}|${credentials.ip}` : verification.token.jti;
  return { ok: true, token: verification.token, browser, rateKey };
}
