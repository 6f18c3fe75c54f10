import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export interface IngestMetrics {
  readonly requests: Counter<'transport' | 'status'>;
  readonly events: Counter<'transport' | 'outcome' | 'code'>;
  readonly unauthenticated: Counter<'transport' | 'code'>;
  readonly ackSeconds: Histogram<'transport'>;
  readonly inFlightBatches: Gauge<'transport'>;
  readonly connections: Gauge<'transport'>;
}

export function createIngestMetrics(registry: Registry): IngestMetrics {
  const registers = [registry];
  return {
    requests: new Counter({
      name: 'tidemark_ingest_requests_total',
      help: 'HTTP requests and frames answered, by transport and status',
      labelNames: ['transport', 'status'],
      registers,
    }),
    events: new Counter({
      name: 'tidemark_ingest_events_total',
      help: 'Events accepted, rejected (with a copy on the invalid topic) or refused as a whole body, by code',
      labelNames: ['transport', 'outcome', 'code'],
      registers,
    }),
    unauthenticated: new Counter({
      name: 'tidemark_ingest_unauthenticated_total',
      help: 'Requests refused for a missing or bad token (nothing is copied for them)',
      labelNames: ['transport', 'code'],
      registers,
    }),
    ackSeconds: new Histogram({
      name: 'tidemark_ingest_ack_seconds',
      help: 'Time from publishing a batch to Kafka acknowledging it (acks=all)',
      labelNames: ['transport'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    inFlightBatches: new Gauge({
      name: 'tidemark_ingest_in_flight_batches',
      help: 'Batches waiting for Kafka',
      labelNames: ['transport'],
      registers,
    }),
    connections: new Gauge({
      name: 'tidemark_ingest_connections',
      help: 'Open WebSocket and Comet connections',
      labelNames: ['transport'],
      registers,
    }),
  };
}
