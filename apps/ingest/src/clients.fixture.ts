// Minimal clients of every ingest transport, for tests against a listening app.
import { WebSocket } from 'ws';

export type Answer = { readonly status: number; readonly body: unknown };

export function ingestClients(base: string, token: string) {
  const ws = base.replace(/^http/, 'ws');
  return {
    async post(path: string, body: string | Uint8Array, contentType: string, inUrl = false): Promise<Answer> {
      const url = inUrl ? `${base}${path}?token=${token}` : `${base}${path}`;
      const headers: Record<string, string> = { 'content-type': contentType };
      if (!inUrl) headers.authorization = `Bearer ${token}`;
      const response = await fetch(url, { method: 'POST', headers, body });
      return { status: response.status, body: await response.json() };
    },

    /** Sends the frames on one connection and resolves with one ack per frame. */
    async websocket(frames: readonly (string | Uint8Array)[]): Promise<unknown[]> {
      const socket = new WebSocket(`${ws}/v1/ws?token=${token}`);
      const acks: unknown[] = [];
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
      const all = new Promise<void>((resolve, reject) => {
        socket.on('message', (data) => {
          acks.push(JSON.parse(String(data)));
          if (acks.length === frames.length) resolve();
        });
        socket.once('close', (code) =>
          reject(new Error(`websocket closed with ${code} after ${acks.length} acks`)),
        );
      });
      for (const frame of frames) socket.send(frame);
      await all;
      socket.close();
      return acks;
    },

    /** One streaming request: NDJSON lines in, one ack line per line out. */
    async stream(lines: readonly string[]): Promise<unknown[]> {
      const body = new ReadableStream({
        start(controller) {
          for (const line of lines) controller.enqueue(new TextEncoder().encode(`${line}\n`));
          controller.close();
        },
      });
      const response = await fetch(`${base}/v1/stream`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
        body,
        duplex: 'half',
      } as RequestInit);
      const text = await response.text();
      return text
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line));
    },

    /** Long-poll: posts each batch, then collects one ack per batch. */
    async poll(
      bodies: readonly string[],
      session = `s-${Math.random().toString(36).slice(2, 12)}`,
    ): Promise<unknown[]> {
      for (const body of bodies) {
        const response = await fetch(`${base}/v1/poll/batches?session=${session}&token=${token}`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body,
        });
        if (response.status !== 202)
          throw new Error(`poll post answered ${response.status}: ${await response.text()}`);
      }
      const acks: unknown[] = [];
      while (acks.length < bodies.length) {
        const response = await fetch(`${base}/v1/poll/acks?session=${session}&token=${token}`);
        acks.push(...((await response.json()) as { acks: unknown[] }).acks);
      }
      return acks;
    },
  };
}
