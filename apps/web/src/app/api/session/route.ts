import { NextResponse } from 'next/server';
import { sessionCookieOf } from '../../../server/auth/authenticate.ts';
import { sessionCookieName } from '../../../server/auth/session.ts';
import { signIn, signOut } from '../../../server/auth/sign-in.ts';
import { getConsoleDeps } from '../../../server/context.ts';

export const dynamic = 'force-dynamic';

const noStore = { 'cache-control': 'no-store' };

function secure(request: Request): boolean {
  const forwarded = request.headers.get('x-forwarded-proto');
  return (forwarded ?? new URL(request.url).protocol.replace(':', '')) === 'https';
}

async function bodyToken(request: Request): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  try {
    if (type.includes('application/json')) return ((await request.json()) as { token?: unknown })?.token;
    if (type.includes('form')) return (await request.formData()).get('token');
  } catch {
    return undefined;
  }
  return undefined;
}

/** Sign in: `{ "token": "<query or admin token>" }` → an httpOnly, SameSite=Lax session cookie. */
export async function POST(request: Request): Promise<Response> {
  const deps = await getConsoleDeps().catch(() => undefined);
  if (!deps) {
    return NextResponse.json(
      { code: 'UNAVAILABLE', message: 'the console cannot reach its engines; try again shortly' },
      { status: 503, headers: { ...noStore, 'retry-after': '2' } },
    );
  }
  const result = await signIn(deps, request.headers, await bodyToken(request));
  if (!result.ok) {
    return NextResponse.json(
      { code: result.code, message: result.message },
      { status: result.status, headers: noStore },
    );
  }
  const response = NextResponse.json(result.principal, { headers: noStore });
  response.cookies.set(result.cookie.name, result.cookie.value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: secure(request),
    path: '/',
    maxAge: result.cookie.maxAgeSeconds,
  });
  return response;
}

/** Sign out: revokes the session and clears the cookie. */
export async function DELETE(request: Request): Promise<Response> {
  const deps = await getConsoleDeps().catch(() => undefined);
  if (!deps) return NextResponse.json({ message: 'the console cannot reach its engines' }, { status: 503 });
  const result = await signOut(deps, request.headers, sessionCookieOf(request.headers));
  if (!result.ok)
    return NextResponse.json({ message: result.message }, { status: result.status, headers: noStore });
  const response = new NextResponse(null, { status: 204, headers: noStore });
  response.cookies.set(sessionCookieName, '', {
    httpOnly: true,
    sameSite: 'lax',
    secure: secure(request),
    path: '/',
    maxAge: 0,
  });
  return response;
}
