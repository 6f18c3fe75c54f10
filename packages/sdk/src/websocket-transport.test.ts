import { describe, expect, test } from 'vitest';
import type { WireEvent } from './protocol.ts';
import { createWebSocketTransport } from './websocket-transport.ts';

// A WebSocket stand-in: the test opens, answers and closes it by hand.
class FakeSocket {
  static made: FakeSocket[] = [];
  readyState = 0;
  sent: { seq: number; events: WireEvent[]; sent_at: number }[] = [];
  onopen?: () => void;
  onerror?: () => void;
  onclose?: (event: { code: number; reason: string }) => void;
  onmessage?: (event: { data: string }) => void;
  readonly url: string;
  readonly init?: unknown;
  constructor(url: string, init?: unknown) {
    this.url = url;
    this.init = init;
    FakeSocket.made.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({ code: 1000, reason: '' });
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  answer(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

const events: WireEvent[] = [{ id: 'id-1', name: 'a', timestamp: 1 }];
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function transport(tokenInUrl = true, timeoutMs = 5000) {
  FakeSocket.made = [];
  return createWebSocketTransport({
    endpoint: 'https://ingest.test',
    token: 'a token',
    tokenInUrl,
    timeoutMs,
    WebSocket: FakeSocket as unknown as typeof WebSocket,
  });
}

describe('websocket transport', () => {
  test('browsers put the token in the URL; Node sends it as a header', () => {
    void transport(true).send(events, 1);
    expect(FakeSocket.made[0]?.url).toBe('wss://ingest.test/v1/ws?token=a%20token');
    void transport(false).send(events, 1);
    expect([FakeSocket.made[0]?.url, FakeSocket.made[0]?.init]).toEqual([
      'wss://ingest.test/v1/ws',
      { headers: { authorization: 'Bearer a token' } },
    ]);
  });

  test('a batch is answered by the frame with its seq; throttled and unavailable frames carry their wait', async () => {
    const ws = transport();
    const first = ws.send(events, 10);
    const socket = FakeSocket.made[0] as FakeSocket;
    socket.open();
    await tick();
    expect(socket.sent).toEqual([{ seq: 1, events, sent_at: 10 }]);
    socket.answer({ type: 'ack', seq: 99, accepted: 1, rejected: [] }); // someone else's
    socket.answer({ type: 'unavailable', seq: 1, retryAfterMs: 1000 });
    expect(await first).toEqual({ kind: 'retry', reason: 'unavailable', retryAfterMs: 1000 });
    const second = ws.send(events, 11);
    await tick();
    socket.answer({ type: 'ack', seq: 2, accepted: 1, rejected: [] });
    expect(await second).toEqual({ kind: 'ack', rejected: [] });
    expect(FakeSocket.made).toHaveLength(1); // one connection for both
  });

  test('a refusal without seq (a batch ingest could not decode) answers the one batch in flight', async () => {
    const ws = transport();
    const sent = ws.send(events, 1);
    (FakeSocket.made[0] as FakeSocket).open();
    await tick();
    (FakeSocket.made[0] as FakeSocket).answer({
      type: 'refused',
      code: 'INGEST_TOO_MANY_EVENTS',
      message: 'max 500',
    });
    expect(await sent).toEqual({ kind: 'refused', code: 'INGEST_TOO_MANY_EVENTS', message: 'max 500' });
  });

  test('a dropped connection makes the batch unknown; a failed connect is "unreachable" only before any opened', async () => {
    const ws = transport();
    const sent = ws.send(events, 1);
    (FakeSocket.made[0] as FakeSocket).open();
    await tick();
    (FakeSocket.made[0] as FakeSocket).close();
    expect(await sent).toMatchObject({ kind: 'retry' });
    expect(await sent).not.toHaveProperty('unreachable');

    const again = ws.send(events, 2);
    (FakeSocket.made[1] as FakeSocket).onerror?.();
    expect(await again).toEqual({ kind: 'retry', reason: 'websocket: could not connect' });

    const never = transport();
    const blocked = never.send(events, 1);
    (FakeSocket.made[0] as FakeSocket).onerror?.();
    expect(await blocked).toEqual({
      kind: 'retry',
      reason: 'websocket: could not connect',
      unreachable: true,
    });
  });

  test('no ack in time: unknown, and the connection is replaced', async () => {
    const ws = transport(true, 20);
    const sent = ws.send(events, 1);
    const socket = FakeSocket.made[0] as FakeSocket;
    socket.open();
    expect(await sent).toEqual({ kind: 'retry', reason: 'websocket: no ack in time' });
    expect(socket.readyState).toBe(3);
  });
});
