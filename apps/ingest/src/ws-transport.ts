import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { WebSocket, WebSocketServer } from 'ws';
import type { Edge } from './edge.ts';
import { statusOf, toFrame } from './frames.ts';
import { fromAuthFailure } from './http-errors.ts';

const heartbeatMs = 30_000;

/**
 * GET /v1/ws?token=…: clients send `{seq, events}` as JSON text frames or EventBatch protobuf binary
 * frames; each is answered by one ack frame after Kafka's acknowledgement. In-flight batches and bytes are
 * bounded per connection: when full, the server stops reading the socket until acks go out.
 */
export function attachWebSocketTransport(app: FastifyInstance, edge: Edge): void {
  // ws's own default would accept 100 MiB frames; a frame is a batch and gets the body limit.
  const server = new WebSocketServer({
    noServer: true,
    maxPayload: edge.options.limits.maxBodyBytes,
    perMessageDeflate: false,
  });

  app.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://ingest');
    if (url.pathname !== '/v1/ws')
      return refuseUpgrade(socket, 404, { error: { code: 'NOT_FOUND', message: 'no WebSocket here' } });
    const ip = request.socket.remoteAddress ?? '';
    const credentials = {
      authorization: request.headers.authorization,
      queryToken: url.searchParams.get('token') ?? undefined,
      origin: request.headers.origin,
      ip,
    };
    edge.authenticate(credentials, 'websocket').then(
      (auth) => {
        if (!auth.ok) {
          const error = fromAuthFailure(auth.failure);
          return refuseUpgrade(socket, error.status, error.body);
        }
        server.handleUpgrade(request, socket, head, (ws) => {
          const sender = edge.senderOf(auth, 'websocket', { ip, userAgent: request.headers['user-agent'] });
          serve(ws, edge, auth, sender, app.log);
        });
      },
      (error: unknown) => {
        app.log.error({ err: error }, 'websocket authentication failed');
        refuseUpgrade(socket, 500, { error: { code: 'INTERNAL', message: 'internal error' } });
      },
    );
  });
  app.addHook('onClose', async () => {
    for (const client of server.clients) client.terminate();
    server.close();
  });
}

function serve(
  ws: WebSocket,
  edge: Edge,
  auth: Parameters<Edge['handle']>[1],
  sender: Parameters<Edge['handle']>[2],
  log: FastifyBaseLogger,
) {
  const { maxInFlightBatches, maxInFlightBytes } = edge.options;
  let inFlight = 0;
  let inFlightBytes = 0;
  let alive = true;
  edge.metrics.connections.inc({ transport: 'websocket' });
  const forget = edge.live.add({
    jti: auth.token.jti,
    expiresAt: auth.token.expiresAt,
    close: (reason) => ws.close(reason === 'shutdown' ? 1001 : 4401, `token ${reason}`),
  });
  const heartbeat = setInterval(() => {
    if (!alive) return ws.terminate();
    alive = false;
    ws.ping();
  }, heartbeatMs);
  ws.on('pong', () => {
    alive = true;
  });
  // Protocol errors (such as a frame over the limit) close the connection with their own code.
  ws.on('error', (error) => log.debug({ err: error }, 'websocket protocol error'));

  ws.on('message', (data: Buffer, isBinary: boolean) => {
    inFlight += 1;
    inFlightBytes += data.length;
    if (inFlight >= maxInFlightBatches || inFlightBytes >= maxInFlightBytes) ws.pause();
    edge
      .handle(
        { bytes: data, size: data.length, overLimit: false, format: isBinary ? 'protobuf' : 'json' },
        auth,
        sender,
      )
      .then((result) => {
        const frame = toFrame(result);
        edge.metrics.requests.inc({ transport: 'websocket', status: statusOf(frame) });
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
      })
      .catch((error: unknown) => {
        log.error({ err: error }, 'websocket batch failed');
        ws.close(1011, 'internal error');
      })
      .finally(() => {
        inFlight -= 1;
        inFlightBytes -= data.length;
        if (ws.isPaused && inFlight < maxInFlightBatches && inFlightBytes < maxInFlightBytes) ws.resume();
      });
  });
  ws.on('close', () => {
    clearInterval(heartbeat);
    forget();
    edge.metrics.connections.dec({ transport: 'websocket' });
  });
}

function refuseUpgrade(socket: Duplex, status: number, body: unknown) {
  const json = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Error'}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
  );
}
