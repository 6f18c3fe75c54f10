'use client';

import { useSearchParams } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { FormError } from './ui.tsx';

export function SignInForm() {
  const searchParams = useSearchParams();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const expired = searchParams.get('expired') === '1';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const response = await fetch('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => ({}))) as { message?: string };
        setError(body.message ?? `sign-in failed (${response.status})`);
        setBusy(false);
        return;
      }
      const next = searchParams.get('next');
      // Only paths of this console: never an absolute URL someone put in a link.
      window.location.assign(next?.startsWith('/') && !next.startsWith('//') ? next : '/dashboards');
    } catch {
      setError('the console did not answer; check that it is running');
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={submit}>
      {expired ? (
        <p className="notice" role="status">
          Your session ended. Sign in again.
        </p>
      ) : null}
      <label htmlFor="token">Token</label>
      <textarea
        id="token"
        name="token"
        rows={5}
        required
        spellCheck={false}
        autoComplete="off"
        placeholder="eyJhbGciOiJFZERTQSIs…"
        value={token}
        onChange={(event) => setToken(event.target.value)}
      />
      <FormError message={error} />
      <button
        type="submit"
        className="button button-primary button-block"
        disabled={busy || token.trim() === ''}
      >
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
