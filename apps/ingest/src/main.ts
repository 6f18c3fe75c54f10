import { engineConfigFrom } from '@tidemark/core';
import { createKafka, createKafkaProbe } from '@tidemark/core/kafka';
import { migrate } from '@tidemark/core/migrate';
import { createLogger, createMetricsRegistry, onShutdown } from '@tidemark/runtime';
import { createApp } from './app.ts';
import { env } from './env.ts';

const logger = createLogger('ingest', env.LOG_LEVEL);
const engines = engineConfigFrom(env);
logger.info(await migrate(engines), 'engines migrated');

const kafka = createKafka({
  brokers: engines.kafkaBrokers,
  clientId: 'tidemark-ingest',
  log: (level, message, fields) => logger.child({ component: 'kafkajs' })[level](fields, message),
});
const probe = createKafkaProbe(kafka);
const app = createApp({ logger, registry: createMetricsRegistry('ingest'), kafkaReady: probe.check });

await app.listen({ host: env.INGEST_HOST, port: env.INGEST_PORT });
onShutdown(logger, async () => {
  await app.close();
  await probe.close();
});
