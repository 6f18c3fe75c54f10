import { batchBody, outcomeOfFrame, type SendOutcome, type Transport, unknownOutcome } from './protocol.ts';

export interface WebSocketTransportOptions {
  readonly endpoint: string;
  readonly token: string;
  /** Browsers cannot set headers on a WebSocket: the token goes in the URL. Node sends a header. */
  readonly tokenInUrl: boolean;
  readonly timeoutMs: number;
  readonly WebSocket?: typeof WebSocket;
}

type Frame = Parameters<typeof outcomeOfFrame>[0] & { seq?: unknown };

/**
 * GET /v1/ws: one `{seq, events, sent_at}` text frame per batch, answered by one frame with the same seq.
 * A connection that drops or an ack that does not come in time makes every batch on it unknown: the
 * client sends them again (same ids) on a fresh connection.
 */
export function createWebSocketTransport(
  options: WebSocketTransportOptions,
): Transport & { opened: boolean } {
  const Socket = options.WebSocket ?? globalThis.WebSocket;
  const url = `${options.endpoint.replace(/^http/, 'ws')}/v1/ws${options.tokenInUrl ? `?token=${encodeURIComponent(options.token)}` : ''}`;
  let socket: WebSocket | undefined;
  let connecting: Promise<WebSocket | string> | undefined;
  let seq = 0;
  const waiting = new Map<number, (outcome: SendOutcome) => void>();
  const transport: Transport & { opened: boolean } = {
    name: 'websocket',
    /** Some connection opened: a later failure to connect is ingest being away, not WebSockets blocked. */
    opened: false,
    async send(events, sentAt): Promise<SendOutcome> {
      const ws = await connect();
      if (typeof ws === 'string') return unknownOutcome(ws, !transport.opened);
      seq += 1;
      const mine = seq;
      return new Promise<SendOutcome>((resolve) => {
        const timer = setTimeout(() => {
          // Ingest may still commit it; a fresh connection keeps late acks from piling up.
          drop(ws, 'websocket: no ack in time');
        }, options.timeoutMs);
        waiting.set(mine, (outcome) => {
          clearTimeout(timer);
          waiting.delete(mine);
          resolve(outcome);
        });
        try {
          ws.send(batchBody(events, sentAt, mine));
        } catch (error) {
          waiting.get(mine)?.(unknownOutcome(`websocket: ${(error as Error).message}`));
        }
      });
    },
    close() {
      if (socket) drop(socket, 'websocket: closed');
    },
  };

  function drop(ws: WebSocket, reason: string) {
    if (socket === ws) socket = undefined;
    ws.close();
    for (const settle of [...waiting.values()]) settle(unknownOutcome(reason));
  }

  function connect(): Promise<WebSocket | string> {
    if (socket && socket.readyState === 1) return Promise.resolve(socket);
    connecting ??= new Promise<WebSocket | string>((resolve) => {
      const ws: WebSocket = options.tokenInUrl
        ? new Socket(url)
        : // Node's WebSocket (undici) takes headers; a header keeps the token out of URLs and logs.
          new (Socket as unknown as new (url: string, init: unknown) => WebSocket)(url, {
            headers: { authorization: `Bearer ${options.token}` },
          });
      const timer = setTimeout(() => {
        ws.close();
        resolve('websocket: connect timed out');
      }, options.timeoutMs);
      ws.onopen = () => {
        clearTimeout(timer);
        transport.opened = true;
        socket = ws;
        resolve(ws);
      };
      ws.onerror = () => {
        clearTimeout(timer);
        resolve('websocket: could not connect');
      };
      ws.onclose = (event) => {
        clearTimeout(timer);
        resolve(`websocket: closed (${event.code})`);
        if (socket === ws) drop(ws, `websocket: closed (${event.code} ${event.reason})`);
      };
      ws.onmessage = (event) => {
        let frame: Frame;
        try {
          frame = JSON.parse(String(event.data)) as Frame;
        } catch {
          return;
        }
        if (typeof frame.seq === 'number') waiting.get(frame.seq)?.(outcomeOfFrame(frame));
        else if (frame.type === 'refused') {
          // A batch ingest could not decode is refused without its seq. The client has one batch in flight,
          // so the refusal is that batch's; with more it cannot be matched, and all are unknown.
          const settles = [...waiting.values()];
          const outcome =
            settles.length === 1 ? outcomeOfFrame(frame) : unknownOutcome(`websocket: ${frame.code}`);
          for (const settle of settles) settle(outcome);
        }
      };
    }).finally(() => {
      connecting = undefined;
    });
    return connecting;
  }

  return transport;
}
