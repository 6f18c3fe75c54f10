import { headers } from 'next/headers';
import { cache } from 'react';
import { authenticate } from '../../server/auth/authenticate.ts';
import type { Principal } from '../../server/auth/principal.ts';

/** The signed-in principal of this request, once per render; `unavailable` when the engines can't be reached. */
export const currentPrincipal = cache(async (): Promise<Principal | undefined | 'unavailable'> => {
  try {
    return await authenticate(await headers());
  } catch {
    return 'unavailable';
  }
});
