// The web process's engine clients and stores: created once, on first use, from env.ts. Route handlers
// and tRPC procedures take what they need from here; tests build their own ConsoleDeps from fakes.
import type { Client as OpenSearchClient } from '@opensearch-project/opensearch';
import {
  type EngineConfig,
  engineConfigFrom,
  type IssuedTokenStore,
  type ReplayJobStore,
  type SeriesStore,
  type ViewStore,
} from '@tidemark/core';
import {
  createTokenIssuer,
  createTokenVerifier,
  type RevocationStore,
  type SigningKeyStore,
  type TokenIssuer,
  type TokenVerifier,
} from '@tidemark/core/auth';
import {
  createCassandraClient,
  createCassandraIssuedTokenStore,
  createCassandraReplayJobStore,
  createCassandraRevocationStore,
  createCassandraSigningKeyStore,
  createCassandraViewStore,
} from '@tidemark/core/cassandra';
import { createKafka } from '@tidemark/core/kafka';
import { migrate } from '@tidemark/core/migrate';
import { createOpenSearchClient, createOpenSearchSeriesStore } from '@tidemark/core/opensearch';
import type cassandra from 'cassandra-driver';
import type { Kafka } from 'kafkajs';
import { env } from '../env.ts';
import { createKafkaPipelineMonitor } from './api/pipeline/kafka-pipeline-monitor.ts';
import type { PipelineMonitor } from './api/pipeline/pipeline-monitor.ts';
import { createThroughputSampler, type ThroughputSampler } from './api/pipeline/throughput.ts';
import { createSessionCodec, type SessionCodec } from './auth/session.ts';
import { createSeriesCache, type SeriesCache } from './query/series-cache.ts';

/** Everything the console's server code uses; one shape for the real engines and for unit-test fakes. */
export interface ConsoleDeps {
  readonly clock: () => number;
  readonly keys: SigningKeyStore;
  readonly revocations: RevocationStore;
  /** Started: its revocation list reloads every second. */
  readonly verifier: TokenVerifier;
  readonly issuer: TokenIssuer;
  readonly sessions: SessionCodec;
  readonly registry: IssuedTokenStore;
  readonly replayJobs: ReplayJobStore;
  readonly views: ViewStore;
  readonly series: SeriesStore;
  /** Behind `series.read` when the engines are real; the live hub feeds it updates (query-deps.ts). */
  readonly seriesCache?: SeriesCache;
  readonly pipeline: PipelineMonitor;
  readonly throughput: ThroughputSampler;
  /** Origins besides the request's own host from which cookie-authenticated mutations are accepted. */
  readonly allowedOrigins: readonly string[];
}

/** The engine clients themselves, for server code that needs more than the stores above. */
export interface EngineClients {
  readonly config: EngineConfig;
  readonly cassandra: cassandra.Client;
  readonly kafka: Kafka;
  readonly opensearch: OpenSearchClient;
}

interface Singletons {
  engines?: EngineClients;
  deps?: Promise<ConsoleDeps>;
}

// On globalThis so that `next dev` module reloads reuse the connections instead of leaking new ones.
const global = globalThis as { __tidemarkWeb?: Singletons };
global.__tidemarkWeb ??= {};
const singletons: Singletons = global.__tidemarkWeb;

export function getEngineClients(): EngineClients {
  if (!singletons.engines) {
    const config = engineConfigFrom(env());
    singletons.engines = {
      config,
      cassandra: createCassandraClient(config.cassandra),
      kafka: createKafka({
        brokers: config.kafkaBrokers,
        clientId: 'tidemark-web',
        log: (level, message, fields) =>
          console[level](JSON.stringify({ component: 'kafkajs', message, ...fields })),
      }),
      opensearch: createOpenSearchClient(config.opensearch),
    };
  }
  return singletons.engines;
}

export function getConsoleDeps(): Promise<ConsoleDeps> {
  singletons.deps ??= createConsoleDeps().catch((error) => {
    singletons.deps = undefined; // an engine that was down at the first request is retried at the next
    throw error;
  });
  return singletons.deps;
}

/**
 * Closes what getConsoleDeps and getEngineClients opened (the invalid-events consumer leaves its group at
 * once instead of timing out): for the server's shutdown.
 */
export async function closeConsoleDeps(): Promise<void> {
  const deps = await singletons.deps?.catch(() => undefined);
  deps?.verifier.stop();
  await (deps?.pipeline as { close?: () => Promise<void> } | undefined)?.close?.();
  const engines = singletons.engines;
  singletons.deps = undefined;
  singletons.engines = undefined;
  await engines?.cassandra.shutdown().catch(() => {});
}

async function createConsoleDeps(): Promise<ConsoleDeps> {
  const settings = env();
  const engines = getEngineClients();
  const { config } = engines;
  // Idempotent, and cheap when there is nothing to do; the tables this app reads must exist.
  await migrate(config);
  const keyspace = { keyspace: config.cassandra.keyspace };
  const keys = createCassandraSigningKeyStore(engines.cassandra, keyspace);
  const revocations = createCassandraRevocationStore(engines.cassandra, keyspace);
  const verifier = createTokenVerifier({
    keys,
    revocations,
    issuer: settings.TIDEMARK_ISSUER,
    onReloadError: (error) =>
      console.warn(
        JSON.stringify({ component: 'auth', message: 'token lists not reloaded', error: String(error) }),
      ),
  });
  await verifier.start();
  const pipeline = createKafkaPipelineMonitor({
    kafka: engines.kafka,
    cassandra: engines.cassandra,
    opensearch: engines.opensearch,
    topics: config.names.topics,
    groupPrefix: `${settings.TIDEMARK_NAMESPACE}-`,
    warehouseGroup: config.names.groups.warehouse,
    projectorGroup: config.names.groups.projector,
    invalidPerPartition: settings.WEB_INVALID_EVENTS_PER_PARTITION,
  });
  const series = createOpenSearchSeriesStore(engines.opensearch, { prefix: config.opensearch.viewPrefix });
  const seriesCache = createSeriesCache(series, {
    clock: Date.now,
    maxBytes: settings.WEB_SERIES_CACHE_MB * 2 ** 20,
  });
  return {
    clock: Date.now,
    keys,
    revocations,
    verifier,
    issuer: createTokenIssuer(keys, { issuer: settings.TIDEMARK_ISSUER }),
    sessions: createSessionCodec({ keys, issuer: settings.TIDEMARK_ISSUER, ttlMs: settings.WEB_SESSION_TTL }),
    registry: createCassandraIssuedTokenStore(engines.cassandra, keyspace),
    replayJobs: createCassandraReplayJobStore(engines.cassandra, keyspace),
    views: createCassandraViewStore(engines.cassandra, keyspace),
    series: { ...series, read: seriesCache.read },
    seriesCache,
    pipeline,
    throughput: createThroughputSampler(() => pipeline.offsetTotals()),
    allowedOrigins: settings.WEB_ALLOWED_ORIGINS,
  };
}
