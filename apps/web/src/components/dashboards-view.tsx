'use client';

import Link from 'next/link';
import { ChooseTenant } from './console-shell.tsx';
import { usePrincipal, useTenant } from './principal.tsx';
import { EmptyState, PageHeader } from './ui.tsx';

export function DashboardsView() {
  const principal = usePrincipal();
  const { tenant } = useTenant();
  return (
    <>
      <PageHeader
        title="Dashboards"
        description={tenant ? `Live time-series views of tenant ${tenant}, one chart per view.` : undefined}
      />
      {!tenant ? (
        <ChooseTenant />
      ) : (
        <EmptyState title="No views to chart">
          <p>
            Each view of this tenant gets a live chart here: counts, uniques and quantiles over time, broken
            down by a property.
          </p>
          {principal.role === 'admin' ? (
            <p>
              Define views on the <Link href="/views">Views</Link> page; rebuild one from history on{' '}
              <Link href="/replays">Replays</Link>.
            </p>
          ) : (
            <p>An admin of this tenant defines the views.</p>
          )}
        </EmptyState>
      )}
    </>
  );
}
