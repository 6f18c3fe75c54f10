import { defaultIngestLimits, engineConfigFrom, newUuidV7 } from '@tidemark/core';
import { createTokenVerifier, jwks } from '@tidemark/core/auth';
import {
  createCassandraClient,
  createCassandraRevocationStore,
  createCassandraSigningKeyStore,
} from '@tidemark/core/cassandra';
import { createKafka, createKafkaEventLog, createKafkaProbe } from '@tidemark/core/kafka';
import { migrate } from '@tidemark/core/migrate';
import { createLogger, createMetricsRegistry, onShutdown, tuneGarbageCollector } from '@tidemark/runtime';
import { createApp } from './app.ts';
import { env } from './env.ts';

tuneGarbageCollector();
const logger = createLogger('ingest', env.LOG_LEVEL);
const engines = engineConfigFrom(env);
logger.info(await migrate(engines), 'engines migrated');

const kafka = createKafka({
  brokers: engines.kafkaBrokers,
  clientId: 'tidemark-ingest',
  log: (level, message, fields) => logger.child({ component: 'kafkajs' })[level](fields, message),
});
const cassandra = createCassandraClient(engines.cassandra);
const keyspace = { keyspace: engines.cassandra.keyspace };
const keys = createCassandraSigningKeyStore(cassandra, keyspace);
const verifier = createTokenVerifier({
  keys,
  revocations: createCassandraRevocationStore(cassandra, keyspace),
  issuer: env.TIDEMARK_ISSUER,
  onReloadError: (error) =>
    logger.warn({ err: error }, 'token keys or revocations could not be reloaded; keeping the last ones'),
});
await verifier.start();
const eventLog = createKafkaEventLog(kafka);
const probe = createKafkaProbe(kafka);

const app = createApp({
  logger,
  registry: createMetricsRegistry('ingest'),
  eventLog,
  verifier,
  jwks: async () => jwks(await keys.all()),
  kafkaReady: probe.check,
  topics: { events: engines.names.topics.events, invalid: engines.names.topics.invalid },
  options: {
    limits: {
      ...defaultIngestLimits,
      maxAgeMs: env.INGEST_MAX_EVENT_AGE,
      maxFutureMs: env.INGEST_MAX_EVENT_FUTURE,
    },
    rateLimit: { ratePerSecond: env.INGEST_RATE_PER_SECOND, burst: env.INGEST_RATE_BURST },
    browserRateLimit: {
      ratePerSecond: env.INGEST_BROWSER_RATE_PER_SECOND,
      burst: env.INGEST_BROWSER_RATE_BURST,
    },
    captureIp: env.INGEST_CAPTURE_IP,
    unavailableRetryMs: 1000,
    maxInFlightBatches: env.INGEST_MAX_IN_FLIGHT_BATCHES,
    maxInFlightBytes: env.INGEST_MAX_IN_FLIGHT_BYTES,
    pollHoldMs: env.INGEST_POLL_HOLD,
    pollAckTtlMs: 60_000,
  },
  clock: Date.now,
  newId: (now) => newUuidV7(now),
});

await app.listen({ host: env.INGEST_HOST, port: env.INGEST_PORT });
onShutdown(logger, async () => {
  await app.close();
  verifier.stop();
  await Promise.allSettled([eventLog.close(), probe.close(), cassandra.shutdown()]);
});
