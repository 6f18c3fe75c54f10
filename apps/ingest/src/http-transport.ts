import { rejectionStatus, type Transport } from '@tidemark/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatOf } from './decode-body.ts';
import type { Edge } from './edge.ts';
import type { BatchResult } from './handle-batch.ts';
import { fromAuthFailure, fromRejection, type HttpError, rateLimited, unavailable } from './http-errors.ts';
import type { ReadBody } from './read-body.ts';

/**
 * POST /v1/events (JSON object or {events:[…]}, NDJSON, protobuf EventBatch) and POST /v1/beacon
 * (text/plain JSON from navigator.sendBeacon, token in the URL). Both answer `{accepted, rejected}` once
 * Kafka has acknowledged every accepted event.
 */
export function registerHttpTransport(app: FastifyInstance, edge: Edge): void {
  app.post('/v1/events', (request, reply) => ingest(edge, request, reply, 'http'));
  app.post('/v1/beacon', (request, reply) => ingest(edge, request, reply, 'beacon'));
}

async function ingest(edge: Edge, request: FastifyRequest, reply: FastifyReply, transport: Transport) {
  const auth = await edge.authenticate(credentialsOf(request), transport);
  if (!auth.ok) return send(edge, reply, transport, fromAuthFailure(auth.failure));
  const body = (request.body as ReadBody | undefined) ?? {
    bytes: Buffer.alloc(0),
    size: 0,
    overLimit: false,
  };
  const result = await edge.handle(
    { ...body, format: formatOf(request.headers['content-type']) },
    auth,
    edge.senderOf(auth, transport, { ip: request.ip, userAgent: request.headers['user-agent'] }),
  );
  const answer = toHttp(result);
  if ('error' in answer) return send(edge, reply, transport, answer.error);
  edge.metrics.requests.inc({ transport, status: String(answer.status) });
  return reply.code(answer.status).send(answer.body);
}

function toHttp(result: BatchResult): { status: number; body: unknown } | { error: HttpError } {
  switch (result.kind) {
    case 'ack': {
      const { accepted, rejected } = result.outcome;
      // A batch in which nothing was accepted answers with its first event's error status.
      const first = rejected[0];
      const status = accepted === 0 && first ? rejectionStatus[first.code] : 200;
      return { status, body: { accepted, rejected } };
    }
    case 'refused':
      return { error: fromRejection(result.rejection) };
    case 'throttled':
      return { error: rateLimited(result.retryAfterMs) };
    case 'unavailable':
      return { error: unavailable(result.cause.message, result.retryAfterMs) };
  }
}

function send(edge: Edge, reply: FastifyReply, transport: Transport, error: HttpError) {
  edge.metrics.requests.inc({ transport, status: String(error.status) });
  if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
  return reply.code(error.status).send(error.body);
}

export function credentialsOf(request: FastifyRequest) {
  const query = request.query as Record<string, string | undefined>;
  return {
    authorization: request.headers.authorization,
    queryToken: query.token,
    origin: request.headers.origin,
    ip: request.ip,
  };
}
