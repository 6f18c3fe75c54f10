export interface LogRecord {
  /** Partitioning key: the event id on the event topics. */
  readonly key: string;
  readonly value: Uint8Array;
  readonly headers?: Readonly<Record<string, string>>;
}

/** An append-only, partitioned log of records: Kafka in production. */
export interface EventLog {
  /**
   * Resolves once every record is durably acknowledged (acks=all). A rejection means the outcome is
   * unknown: some records may have been written, and the caller retries with the same keys.
   */
  append(topic: string, records: readonly LogRecord[]): Promise<void>;
  close(): Promise<void>;
}
