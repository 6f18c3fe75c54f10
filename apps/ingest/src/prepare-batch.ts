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
import { type BodyFormat, decodeBody } from './decode-body.ts';

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

/** One body (or WebSocket / Comet frame) of an authenticated sender, as received. */
export interface PrepareRequest {
  readonly format: BodyFormat;
  readonly bytes: Uint8Array;
  readonly sender: Sender;
  readonly receivedAt: number;
}

/** A batch ready for Kafka, or the reason the body as a whole was refused. */
export type PreparedBatch =
  | { readonly ok: false; readonly rejection: Rejection }
  | {
      readonly ok: true;
      /** Frame correlation on WebSocket and Comet connections. */
      readonly seq?: unknown;
      /** Events in the body, valid or not: what the rate limit counts. */
      readonly count: number;
      /** For the event topic, in body order. */
      readonly records: LogRecord[];
      /** Copies of the refused events, for the invalid-events topic. */
      readonly invalid: LogRecord[];
      readonly rejected: EventRejection[];
    };

export interface PrepareOptions {
  readonly limits: IngestLimits;
  /** Makes an id for an event that came without one. */
  readonly newId: (receivedAt: number) => string;
}

/**
 * Everything ingest does to a batch before the append, and nothing with I/O: decode the body, normalise
 * each event, encode the valid ones and check their size as encoded, and copy each refused one.
 */
export function prepareBatch(request: PrepareRequest, options: PrepareOptions): PreparedBatch {
  const decoded = decodeBody(request.format, request.bytes, options.limits);
  if (!decoded.ok) return decoded;
  const { events, sentAt, seq } = decoded.batch;
  const { sender, receivedAt } = request;
  const context = {
    tenant: sender.tenant,
    receivedAt,
    transport: sender.transport,
    userAgent: sender.userAgent,
    ip: sender.ip,
    batchSentAt: sentAt,
    limits: options.limits,
    newId: options.newId,
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
    const tooLarge = checkEventSize(value.byteLength, options.limits);
    if (tooLarge) refuse(validIndexes[i] as number, tooLarge);
    else records.push({ key: (valid[i] as TrackedEvent).id, value, headers });
  }
  rejected.sort((a, b) => a.index - b.index); // size refusals came after the others
  return { ok: true, seq, count: events.length, records, invalid, rejected };
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
