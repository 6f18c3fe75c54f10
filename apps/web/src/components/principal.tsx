'use client';

import { useSearchParams } from 'next/navigation';
import { createContext, type ReactNode, useContext } from 'react';
import type { Principal } from '../server/auth/principal.ts';

const PrincipalContext = createContext<Principal | undefined>(undefined);

export function PrincipalProvider({ principal, children }: { principal: Principal; children: ReactNode }) {
  return <PrincipalContext.Provider value={principal}>{children}</PrincipalContext.Provider>;
}

export function usePrincipal(): Principal {
  const principal = useContext(PrincipalContext);
  if (!principal) throw new Error('usePrincipal outside the console shell');
  return principal;
}

/**
 * The tenant the console acts on: the principal's own, or for an operator the one in the URL (`?tenant=`),
 * undefined until an operator picks one. The server checks it again on every call.
 */
export function useTenant(): { tenant: string | undefined; input: { tenant?: string } } {
  const principal = usePrincipal();
  const fromUrl = useSearchParams().get('tenant') ?? undefined;
  const tenant = principal.operator ? fromUrl : principal.tenant;
  return { tenant, input: principal.operator && tenant ? { tenant } : {} };
}
