import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createRequestContext } from '../../../../server/api/context.ts';
import { appRouter } from '../../../../server/api/root.ts';

export const dynamic = 'force-dynamic';

function handler(request: Request): Promise<Response> {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router: appRouter,
    createContext: () => createRequestContext(request.headers),
    responseMeta: () => ({ headers: { 'cache-control': 'no-store' } }),
  });
}

export { handler as GET, handler as POST };
