import { createHttpServer, type ReadinessCheck, registerOpsRoutes } from '@tidemark/runtime';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';

export interface IngestDeps {
  readonly logger: Logger;
  readonly registry: Registry;
  /** Ingest is ready when Kafka answers: it acks nothing Kafka has not acknowledged. */
  readonly kafkaReady: ReadinessCheck['check'];
}

/** The ingest HTTP app: routes only; no listen, no environment. */
export function createApp(deps: IngestDeps): FastifyInstance {
  const app = createHttpServer(deps.logger);
  registerOpsRoutes(app, {
    service: 'ingest',
    registry: deps.registry,
    checks: [{ name: 'kafka', check: deps.kafkaReady }],
  });
  return app;
}
