import { createHash } from 'node:crypto';
import {
  checkEventSize,
  type EventLog,
  type IngestLimits,
  type LogRecord,
  normalizeEvent,
  type Rejection,
  type RejectionCode,
  type TrackedEvent,
  type Transport,
} from '@tidemark/core';
import { encodeInvalidEvent, encodeTrackedEvents } from '@tidemark/proto';
import type { DecodedBatch } from './decode-body.ts';
import type { IngestMetrics } from './metrics.ts';

/** Who sent a request, as established by the edge. */
export interface Sender {
  readonly tenant: string;
  readonly transport: Transport;
  readonly userAgent?: string;
  /** Set only when IP capture is on. */
  readonly ip?: string;
}

export interface EventRejection {
  readonly index: number;
  readonly code: RejectionCode;
  readonly message: string;
}

export interface BatchOutcome {
  readonly accepted: number;
  readonly rejected: readonly EventRejection[];
}

export interface IngestService {
  /**
   * Publishes the valid events and copies each invalid one to the invalid-events topic; resolves once
   * Kafka has acknowledged both. Throws an InfraError when Kafka can't (the outcome is then unknown).
   */
  ingest(batch: DecodedBatch, sender: Sender): Promise<BatchOutcome>;
  /** Copies refused input that never became events (bad body, wrong type) to the invalid-events topic. */
  refuse(input: Uint8Array, size: number, rejection: Rejection, sender: Sender): Promise<void>;
}

export interface IngestServiceDeps {
  readonly eventLog: EventLog;
  readonly topics: { readonly events: string; readonly invalid: string };
  readonly limits: IngestLimits;
  readonly clock: () => number;
  readonly newId: (now: number) => string;
  readonly metrics: IngestMetrics;
}

const invalidHeadBytes = 16 * 1024;

export function createIngestService(deps: IngestServiceDeps): IngestService {
  const invalidRecord = (
    input: Uint8Array,
    size: number,
    rejection: Rejection,
    sender: Sender,
    receivedAt: number,
  ): LogRecord => ({
    key: sender.tenant,
    value: encodeInvalidEvent({
      tenant: sender.tenant,
      head: input.subarray(0, invalidHeadBytes),
      size,
      sha256: createHash('sha256').update(input).digest(),
      code: rejection.code,
      reason: rejection.message,
      transport: sender.transport,
      receivedAt,
    }),
    headers: { 'tm-tenant': sender.tenant, 'tm-schema': 'tidemark.v1.InvalidEvent' },
  });

  return {
    async ingest(batch, sender) {
      const receivedAt = deps.clock();
      const context = {
        tenant: sender.tenant,
        receivedAt,
        transport: sender.transport,
        userAgent: sender.userAgent,
        ip: sender.ip,
        batchSentAt: batch.sentAt,
        limits: deps.limits,
        newId: deps.newId,
      };
      const headers = { 'tm-tenant': sender.tenant, 'tm-schema': 'tidemark.v1.Event' };
      const accepted: LogRecord[] = [];
      const invalid: LogRecord[] = [];
      const rejected: EventRejection[] = [];
      const refuse = (index: number, rejection: Rejection) => {
        rejected.push({ index, ...rejection });
        const input = Buffer.from(JSON.stringify(batch.events[index]) ?? 'undefined');
        invalid.push(invalidRecord(input, input.byteLength, rejection, sender, receivedAt));
      };
      const valid: TrackedEvent[] = [];
      const validIndexes: number[] = [];
      for (const [index, raw] of batch.events.entries()) {
        const result = normalizeEvent(raw, context);
        if (!result.ok) refuse(index, result.rejection);
        else {
          valid.push(result.event);
          validIndexes.push(index);
        }
      }
      // One buffer for the batch; each event's size is checked as encoded, which is how it is stored.
      for (const [i, value] of encodeTrackedEvents(valid).entries()) {
        const event = valid[i] as TrackedEvent;
        const tooLarge = checkEventSize(value.byteLength, deps.limits);
        if (tooLarge) refuse(validIndexes[i] as number, tooLarge);
        else accepted.push({ key: event.id, value, headers });
      }
      rejected.sort((a, b) => a.index - b.index); // size refusals came after the others
      const started = performance.now();
      await Promise.all([
        deps.eventLog.append(deps.topics.events, accepted),
        deps.eventLog.append(deps.topics.invalid, invalid),
      ]);
      deps.metrics.ackSeconds.observe({ transport: sender.transport }, (performance.now() - started) / 1000);
      deps.metrics.events.inc(
        { transport: sender.transport, outcome: 'accepted', code: 'OK' },
        accepted.length,
      );
      for (const rejection of rejected) {
        deps.metrics.events.inc({ transport: sender.transport, outcome: 'rejected', code: rejection.code });
      }
      return { accepted: accepted.length, rejected };
    },

    async refuse(input, size, rejection, sender) {
      await deps.eventLog.append(deps.topics.invalid, [
        invalidRecord(input, size, rejection, sender, deps.clock()),
      ]);
      deps.metrics.events.inc({ transport: sender.transport, outcome: 'refused', code: rejection.code });
    },
  };
}
