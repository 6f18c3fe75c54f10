import type { LiveTicketStore } from '@tidemark/core';
import { createCassandraLiveTicketStore } from '@tidemark/core/cassandra';
import type { AuthDeps } from '../auth/authenticate.ts';
import { getConsoleDeps, getEngineClients } from '../context.ts';
import { createKafkaLiveHub, type LiveHub } from './live-hub.ts';
import type { SeriesDeps } from './series-service.ts';

/** What the query API and its live channels use; tests build their own from fakes. */
export interface QueryDeps extends SeriesDeps {
  readonly auth: AuthDeps;
  readonly tickets: LiveTicketStore;
  readonly hub: LiveHub;
  readonly allowedOrigins: readonly string[];
}

// On globalThis: the custom server (WebSocket upgrades) and Next's route bundles load this module separately
// and must share one hub and one set of connections.
const global = globalThis as { __tidemarkQuery?: Promise<QueryDeps> };

export function getQueryDeps(): Promise<QueryDeps> {
  global.__tidemarkQuery ??= createQueryDeps().catch((error) => {
    global.__tidemarkQuery = undefined;
    throw error;
  });
  return global.__tidemarkQuery;
}

/** Leaves the series-updates group and drops the query dependencies (shutdown). */
export async function closeQueryDeps(): Promise<void> {
  const deps = await global.__tidemarkQuery?.catch(() => undefined);
  global.__tidemarkQuery = undefined;
  await deps?.hub.close().catch(() => {});
}

async function createQueryDeps(): Promise<QueryDeps> {
  const consoleDeps = await getConsoleDeps();
  const engines = getEngineClients();
  const { config } = engines;
  const keyspace = { keyspace: config.cassandra.keyspace };
  return {
    auth: consoleDeps,
    clock: consoleDeps.clock,
    allowedOrigins: consoleDeps.allowedOrigins,
    views: consoleDeps.views,
    series: consoleDeps.series,
    tickets: createCassandraLiveTicketStore(engines.cassandra, keyspace),
    hub: await createKafkaLiveHub(engines.kafka, {
      topic: config.names.topics.seriesUpdates,
      groupPrefix: config.names.groups.projector.replace(/-projector$/, ''),
      ...(consoleDeps.seriesCache ? { follower: consoleDeps.seriesCache } : {}),
      onError: (error) =>
        console.error(
          JSON.stringify({ component: 'live-hub', message: 'consumer crashed', error: String(error) }),
        ),
    }),
  };
}
