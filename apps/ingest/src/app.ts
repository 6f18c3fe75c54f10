import { type EventLog, InfraError } from '@tidemark/core';
import type { TokenVerifier } from '@tidemark/core/auth';
import { createHttpServer, type ReadinessCheck, registerOpsRoutes } from '@tidemark/runtime';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { type CometOptions, registerCometTransport } from './comet-transport.ts';
import { createEdge, type EdgeOptions } from './edge.ts';
import { unavailable } from './http-errors.ts';
import { registerHttpTransport } from './http-transport.ts';
import { createIngestService } from './ingest-service.ts';
import { createLiveConnections } from './live-connections.ts';
import { createIngestMetrics } from './metrics.ts';
import { readBody } from './read-body.ts';
import { attachWebSocketTransport } from './ws-transport.ts';

export interface IngestDeps {
  readonly logger: FastifyBaseLogger;
  readonly registry: Registry;
  readonly eventLog: EventLog;
  readonly verifier: Pick<TokenVerifier, 'verify' | 'isRevoked'>;
  /** The public keys tokens are verified with, served at /.well-known/jwks.json. */
  readonly jwks: () => Promise<unknown>;
  /** Ingest is ready when Kafka answers: it acks nothing Kafka has not acknowledged. */
  readonly kafkaReady: ReadinessCheck['check'];
  readonly topics: { readonly events: string; readonly invalid: string };
  readonly options: EdgeOptions & CometOptions;
  readonly clock: () => number;
  readonly newId: (now: number) => string;
}

/** The ingest HTTP app: routes and the WebSocket upgrade; no listen, no environment. */
export function createApp(deps: IngestDeps): FastifyInstance {
  const app = createHttpServer(deps.logger);
  const metrics = createIngestMetrics(deps.registry);
  const live = createLiveConnections(deps.verifier, deps.clock);
  const service = createIngestService({ ...deps, metrics });
  const edge = createEdge({
    options: deps.options,
    verifier: deps.verifier,
    service,
    newId: deps.newId,
    metrics,
    live,
    clock: deps.clock,
  });

  // Every body is read by one bounded reader, so that an oversized or mistyped body of an authenticated
  // sender can still be copied to the invalid-events topic; Comet streams are read line by line instead.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (request, payload, done) => {
    if ((request.routeOptions.config as { streamBody?: boolean }).streamBody) return done(null, payload);
    readBody(payload, deps.options.limits.maxBodyBytes).then((body) => done(null, body), done);
  });

  // Ingest tokens are public write keys and no cookie is ever read, so any origin may post.
  app.addHook('onRequest', async (request, reply) => {
    if (request.headers.origin) {
      reply.header('access-control-allow-origin', '*');
      reply.header('access-control-expose-headers', 'retry-after');
    }
  });
  app.options('/v1/*', async (_request, reply) =>
    reply
      .header('access-control-allow-methods', 'GET, POST')
      .header('access-control-allow-headers', 'authorization, content-type')
      .header('access-control-max-age', '600')
      .code(204)
      .send(),
  );

  // Only the token store can throw here (a token signed by a key not loaded yet, with Cassandra down):
  // like Kafka being down, that is unavailability, not a bad request.
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof InfraError && error.retriable) {
      return reply.code(503).header('retry-after', '1').send(unavailable(error.message, 1000).body);
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status < 500)
      return reply.code(status).send({ error: { code: 'BAD_REQUEST', message: (error as Error).message } });
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: { code: 'INTERNAL', message: 'internal error' } });
  });

  registerOpsRoutes(app, {
    service: 'ingest',
    registry: deps.registry,
    checks: [{ name: 'kafka', check: deps.kafkaReady }],
  });
  app.get('/.well-known/jwks.json', async () => deps.jwks());
  registerHttpTransport(app, edge);
  registerCometTransport(app, edge, deps.options);
  attachWebSocketTransport(app, edge);
  app.addHook('onClose', async () => live.closeAll());
  return app;
}
