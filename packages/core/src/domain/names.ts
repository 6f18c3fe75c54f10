/**
 * Names of everything Tidemark creates in Kafka, derived from one namespace (`TIDEMARK_NAMESPACE`, default
 * `tidemark`) so that several deployments, or tests, can share a cluster.
 */
export function topicNames(namespace = 'tidemark') {
  return {
    events: `${namespace}.events`,
    replay: `${namespace}.events.replay`,
    invalid: `${namespace}.events.invalid`,
    seriesUpdates: `${namespace}.series.updates`,
  } as const;
}

export function groupNames(namespace = 'tidemark') {
  return {
    warehouse: `${namespace}-warehouse`,
    projector: `${namespace}-projector`,
    replay: `${namespace}-replay`,
  } as const;
}

export type TopicNames = ReturnType<typeof topicNames>;
export type GroupNames = ReturnType<typeof groupNames>;

export const defaultTopics: TopicNames = topicNames();
export const defaultGroups: GroupNames = groupNames();

export const defaultKeyspace = 'tidemark';

/** View indices are named by `viewIndexName`; one template (`<prefix>-*`) covers them all. */
export const defaultViewIndexPrefix = 'tidemark-views';

/**
 * `<prefix>-<tenant>.<view>-g<generation>`: '.' never appears in a tenant or view id, so no two (tenant, view)
 * pairs share an index.
 */
export function viewIndexName(
  prefix: string,
  key: { tenant: string; view: string; generation: number },
): string {
  return `${prefix}-${key.tenant}.${key.view}-g${key.generation}`;
}

export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly configs: Readonly<Record<string, string>>;
}

export interface TopicLayout {
  /**
   * Partitions of every topic. The live topic's count is fixed once it holds data (more partitions would
   * split one id's copies), so start with as many as consumers you may ever run.
   */
  readonly partitions: number;
  readonly replicationFactor: number;
  /** min.insync.replicas: with acks=all, a write succeeds only when this many replicas have it. */
  readonly minInsyncReplicas: number;
}

const day = 24 * 60 * 60 * 1000;

/** The four topics of DESIGN.md with their retention. */
export function topicSpecs(layout: TopicLayout, names: TopicNames = defaultTopics): TopicSpec[] {
  const spec = (name: string, retentionMs: number): TopicSpec => ({
    name,
    partitions: layout.partitions,
    replicationFactor: layout.replicationFactor,
    configs: {
      'retention.ms': String(retentionMs),
      'min.insync.replicas': String(layout.minInsyncReplicas),
      'compression.type': 'producer',
      // Room above one ingest body (1 MiB) landing in a single partition's batch.
      'max.message.bytes': String(4 * 1024 * 1024),
    },
  });
  return [
    spec(names.events, 7 * day),
    spec(names.replay, 1 * day),
    spec(names.invalid, 14 * day),
    spec(names.seriesUpdates, 1 * 60 * 60 * 1000),
  ];
}
