import { createHash } from 'node:crypto';
import {
  checkEventSize,
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

/** A decoded batch's events ready for Kafka, and what became of the refused ones. */
export interface PreparedBatch {
  /** For the event topic, in body order. */
  readonly records: LogRecord[];
  /** Copies of the refused events, for the invalid-events topic. */
  readonly invalid: LogRecord[];
  readonly rejected: EventRejection[];
}

export interface PrepareContext {
  readonly sender: Sender;
  readonly receivedAt: number;
  readonly limits: IngestLimits;
  /** Makes an id for an event that came without one. */
  readonly newId: (receivedAt: number) => string;
}

/**
 * Everything ingest does to a decoded batch before the append, and nothing with I/O: normalise each event,
 * encode the valid ones and check their size as encoded, and copy each refused one.
 */
export function prepareBatch(
  batch: DecodedBatch,
  { sender, receivedAt, limits, newId }: PrepareContext,
): PreparedBatch {
  const { events, sentAt } = batch;
  const context = {
    tenant: sender.tenant,
    receivedAt,
    transport: sender.transport,
    userAgent: sender.userAgent,
    ip: sender.ip,
    batchSentAt: sentAt,
    limits,
    newId,
  };
  const invalid: LogRecord[] = [];
  const rejected: EventRejection[] = [];
  const refuse = (index: number, rejection: Rejection) => {
    rejected.push({ index, ...rejection });
    const input = Buffer.from(JSON.stringify(events[index]) ?? 'undefined');
    invalid.push(invalidRecord(input, input.byteLength, rejection, sender, receivedAt));
  };
  const valid: TrackedEvent[] = [];
  const validIndexes: number[] = [];
  for (const [index, raw] of events.entries()) {
    const result = normalizeEvent(raw, context);
    if (!result.ok) refuse(index, result.rejection);
    else {
      valid.push(result.event);
      validIndexes.push(index);
    }
  }
  const headers = { 'tm-tenant': sender.tenant, 'tm-schema': 'tidemark.v1.Event' };
  const records: LogRecord[] = [];
  // One buffer for the batch; each event's size is checked as encoded, which is how it is stored.
  for (const [i, value] of encodeTrackedEvents(valid).entries()) {
    const tooLarge = checkEventSize(value.byteLength, limits);
    if (tooLarge) refuse(validIndexes[i] as number, tooLarge);
    else records.push({ key: (valid[i] as TrackedEvent).id, value, headers });
  }
  rejected.sort((a, b) => a.index - b.index); // size refusals came after the others
  return { records, invalid, rejected };
}

const invalidHeadBytes = 16 * 1024;

/** A copy of refused input (a whole body or one event) for the invalid-events topic. */
export function invalidRecord(
  input: Uint8Array,
  size: number,
  rejection: Rejection,
  sender: Sender,
  receivedAt: number,
): LogRecord {
  return {
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
  };
}
