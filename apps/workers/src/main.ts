import { engineConfigFrom } from '@tidemark/core';
import { createCassandraClient, createCassandraProbe } from '@tidemark/core/cassandra';
import { createKafka, createKafkaProbe } from '@tidemark/core/kafka';
import { migrate } from '@tidemark/core/migrate';
import { createLogger, createMetricsRegistry, onShutdown, tuneGarbageCollector } from '@tidemark/runtime';
import { createOpsApp } from './app.ts';
import { env, type RoleName } from './env.ts';
import { createFailpoints } from './failpoints.ts';
import type { Role, RoleContext } from './role.ts';

tuneGarbageCollector();
const service = `workers-${env.TM_ROLE}`;
const logger = createLogger(service, env.LOG_LEVEL);
const engines = engineConfigFrom(env);
logger.info(await migrate(engines), 'engines migrated');

const kafka = createKafka({
  brokers: engines.kafkaBrokers,
  clientId: `tidemark-${env.TM_ROLE}`,
  log: (level, message, fields) => logger.child({ component: 'kafkajs' })[level](fields, message),
});
const cassandra = createCassandraClient(engines.cassandra);
const registry = createMetricsRegistry(service);
const context: RoleContext = {
  logger,
  registry,
  engines,
  kafka,
  cassandra,
  failpoints: createFailpoints(env.TM_FAILPOINT),
};

// Each process loads only the role it runs.
const roles: Record<RoleName, () => Promise<Role>> = {
  warehouse: async () =>
    (await import('./roles/warehouse.ts')).startWarehouse(context, {
      topics: { events: engines.names.topics.events, invalid: engines.names.topics.invalid },
      groupId: engines.names.groups.warehouse,
      shards: env.WAREHOUSE_SHARDS,
      partitionsConcurrently: env.WAREHOUSE_PARTITIONS_CONCURRENTLY,
      sessionTimeoutMs: env.KAFKA_SESSION_TIMEOUT_MS,
    }),
  projector: async () =>
    (await import('./roles/projector.ts')).startProjector(context, {
      topics: {
        events: engines.names.topics.events,
        replay: engines.names.topics.replay,
        seriesUpdates: engines.names.topics.seriesUpdates,
      },
      groupId: engines.names.groups.projector,
      shards: env.WAREHOUSE_SHARDS,
      sessionTimeoutMs: env.KAFKA_SESSION_TIMEOUT_MS,
      maxLiveLagForReplay: env.PROJECTOR_MAX_LIVE_LAG_FOR_REPLAY,
    }),
  replay: async () =>
    (await import('./roles/replay.ts')).startReplay(context, { shards: env.WAREHOUSE_SHARDS }),
};
const role = await roles[env.TM_ROLE]();

const kafkaProbe = createKafkaProbe(kafka);
const app = createOpsApp({
  logger,
  registry,
  checks: [
    { name: 'kafka', check: kafkaProbe.check },
    { name: 'cassandra', check: createCassandraProbe(cassandra).check },
    ...role.checks,
  ],
});
await app.listen({ host: env.WORKERS_HOST, port: env.WORKERS_PORT });
onShutdown(logger, async () => {
  await role.stop();
  await app.close();
  await Promise.allSettled([kafkaProbe.close(), cassandra.shutdown()]);
});
