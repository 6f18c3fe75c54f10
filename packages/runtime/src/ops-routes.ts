import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Registry } from 'prom-client';

/** A named dependency check for /readyz: resolves true when the dependency can serve. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<boolean>;
}

export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}

/**
 * /healthz: the process is alive. /readyz: every dependency answers (503 with the failing ones otherwise).
 * /metrics: Prometheus text.
 */
export function registerOpsRoutes(
  app: FastifyInstance,
  options: { service: string; registry: Registry; checks: readonly ReadinessCheck[] },
): void {
  app.get('/healthz', async () => ({ status: 'ok', service: options.service }));
  app.get('/readyz', async (_request, reply) => {
    const results = await Promise.all(
      options.checks.map(async ({ name, check }) => [name, await check().catch(() => false)] as const),
    );
    const failing = results.filter(([, ok]) => !ok).map(([name]) => name);
    const body = {
      status: failing.length === 0 ? 'ready' : 'unavailable',
      service: options.service,
      checks: Object.fromEntries(results),
    };
    return reply.code(failing.length === 0 ? 200 : 503).send(body);
  });
  app.get('/metrics', async (_request, reply) =>
    reply.type(options.registry.contentType).send(await options.registry.metrics()),
  );
}
