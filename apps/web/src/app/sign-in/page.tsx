import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { Suspense } from 'react';
import { SignInForm } from '../../components/sign-in-form.tsx';
import { authenticate } from '../../server/auth/authenticate.ts';

export const dynamic = 'force-dynamic';

export default async function SignInPage() {
  const principal = await authenticate(await headers()).catch(() => undefined);
  if (principal) redirect('/dashboards');
  return (
    <main className="sign-in">
      <div className="sign-in-card">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">
            ◢
          </span>
          <h1>Tidemark</h1>
        </div>
        <p className="sign-in-lede">Sign in to the console with a query token (viewer) or an admin token.</p>
        <Suspense fallback={null}>
          <SignInForm />
        </Suspense>
        <details className="sign-in-help">
          <summary>Where do I get a token?</summary>
          <p>
            <code>npm start</code> prints an admin and a query token for the demo tenant. An operator mints
            one with <code>npm run token -- mint --tenant &lt;tenant&gt; --aud admin --ttl 1d</code>; an admin
            mints query tokens for viewers on the Tokens page.
          </p>
        </details>
      </div>
    </main>
  );
}
