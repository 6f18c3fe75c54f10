import { engineConfigFrom } from '@tidemark/core';
import { createCassandraClient, createCassandraProbe } from '@tidemark/core/cassandra';
import { createKafka, createKafkaProbe } from '@tidemark/core/kafka';
import { migrate } from '@tidemark/core/migrate';
import { createOpenSearchClient, createOpenSearchProbe } from '@tidemark/core/opensearch';
import { createLogger, createMetricsRegistry, onShutdown } from '@tidemark/runtime';
import { createOpsApp } from './app.ts';
import { env } from './env.ts';

const logger = createLogger('workers', env.LOG_LEVEL);
const engines = engineConfigFrom(env);
logger.info(await migrate(engines), 'engines migrated');

const kafkaProbe = createKafkaProbe(
  createKafka({ brokers: engines.kafkaBrokers, clientId: 'tidemark-workers' }),
);
const cassandra = createCassandraClient(engines.cassandra);
const opensearch = createOpenSearchClient(engines.opensearch);
const app = createOpsApp({
  logger,
  registry: createMetricsRegistry('workers'),
  checks: [
    { name: 'kafka', check: kafkaProbe.check },
    { name: 'cassandra', check: createCassandraProbe(cassandra).check },
    { name: 'opensearch', check: createOpenSearchProbe(opensearch).check },
  ],
});

await app.listen({ host: env.WORKERS_HOST, port: env.WORKERS_PORT });
// The warehouse, projector and replay roles are not built yet; until they are, this process only
// migrates the engines and reports their health.
logger.warn('no worker roles exist yet (warehouse, projector, replay): serving engine health only');
onShutdown(logger, async () => {
  await app.close();
  await Promise.allSettled([kafkaProbe.close(), cassandra.shutdown(), opensearch.close()]);
});
