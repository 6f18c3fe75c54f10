import type { EventLog, Rejection } from '@tidemark/core';
import type { IngestMetrics } from './metrics.ts';
import { type EventRejection, invalidRecord, type PreparedBatch, type Sender } from './prepare-batch.ts';

export interface BatchOutcome {
  readonly accepted: number;
  readonly rejected: readonly EventRejection[];
}

export interface IngestService {
  /**
   * Publishes a prepared batch's events and the copies of its refused ones; resolves once Kafka has
   * acknowledged both. Throws an InfraError when Kafka can't (the outcome is then unknown).
   */
  publish(batch: PreparedBatch, sender: Sender): Promise<BatchOutcome>;
  /** Copies refused input that never became events (bad body, wrong type) to the invalid-events topic. */
  refuse(input: Uint8Array, size: number, rejection: Rejection, sender: Sender): Promise<void>;
}

export interface IngestServiceDeps {
  readonly eventLog: EventLog;
  readonly topics: { readonly events: string; readonly invalid: string };
  readonly clock: () => number;
  readonly metrics: IngestMetrics;
}

export function createIngestService(deps: IngestServiceDeps): IngestService {
  return {
    async publish({ records, invalid, rejected }, sender) {
      const started = performance.now();
      await Promise.all([
        deps.eventLog.append(deps.topics.events, records),
        deps.eventLog.append(deps.topics.invalid, invalid),
      ]);
      deps.metrics.ackSeconds.observe({ transport: sender.transport }, (performance.now() - started) / 1000);
      deps.metrics.events.inc(
        { transport: sender.transport, outcome: 'accepted', code: 'OK' },
        records.length,
      );
      for (const rejection of rejected) {
        deps.metrics.events.inc({ transport: sender.transport, outcome: 'rejected', code: rejection.code });
      }
      return { accepted: records.length, rejected };
    },

    async refuse(input, size, rejection, sender) {
      await deps.eventLog.append(deps.topics.invalid, [
        invalidRecord(input, size, rejection, sender, deps.clock()),
      ]);
      deps.metrics.events.inc({ transport: sender.transport, outcome: 'refused', code: rejection.code });
    },
  };
}
