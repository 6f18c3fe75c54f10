// The web process: Next.js for pages, route handlers and tRPC, plus the WebSocket live channel, which Next's
// route handlers can't upgrade. `node server.ts` after `next build`; WEB_PORT and WEB_HOST choose the address.
import { createServer } from 'node:http';
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

const server = createServer((request, response) => void handle(request, response));
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
