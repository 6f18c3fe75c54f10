import { randomUUID } from 'node:crypto';
import type { Client as OpenSearchClient } from '@opensearch-project/opensearch';
import type { TopicNames } from '@tidemark/core';
import { decodeInvalidEvent, tidemark } from '@tidemark/proto';
import type cassandra from 'cassandra-driver';
import type { Admin, Consumer, Kafka } from 'kafkajs';
import { filterInvalidEvents, previewOf } from './invalid-events.ts';
import type {
  EngineHealth,
  GroupLag,
  InvalidEventView,
  OffsetTotals,
  PipelineMonitor,
  TopicInfo,
} from './pipeline-monitor.ts';

export interface KafkaPipelineMonitorDeps {
  readonly kafka: Kafka;
  readonly cassandra: cassandra.Client;
  readonly opensearch: OpenSearchClient;
  readonly topics: TopicNames;
  /** Consumer groups whose lag is shown: every group whose id starts with this (the namespace). */
  readonly groupPrefix: string;
  readonly warehouseGroup: string;
  readonly projectorGroup: string;
  readonly invalidPerPartition: number;
  readonly clock?: () => number;
}

const roles = ['events', 'replay', 'invalid', 'seriesUpdates'] as const;

/** Engine health, topics, lag and throughput from kafkajs admin; invalid events from a tail of the topic. */
export function createKafkaPipelineMonitor(
  deps: KafkaPipelineMonitorDeps,
): PipelineMonitor & { close(): Promise<void> } {
  const clock = deps.clock ?? Date.now;
  const admin = createSharedAdmin(deps.kafka);
  const tail = createInvalidEventTail(deps, admin);
  const topicOffsets = (topic: string) =>
    admin
      .use((client) => client.fetchTopicOffsets(topic))
      .then((partitions) =>
        partitions.map(({ partition, low, high }) => ({ partition, low: Number(low), high: Number(high) })),
      );

  const timed = async (
    engine: EngineHealth['engine'],
    probe: () => Promise<string>,
  ): Promise<EngineHealth> => {
    const started = performance.now();
    try {
      const detail = await withTimeout(probe(), 3000, `${engine} did not answer within 3 s`);
      return { engine, ok: true, latencyMs: Math.round(performance.now() - started), detail };
    } catch (error) {
      return {
        engine,
        ok: false,
        latencyMs: Math.round(performance.now() - started),
        detail: messageOf(error),
      };
    }
  };

  return {
    async health() {
      return Promise.all([
        timed('kafka', async () => {
          const cluster = await admin.use((client) => client.describeCluster());
          return `${cluster.brokers.length} broker${cluster.brokers.length === 1 ? '' : 's'}, controller ${cluster.controller}`;
        }),
        timed('cassandra', async () => {
          const row = (await deps.cassandra.execute('SELECT release_version FROM system.local')).first();
          return `Cassandra ${String(row?.get('release_version') ?? '?')}`;
        }),
        timed('opensearch', async () => {
          const { body } = await deps.opensearch.cluster.health({ timeout: '2s' });
          if (body.status === 'red')
            throw new Error(`status red, ${body.unassigned_shards} unassigned shards`);
          return `status ${body.status}, ${body.active_shards} active shards`;
        }),
      ]);
    },

    async topics() {
      const names = roles.map((role) => deps.topics[role]);
      const metadata = await admin.use((client) => client.fetchTopicMetadata({ topics: names }));
      return Promise.all(
        roles.map(async (role): Promise<TopicInfo> => {
          const topic = deps.topics[role];
          const offsets = new Map((await topicOffsets(topic)).map((entry) => [entry.partition, entry]));
          const partitions = metadata.topics.find((entry) => entry.name === topic)?.partitions ?? [];
          return {
            topic,
            role,
            partitions: partitions
              .map((partition) => ({
                partition: partition.partitionId,
                leader: partition.leader,
                replicas: partition.replicas.length,
                inSync: partition.isr.length,
                low: offsets.get(partition.partitionId)?.low ?? 0,
                high: offsets.get(partition.partitionId)?.high ?? 0,
              }))
              .sort((a, b) => a.partition - b.partition),
          };
        }),
      );
    },

    async lag() {
      const { groups } = await admin.use((client) => client.listGroups());
      const ids = groups
        .map((group) => group.groupId)
        .filter((id) => id.startsWith(deps.groupPrefix))
        .sort();
      if (ids.length === 0) return [];
      const described = new Map(
        (await admin.use((client) => client.describeGroups(ids))).groups.map((group) => [
          group.groupId,
          group,
        ]),
      );
      const ends = new Map<string, Map<number, number>>();
      const endsOf = async (topic: string) => {
        let known = ends.get(topic);
        if (!known) {
          known = new Map((await topicOffsets(topic)).map((entry) => [entry.partition, entry.high]));
          ends.set(topic, known);
        }
        return known;
      };
      const ours = new Set<string>(roles.map((role) => deps.topics[role]));
      return Promise.all(
        ids.map(async (group): Promise<GroupLag> => {
          const committed = await admin.use((client) => client.fetchOffsets({ groupId: group }));
          const topics = await Promise.all(
            committed
              .filter((entry) => ours.has(entry.topic))
              .map(async ({ topic, partitions }) => {
                const end = await endsOf(topic);
                const rows = partitions
                  .map(({ partition, offset }) => {
                    const last = end.get(partition) ?? 0;
                    const at = Number(offset);
                    return at >= 0
                      ? { partition, committed: at, end: last, lag: Math.max(0, last - at) }
                      : { partition, end: last, lag: last };
                  })
                  .sort((a, b) => a.partition - b.partition);
                return { topic, partitions: rows, lag: rows.reduce((sum, row) => sum + row.lag, 0) };
              }),
          );
          const description = described.get(group);
          return {
            group,
            state: description?.state ?? 'Unknown',
            members: description?.members.length ?? 0,
            topics,
            lag: topics.reduce((sum, topic) => sum + topic.lag, 0),
          };
        }),
      );
    },

    async offsetTotals(): Promise<OffsetTotals> {
      const at = clock();
      const sums = await Promise.all(
        roles.map(async (role) =>
          (await topicOffsets(deps.topics[role])).reduce((sum, entry) => sum + entry.high, 0),
        ),
      );
      const committedSum = async (groupId: string) => {
        const committed = await admin.use((client) =>
          client.fetchOffsets({ groupId, topics: [deps.topics.events] }),
        );
        return (committed[0]?.partitions ?? []).reduce(
          (sum, entry) => sum + Math.max(0, Number(entry.offset)),
          0,
        );
      };
      const [warehoused, projected] = await Promise.all([
        committedSum(deps.warehouseGroup),
        committedSum(deps.projectorGroup),
      ]);
      return {
        at,
        produced: Object.fromEntries(
          roles.map((role, index) => [role, sums[index] ?? 0]),
        ) as OffsetTotals['produced'],
        warehoused,
        projected,
      };
    },

    async invalidEvents(filter) {
      const { state, records } = await tail.recent();
      return filterInvalidEvents(records, filter, state, deps.invalidPerPartition);
    },

    async close() {
      await Promise.allSettled([tail.close(), admin.close()]);
    },
  };
}

/** One admin connection for the process, reconnected after a failure. */
function createSharedAdmin(kafka: Kafka) {
  let client: Admin | undefined;
  let connecting: Promise<Admin> | undefined;
  const connected = () => {
    if (client) return Promise.resolve(client);
    connecting ??= (async () => {
      const next = kafka.admin({ retry: { retries: 1 } });
      await next.connect();
      client = next;
      return next;
    })().finally(() => {
      connecting = undefined;
    });
    return connecting;
  };
  return {
    async use<T>(action: (admin: Admin) => Promise<T>): Promise<T> {
      const admin = await connected();
      try {
        return await action(admin);
      } catch (error) {
        if (client === admin) client = undefined;
        await admin.disconnect().catch(() => {});
        throw error;
      }
    },
    async close() {
      await client?.disconnect();
      client = undefined;
    },
  };
}

/**
 * Keeps the last `invalidPerPartition` records of every partition of the invalid-events topic in memory:
 * a consumer of this instance's own group (never committing) starts that far back from each end and then
 * follows the topic live. Started by the first request.
 */
function createInvalidEventTail(deps: KafkaPipelineMonitorDeps, admin: ReturnType<typeof createSharedAdmin>) {
  const topic = deps.topics.invalid;
  const kept = new Map<number, InvalidEventView[]>();
  /** Per partition, the offset that must have been read for the window to be complete. */
  let catchUp = new Map<number, number>();
  let consumer: Consumer | undefined;
  let starting: Promise<void> | undefined;

  const start = async () => {
    const next = deps.kafka.consumer({
      // Outside the lag listing's prefix: this group never commits, and each console instance has one.
      groupId: `${deps.groupPrefix.replace(/-$/, '')}.console-invalid.${randomUUID().slice(0, 8)}`,
      maxWaitTimeInMs: 500,
    });
    await next.connect();
    await next.subscribe({ topic, fromBeginning: false });
    const ends = await admin.use((client) => client.fetchTopicOffsets(topic));
    catchUp = new Map(
      ends
        .filter(({ high, low }) => Number(high) > Number(low))
        .map(({ partition, high }) => [partition, Number(high) - 1]),
    );
    await next.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const offset = Number(message.offset);
        const list = kept.get(partition) ?? [];
        list.push(viewOf(partition, offset, message.value));
        if (list.length > deps.invalidPerPartition) list.splice(0, list.length - deps.invalidPerPartition);
        kept.set(partition, list);
        if ((catchUp.get(partition) ?? -1) <= offset) catchUp.delete(partition);
      },
    });
    for (const { partition, low, high } of ends) {
      const from = Math.max(Number(low), Number(high) - deps.invalidPerPartition);
      next.seek({ topic, partition, offset: String(from) });
    }
    consumer = next;
  };

  return {
    async recent() {
      if (!consumer) {
        starting ??= start().catch((error) => {
          starting = undefined;
          throw error;
        });
        await starting;
      }
      return {
        state: catchUp.size === 0 ? ('live' as const) : ('loading' as const),
        records: [...kept.values()].flat(),
      };
    },
    async close() {
      await consumer?.disconnect();
    },
  };
}

function viewOf(partition: number, offset: number, value: Buffer | null): InvalidEventView {
  try {
    const record = decodeInvalidEvent(value ?? Buffer.alloc(0));
    return {
      partition,
      offset,
      tenant: record.tenant,
      code: record.code || 'UNKNOWN',
      reason: record.reason,
      transport: transportName(record.transport),
      receivedAt: Number(record.receivedAt),
      size: record.size,
      sha256: Buffer.from(record.sha256).toString('hex'),
      preview: previewOf(record.head),
    };
  } catch (error) {
    return {
      partition,
      offset,
      tenant: '',
      code: 'UNDECODABLE',
      reason: `this record is not a tidemark.v1.InvalidEvent: ${messageOf(error)}`,
      transport: 'unknown',
      receivedAt: 0,
      size: value?.length ?? 0,
      sha256: '',
      preview: '',
    };
  }
}

function transportName(transport: number | null | undefined): string {
  const name = tidemark.v1.Transport[transport ?? 0] ?? 'TRANSPORT_UNSPECIFIED';
  return name === 'TRANSPORT_UNSPECIFIED'
    ? 'worker'
    : name.replace('TRANSPORT_', '').toLowerCase().replace('_', '-');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
