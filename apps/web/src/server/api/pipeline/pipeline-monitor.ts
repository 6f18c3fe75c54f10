/** What the pipeline page shows; the Kafka-backed implementation is kafka-pipeline-monitor.ts. */

export type EngineName = 'kafka' | 'cassandra' | 'opensearch';

export interface EngineHealth {
  readonly engine: EngineName;
  readonly ok: boolean;
  /** How long the probe took, ms. */
  readonly latencyMs: number;
  /** "1 broker", "5.0.8", "yellow, 3 indices" … or why it failed. */
  readonly detail: string;
}

export interface PartitionInfo {
  readonly partition: number;
  readonly leader: number;
  readonly replicas: number;
  readonly inSync: number;
  readonly low: number;
  readonly high: number;
}

export interface TopicInfo {
  readonly topic: string;
  /** Which of Tidemark's topics this is. */
  readonly role: 'events' | 'replay' | 'invalid' | 'seriesUpdates';
  readonly partitions: readonly PartitionInfo[];
}

export interface PartitionLag {
  readonly partition: number;
  /** The group's committed offset; undefined when it has committed nothing on this partition. */
  readonly committed?: number;
  readonly end: number;
  readonly lag: number;
}

export interface GroupLag {
  readonly group: string;
  /** Stable, Empty, PreparingRebalance, … as Kafka reports it. */
  readonly state: string;
  readonly members: number;
  readonly topics: readonly {
    readonly topic: string;
    readonly lag: number;
    readonly partitions: readonly PartitionLag[];
  }[];
  readonly lag: number;
}

/** Sums of offsets at one moment, the raw material of events/s. */
export interface OffsetTotals {
  readonly at: number;
  /** Sum of end offsets per topic role. */
  readonly produced: Readonly<Record<TopicInfo['role'], number>>;
  /** Sum of the warehouse group's committed offsets on the live topic. */
  readonly warehoused: number;
  /** Sum of the projector group's committed offsets on the live topic. */
  readonly projected: number;
}

export interface InvalidEventView {
  readonly partition: number;
  readonly offset: number;
  readonly tenant: string;
  readonly code: string;
  readonly reason: string;
  readonly transport: string;
  readonly receivedAt: number;
  readonly size: number;
  readonly sha256: string;
  /** The start of the refused input as text (control characters shown as �), at most 2 KiB. */
  readonly preview: string;
}

export interface InvalidEventFilter {
  /** One tenant; every tenant when absent (operators only). */
  readonly tenant?: string;
  readonly code?: string;
  /** Case-insensitive substring of the reason, code, sha256 or preview. */
  readonly text?: string;
  readonly limit: number;
}

export interface InvalidEventPage {
  /** `loading` until the tail has read back the recent records of every partition. */
  readonly state: 'loading' | 'live';
  readonly events: readonly InvalidEventView[];
  /** Codes among the records kept for this tenant (or all), with counts, for the filter. */
  readonly codes: readonly { readonly code: string; readonly count: number }[];
  /** How many records the tail keeps per partition. */
  readonly window: number;
}

export interface PipelineMonitor {
  health(): Promise<EngineHealth[]>;
  topics(): Promise<TopicInfo[]>;
  lag(): Promise<GroupLag[]>;
  offsetTotals(): Promise<OffsetTotals>;
  invalidEvents(filter: InvalidEventFilter): Promise<InvalidEventPage>;
}
