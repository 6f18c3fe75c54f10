/**
 * Whether a request comes from the console's own pages: its Origin is the host it was sent to (or one of
 * the configured origins). Browsers send Origin on every POST; without one, Sec-Fetch-Site must say
 * same-origin. Requests authenticated by a bearer token need no such check: a browser never adds one.
 */
export function isSameOrigin(headers: Headers, allowedOrigins: readonly string[] = []): boolean {
  const origin = headers.get('origin');
  if (origin === null) return headers.get('sec-fetch-site') === 'same-origin';
  if (allowedOrigins.includes(origin)) return true;
  const host = headers.get('x-forwarded-host') ?? headers.get('host');
  try {
    return host !== null && new URL(origin).host === host;
  } catch {
    return false;
  }
}
