'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { formatRelative } from './format.ts';
import { usePrincipal, useTenant } from './principal.tsx';
import { setSigningOut as markSigningOut } from './sign-out-state.ts';
import { useTRPC } from './trpc.ts';

const sections = [
  { href: '/dashboards', label: 'Dashboards', admin: false },
  { href: '/views', label: 'Views', admin: false },
  { href: '/replays', label: 'Replays', admin: true },
  { href: '/tokens', label: 'Tokens', admin: true },
  { href: '/pipeline', label: 'Pipeline', admin: true },
] as const;

export function ConsoleShell({ children }: { children: ReactNode }) {
  const principal = usePrincipal();
  const pathname = usePathname();
  const { tenant } = useTenant();
  const tenantQuery = principal.operator && tenant ? `?tenant=${encodeURIComponent(tenant)}` : '';
  const [signingOut, setSigningOut] = useState(false);
  const [signOutError, setSignOutError] = useState<string | undefined>(undefined);

  // Leaving before the server has revoked the session would land back on the dashboards, signed in,
  // with no word why; so a failed sign-out says so and stays.
  const signOut = async () => {
    setSigningOut(true);
    markSigningOut(true);
    setSignOutError(undefined);
    const problem = await fetch('/api/session', { method: 'DELETE' }).then(
      async (response) =>
        response.ok
          ? undefined
          : ((await response.json().catch(() => undefined))?.message ?? response.statusText),
      () => 'the console did not answer',
    );
    if (problem === undefined) {
      window.location.assign('/sign-in');
      return;
    }
    setSignOutError(`Sign-out failed: ${problem}. Try again.`);
    setSigningOut(false);
    markSigningOut(false);
  };

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◢
          </span>
          <span>Tidemark</span>
        </div>
        <nav aria-label="Console">
          <ul className="nav">
            {sections
              .filter((section) => !section.admin || principal.role === 'admin')
              .map((section) => {
                const active = pathname === section.href || pathname.startsWith(`${section.href}/`);
                return (
                  <li key={section.href}>
                    <Link
                      href={`${section.href}${tenantQuery}`}
                      className={active ? 'nav-link active' : 'nav-link'}
                      aria-current={active ? 'page' : undefined}
                    >
                      {section.label}
                    </Link>
                  </li>
                );
              })}
          </ul>
        </nav>
        <div className="sidebar-footer">
          {principal.operator ? <TenantSwitcher /> : null}
          <dl className="identity">
            <dt>Tenant</dt>
            <dd data-testid="tenant">{principal.operator ? (tenant ?? 'none chosen') : principal.tenant}</dd>
            <dt>Role</dt>
            <dd data-testid="role">{principal.operator ? 'operator' : principal.role}</dd>
            <dt>Signed in as</dt>
            <dd className="identity-subject">{principal.subject}</dd>
            <dt>Session ends</dt>
            <dd>
              <SessionEnds exp={principal.exp} />
            </dd>
          </dl>
          <button type="button" className="button button-block" onClick={signOut} disabled={signingOut}>
            {signingOut ? 'Signing out…' : 'Sign out'}
          </button>
          {signOutError ? (
            <p className="form-error" role="alert">
              {signOutError}
            </p>
          ) : null}
        </div>
      </aside>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

function SessionEnds({ exp }: { exp: number }) {
  // The clock is read after mount, so server and client markup agree.
  const [now, setNow] = useState<number | undefined>(undefined);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return <span>{now === undefined ? '…' : formatRelative(exp, now)}</span>;
}

function TenantSwitcher() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const { tenant } = useTenant();
  const tenants = useQuery(trpc.session.listTenants.queryOptions());
  const [typed, setTyped] = useState('');

  const go = (next: string) => {
    const params = new URLSearchParams(searchParams.toString());
    if (next) params.set('tenant', next);
    else params.delete('tenant');
    router.push(`${pathname}?${params.toString()}`);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (typed.trim()) go(typed.trim());
    setTyped('');
  };

  return (
    <div className="tenant-switcher">
      <label htmlFor="tenant-select">Acting on tenant</label>
      <select id="tenant-select" value={tenant ?? ''} onChange={(event) => go(event.target.value)}>
        <option value="">Choose…</option>
        {[...new Set([...(tenants.data ?? []), ...(tenant ? [tenant] : [])])].sort().map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      <form onSubmit={submit} className="tenant-other">
        <label htmlFor="tenant-other" className="visually-hidden">
          Another tenant
        </label>
        <input
          id="tenant-other"
          placeholder="another tenant"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          pattern="[a-z0-9][a-z0-9_\-]{0,62}"
        />
        <button type="submit" className="button">
          Go
        </button>
      </form>
    </div>
  );
}

/** Shown by tenant-scoped pages while an operator has not picked a tenant. */
export function ChooseTenant() {
  return (
    <div className="empty">
      <p className="empty-title">Choose a tenant</p>
      <div className="empty-body">
        Operator tokens span every tenant. Pick one under “Acting on tenant” in the sidebar to see its data.
      </div>
    </div>
  );
}
