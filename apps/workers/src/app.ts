import { createHttpServer, type ReadinessCheck, registerOpsRoutes } from '@tidemark/runtime';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';

/** The workers' ops endpoint (/healthz, /readyz, /metrics); the roles themselves run beside it. */
export function createOpsApp(deps: {
  readonly logger: Logger;
  readonly registry: Registry;
  readonly checks: readonly ReadinessCheck[];
}): FastifyInstance {
  const app = createHttpServer(deps.logger);
  registerOpsRoutes(app, { service: 'workers', registry: deps.registry, checks: deps.checks });
  return app;
}
