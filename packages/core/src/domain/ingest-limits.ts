/** What ingest accepts. The same limits apply on every transport. */
export interface IngestLimits {
  readonly maxBodyBytes: number;
  readonly maxEventsPerBatch: number;
  readonly maxEventBytes: number;
  readonly maxProperties: number;
  readonly maxNameLength: number;
  readonly maxPropertyKeyLength: number;
  readonly maxStringValueLength: number;
  readonly maxIdentityLength: number;
  /** How far before received_at an id's embedded time or an event time may lie. */
  readonly maxAgeMs: number;
  /** How far after received_at an id's embedded time or an event time may lie. */
  readonly maxFutureMs: number;
}

const hour = 60 * 60 * 1000;

export const defaultIngestLimits: IngestLimits = {
  maxBodyBytes: 1024 * 1024,
  maxEventsPerBatch: 500,
  maxEventBytes: 32 * 1024,
  maxProperties: 200,
  maxNameLength: 200,
  maxPropertyKeyLength: 128,
  maxStringValueLength: 8 * 1024,
  maxIdentityLength: 256,
  maxAgeMs: 7 * 24 * hour,
  maxFutureMs: 24 * hour,
};
