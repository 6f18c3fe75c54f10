'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback } from 'react';

/** Reads and writes one page's state in its query string (replace, not push, so Back leaves the page). */
export function useUrlState(): [URLSearchParams, (changes: Record<string, string | undefined>) => void] {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const set = useCallback(
    (changes: Record<string, string | undefined>) => {
      // From the address bar, which history.replaceState changes at once: two changes in a row both stick.
      const params = new URLSearchParams(window.location.search);
      for (const [name, value] of Object.entries(changes)) {
        if (value === undefined || value === '') params.delete(name);
        else params.set(name, value);
      }
      const query = params.toString();
      // Next syncs useSearchParams with native history calls, without a server round trip.
      window.history.replaceState(null, '', query ? `${pathname}?${query}` : pathname);
    },
    [pathname],
  );
  return [new URLSearchParams(searchParams.toString()), set];
}
