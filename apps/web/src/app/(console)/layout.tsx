import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { ConsoleShell } from '../../components/console-shell.tsx';
import { Providers } from '../../components/providers.tsx';
import { currentPrincipal } from './principal.ts';

export const dynamic = 'force-dynamic';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const principal = await currentPrincipal();
  if (principal === 'unavailable') {
    return (
      <main className="sign-in">
        <div className="sign-in-card" role="alert">
          <h1>Console unavailable</h1>
          <p>
            The console cannot reach Cassandra or Kafka right now. It retries on every request; reload in a
            moment.
          </p>
        </div>
      </main>
    );
  }
  if (!principal) redirect('/sign-in');
  return (
    <Providers principal={principal}>
      <ConsoleShell>{children}</ConsoleShell>
    </Providers>
  );
}
