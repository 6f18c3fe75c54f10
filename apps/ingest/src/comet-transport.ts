import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Authenticated } from './authenticate.ts';
import type { Edge } from './edge.ts';
import { type AckFrame, statusOf, toFrame } from './frames.ts';
import { fromAuthFailure, type HttpError } from './http-errors.ts';
import { credentialsOf } from './http-transport.ts';
import type { Sender } from './prepare-batch.ts';

type Ok = Extract<Authenticated, { ok: true }>;

export interface CometOptions {
  /** How long a long-poll GET is held when no ack is ready. */
  readonly pollHoldMs: number;
  /** Acks nobody collected are dropped after this long (the client will retry those batches). */
  readonly pollAckTtlMs: number;
}

/**
 * Comet, for clients that cannot hold a WebSocket; same frames and acks as the WebSocket.
 * - POST /v1/stream: a chunked NDJSON request body of `{seq, events}` lines; the response streams one
 *   NDJSON ack line per batch as Kafka acknowledges it (server SDKs).
 * - POST /v1/poll/batches?session=S: one `{seq, events}` batch, answered 202 at once; its ack is collected
 *   by GET /v1/poll/acks?session=S, held until an ack is ready (browsers).
 */
export function registerCometTransport(app: FastifyInstance, edge: Edge, options: CometOptions): void {
  app.post('/v1/stream', { config: { streamBody: true } }, async (request, reply) => {
    const auth = await edge.authenticate(credentialsOf(request), 'comet-stream');
    if (!auth.ok) {
      (request.body as Readable).resume();
      return sendError(reply, fromAuthFailure(auth.failure));
    }
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' });
    await streamAcks(edge, request, reply, auth);
  });

  const sessions = createPollSessions(options);
  app.post('/v1/poll/batches', async (request, reply) => {
    const auth = await edge.authenticate(credentialsOf(request), 'comet-poll');
    if (!auth.ok) return sendError(reply, fromAuthFailure(auth.failure));
    const session = sessions.get(auth, (request.query as { session?: string }).session);
    if (!session) return sendError(reply, badSession);
    if (session.pending >= edge.options.maxInFlightBatches) {
      return sendError(reply, {
        status: 429,
        body: {
          error: {
            code: 'TOO_MANY_PENDING',
            message: `${session.pending} batches of this session wait for Kafka; collect acks first`,
          },
        },
        retryAfterSeconds: 1,
      });
    }
    const body = request.body as { bytes: Buffer; size: number; overLimit: boolean };
    const sender = edge.senderOf(auth, 'comet-poll', {
      ip: request.ip,
      userAgent: request.headers['user-agent'],
    });
    session.pending += 1;
    edge
      .handle({ ...body, format: 'json' }, auth, sender)
      .then((result) => session.deliver(toFrame(result)))
      .catch((error: unknown) => request.log.error({ err: error }, 'long-poll batch failed'))
      .finally(() => {
        session.pending -= 1;
      });
    return reply.code(202).send({ queued: true });
  });
  app.get('/v1/poll/acks', async (request, reply) => {
    const auth = await edge.authenticate(credentialsOf(request), 'comet-poll');
    if (!auth.ok) return sendError(reply, fromAuthFailure(auth.failure));
    const session = sessions.get(auth, (request.query as { session?: string }).session);
    if (!session) return sendError(reply, badSession);
    const acks = await session.collect(options.pollHoldMs, reply.raw);
    for (const ack of acks) edge.metrics.requests.inc({ transport: 'comet-poll', status: statusOf(ack) });
    return reply.send({ acks });
  });
  app.addHook('onClose', async () => sessions.close());
}

async function streamAcks(edge: Edge, request: FastifyRequest, reply: FastifyReply, auth: Ok) {
  const { maxInFlightBatches, maxInFlightBytes } = edge.options;
  const body = request.body as Readable;
  const sender: Sender = edge.senderOf(auth, 'comet-stream', {
    ip: request.ip,
    userAgent: request.headers['user-agent'],
  });
  edge.metrics.connections.inc({ transport: 'comet-stream' });
  const forget = edge.live.add({
    jti: auth.token.jti,
    expiresAt: auth.token.expiresAt,
    close: (reason) => {
      write({ type: 'closed', reason });
      reply.raw.end();
      body.destroy();
    },
  });
  const write = (frame: AckFrame | { type: 'closed'; reason: string }) => {
    if (!reply.raw.writableEnded) reply.raw.write(`${JSON.stringify(frame)}\n`);
  };
  let inFlight = 0;
  let inFlightBytes = 0;
  const pending = new Set<Promise<void>>();
  const lines = createInterface({ input: body, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of lines) {
      if (line.trim() === '') continue;
      const bytes = Buffer.from(line);
      inFlight += 1;
      inFlightBytes += bytes.length;
      const done: Promise<void> = edge
        .handle(
          {
            bytes,
            size: bytes.length,
            overLimit: bytes.length > edge.options.limits.maxBodyBytes,
            format: 'json',
          },
          auth,
          sender,
        )
        .then((result) => {
          const frame = toFrame(result);
          edge.metrics.requests.inc({ transport: 'comet-stream', status: statusOf(frame) });
          write(frame);
        })
        .finally(() => {
          inFlight -= 1;
          inFlightBytes -= bytes.length;
          pending.delete(done);
        });
      pending.add(done);
      // Backpressure: stop reading the request until acks have gone out.
      while (inFlight >= maxInFlightBatches || inFlightBytes >= maxInFlightBytes) await Promise.race(pending);
    }
    await Promise.all(pending);
  } catch (error) {
    request.log.warn({ err: error }, 'comet stream ended early');
  } finally {
    forget();
    edge.metrics.connections.dec({ transport: 'comet-stream' });
    reply.raw.end();
  }
}

interface PollSession {
  pending: number;
  acks: { frame: AckFrame; at: number }[];
  /** Answers the held GET, if any. */
  wake?: () => void;
  touched: number;
}

/** Long-poll sessions, keyed by token and a client-chosen id so that nobody collects another's acks. */
function createPollSessions(options: CometOptions) {
  const sessions = new Map<string, PollSession>();
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [key, session] of sessions) {
      session.acks = session.acks.filter((ack) => now - ack.at < options.pollAckTtlMs);
      const idle = session.acks.length === 0 && session.pending === 0 && !session.wake;
      if (idle && now - session.touched > options.pollAckTtlMs) sessions.delete(key);
    }
  }, 5000);
  sweep.unref();

  return {
    get(auth: Ok, id: string | undefined) {
      if (!id || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) return undefined;
      const key = `${auth.token.jti}:${id}`;
      const session = sessions.get(key) ?? { pending: 0, acks: [], touched: 0 };
      sessions.set(key, session);
      session.touched = Date.now();
      return {
        get pending() {
          return session.pending;
        },
        set pending(value: number) {
          session.pending = value;
        },
        deliver(frame: AckFrame) {
          session.acks.push({ frame, at: Date.now() });
          session.wake?.();
        },
        /** The acks ready now, or the first to come within holdMs; a vanished client takes none. */
        collect(holdMs: number, response: NodeJS.EventEmitter): Promise<AckFrame[]> {
          session.wake?.(); // a GET held before this one answers empty
          return new Promise((resolve) => {
            let settled = false;
            const settle = (take: boolean) => {
              if (settled) return;
              settled = true;
              clearTimeout(timer);
              response.off('close', gone);
              if (session.wake === ready) session.wake = undefined;
              resolve(take ? session.acks.splice(0).map((ack) => ack.frame) : []);
            };
            const ready = () => settle(true);
            const gone = () => settle(false);
            const timer = setTimeout(ready, session.acks.length > 0 ? 0 : holdMs);
            session.wake = ready;
            response.once('close', gone);
          });
        },
      };
    },
    close() {
      clearInterval(sweep);
      for (const session of sessions.values()) session.wake?.();
    },
  };
}

const badSession: HttpError = {
  status: 400,
  body: {
    error: { code: 'INGEST_INVALID_SESSION', message: 'session must be 8 to 64 characters of [A-Za-z0-9_-]' },
  },
};

function sendError(reply: FastifyReply, error: HttpError) {
  if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
  return reply.code(error.status).send(error.body);
}
