import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';

/**
 * A Fastify instance on the process logger. Per-request log lines are off: requests are counted in
 * metrics, and URLs may carry ingest tokens that must never reach a log.
 */
export function createHttpServer(logger: FastifyBaseLogger): FastifyInstance {
  return Fastify({
    loggerInstance: logger,
    logController: new LogController({ disableRequestLogging: true }),
  });
}
