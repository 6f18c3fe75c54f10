// The web process: Next.js for pages, route handlers and tRPC, plus the WebSocket live channel, which Next's
// route handlers can't upgrade. `node server.ts` after `next build`; WEB_PORT and WEB_HOST choose the address.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import compression from 'compression';
import next from 'next';
import { closeConsoleDeps } from './src/server/context.ts';
import { createLiveSocketHandler, livePath } from './src/server/query/live-socket.ts';
import { closeQueryDeps } from './src/server/query/query-deps.ts';

const port = Number(process.env.WEB_PORT ?? 3000);
const hostname = process.env.WEB_HOST ?? '127.0.0.1';
const app = next({ dev: false, hostname, port, dir: import.meta.dirname });
await app.prepare();
const handle = app.getRequestHandler();
const live = createLiveSocketHandler();

// Next's own compression (off in next.config.ts) is gzip level 6, which takes over twice as long as level 1 on a
// megabyte series answer (`node bench/json-answer.ts`). Event streams are left alone: a compressor would hold
// their events back.
const compress = compression({
  level: 1,
  filter: (request, response) =>
    !String(response.getHeader('content-type') ?? '').startsWith('text/event-stream') &&
    compression.filter(request, response),
  // It uses only Node's request and response; its types name Express's.
}) as unknown as (request: IncomingMessage, response: ServerResponse, next: () => void) => void;
const server = createServer(
  (request, response) => void compress(request, response, () => void handle(request, response)),
);
server.on('upgrade', (request, socket, head) => {
  const path = (request.url ?? '').split('?')[0];
  if (path === livePath) void live.handleUpgrade(request, socket, head);
  else socket.destroy();
});
server.listen(port, hostname, () => console.log(`web listening on http://${hostname}:${port}`));

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    live.close();
    // Leave the series-updates group and close the engine clients, then exit; at most 5 s.
    server.close(
      () =>
        void closeQueryDeps()
          .then(closeConsoleDeps)
          .finally(() => process.exit(0)),
    );
    setTimeout(() => process.exit(0), 5000).unref();
  });
