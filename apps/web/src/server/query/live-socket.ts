import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { errorResponse, resolveCaller } from './http.ts';
import { liveCloseCodes, openLiveFeed } from './live-feed.ts';
import { getQueryDeps } from './query-deps.ts';
import { parseSeriesParams } from './query-params.ts';
import { readSeries } from './series-service.ts';

export const livePath = '/api/v1/live';
const heartbeatMs = 15_000;
/** Clients only listen; anything they send is a ping at most. */
const maxInboundBytes = 4096;

/**
 * WebSocket live channel at /api/v1/live?view=…: authenticated like the other query routes (bearer token,
 * the console's session cookie from its own origin, or `?ticket=`), answered with an HTTP error before the
 * upgrade when the caller or the query is bad; then a `snapshot` and an `update` per change.
 */
export function createLiveSocketHandler() {
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxInboundBytes });
  const alive = new WeakSet<WebSocket>();
  const beat = setInterval(() => {
    for (const socket of wss.clients) {
      if (!alive.has(socket)) {
        socket.terminate(); // no pong since the last ping: a dead connection
        continue;
      }
      alive.delete(socket);
      socket.ping();
    }
  }, heartbeatMs);
  beat.unref();

  async function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? '127.0.0.1'}`);
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers))
      if (typeof value === 'string') headers.set(name, value);
    const fetchRequest = new Request(url, { headers });
    const refuse = async (response: Response) => {
      const body = await response.text();
      socket.end(
        `HTTP/1.1 ${response.status} ${response.statusText || 'Error'}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
    };
    try {
      const deps = await getQueryDeps();
      const caller = await resolveCaller(deps, fetchRequest, { ticket: true });
      if (caller instanceof Response) return await refuse(caller);
      const params = parseSeriesParams(url.searchParams);
      if (caller.view !== undefined && caller.view !== params.view)
        return await refuse(Response.json({ error: { code: 'AUTH_WRONG_VIEW' } }, { status: 403 }));
      const cursor = deps.hub.lastUpdate(caller.tenant, params.view);
      const first = await readSeries(deps, caller.tenant, params);
      wss.handleUpgrade(request, socket, head, (ws) => {
        alive.add(ws);
        ws.on('pong', () => alive.add(ws));
        ws.on('message', () => alive.add(ws));
        const stop = openLiveFeed(
          { ...deps, isRevoked: (jti) => deps.auth.verifier.isRevoked(jti) },
          caller.tenant,
          params,
          caller.credential,
          {
            send: (message) => {
              if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
            },
            close: (code, reason) => ws.close(code, reason.slice(0, 120)),
          },
          { cursor, ...first },
        );
        ws.on('close', stop);
        ws.on('error', stop);
      });
    } catch (error) {
      await refuse(errorResponse(error));
    }
  }

  return {
    handleUpgrade,
    close() {
      clearInterval(beat);
      for (const socket of wss.clients) socket.close(1001, 'server shutting down');
      wss.close();
    },
  };
}

export { liveCloseCodes };
