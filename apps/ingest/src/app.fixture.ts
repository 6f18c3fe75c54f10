// Builds the ingest app in process for tests: real tokens (in-memory key and revocation stores), the
// given event log (in-memory for app tests, Kafka for integration tests), small limits and rate limits.
import { defaultIngestLimits, type EventLog, newUuidV7 } from '@tidemark/core';
import { type Audience, createTokenIssuer, createTokenVerifier, jwks } from '@tidemark/core/auth';
import { createMemoryRevocationStore, createMemorySigningKeyStore } from '@tidemark/core/testing';
import { createLogger, createMetricsRegistry } from '@tidemark/runtime';
import type { FastifyBaseLogger } from 'fastify';
import { createApp } from './app.ts';
import type { EdgeOptions } from './edge.ts';

export async function createTestIngest(
  eventLog: EventLog,
  overrides: {
    topics?: { events: string; invalid: string };
    options?: Partial<EdgeOptions>;
    kafkaReady?: () => Promise<boolean>;
    logger?: FastifyBaseLogger;
  } = {},
) {
  const keys = createMemorySigningKeyStore();
  const revocations = createMemoryRevocationStore();
  const issuer = createTokenIssuer(keys, { issuer: 'tidemark-test' });
  await keys.current(); // the first key exists before the verifier loads, as in a running deployment
  const verifier = createTokenVerifier({ keys, revocations, issuer: 'tidemark-test', refreshMs: 200 });
  await verifier.start();
  const registry = createMetricsRegistry('ingest');
  const topics = overrides.topics ?? { events: 'events', invalid: 'invalid' };
  const app = createApp({
    logger: overrides.logger ?? createLogger('ingest', 'silent'),
    registry,
    eventLog,
    verifier,
    jwks: async () => jwks(await keys.all()),
    kafkaReady: overrides.kafkaReady ?? (async () => true),
    topics,
    options: {
      limits: defaultIngestLimits,
      rateLimit: { ratePerSecond: 10_000, burst: 10_000 },
      browserRateLimit: { ratePerSecond: 10_000, burst: 10_000 },
      captureIp: false,
      unavailableRetryMs: 1000,
      maxInFlightBatches: 4,
      maxInFlightBytes: 4 * 1024 * 1024,
      pollHoldMs: 2000,
      pollAckTtlMs: 60_000,
      ...overrides.options,
    },
    clock: Date.now,
    newId: (now) => newUuidV7(now),
  });
  const mint = async (audience: Audience = 'ingest', tenant = 'acme', ttlSeconds = 3600) =>
    issuer.mint({ tenant, audience, ttlSeconds });
  return {
    app,
    verifier,
    topics,
    registry,
    mint,
    revoke: (jti: string) => revocations.revoke(jti, Date.now() + 3_600_000),
    close: async () => {
      verifier.stop();
      await app.close();
    },
  };
}
