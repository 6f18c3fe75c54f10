'use client';

import { ChooseTenant } from './console-shell.tsx';
import { useTenant } from './principal.tsx';
import { EmptyState, PageHeader } from './ui.tsx';

export function ViewsView() {
  const { tenant } = useTenant();
  return (
    <>
      <PageHeader
        title="Views"
        description="A view turns events into a time series: which events (filter), how they are grouped, and which metrics are kept per bucket."
      />
      {!tenant ? (
        <ChooseTenant />
      ) : (
        <EmptyState title="No views defined">
          <p>Tenant {tenant} has no views the console can list.</p>
        </EmptyState>
      )}
    </>
  );
}
