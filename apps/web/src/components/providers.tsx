'use client';

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { type ReactNode, useState } from 'react';
import type { AppRouter } from '../server/api/root.ts';
import type { Principal } from '../server/auth/principal.ts';
import { PrincipalProvider } from './principal.tsx';
import { signInAgainAsExpired } from './sign-out-state.ts';
import { TRPCProvider } from './trpc.ts';

function httpStatusOf(error: unknown): number {
  return error instanceof TRPCClientError
    ? ((error.data as { httpStatus?: number } | undefined)?.httpStatus ?? 0)
    : 0;
}

/** A session that ended (expired, revoked, signed out elsewhere) sends the user back to sign in. */
function signInAgainOn401(error: unknown) {
  if (httpStatusOf(error) === 401) signInAgainAsExpired();
}

/** Client errors (4xx) are answers, not hiccups: only server and network failures are retried. */
function shouldRetry(failures: number, error: unknown): boolean {
  const status = httpStatusOf(error);
  if (status >= 400 && status < 500) return false;
  return failures < 2;
}

export function Providers({ principal, children }: { principal: Principal; children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        queryCache: new QueryCache({ onError: signInAgainOn401 }),
        mutationCache: new MutationCache({ onError: signInAgainOn401 }),
        defaultOptions: {
          queries: { retry: shouldRetry, refetchOnWindowFocus: false, staleTime: 1000 },
          mutations: { retry: false },
        },
      }),
  );
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: '/api/trpc' })] }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <PrincipalProvider principal={principal}>{children}</PrincipalProvider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
