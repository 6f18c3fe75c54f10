import { InfraError, type IngestLimits, type RateDecision, type Rejection, reject } from '@tidemark/core';
import type { Authenticated } from './authenticate.ts';
import { type BodyFormat, type DecodedBatch, decodeBody } from './decode-body.ts';
import type { BatchOutcome, IngestService } from './ingest-service.ts';
import { prepareBatch, type Sender } from './prepare-batch.ts';

export type BatchResult =
  | { readonly kind: 'ack'; readonly seq?: unknown; readonly outcome: BatchOutcome }
  | { readonly kind: 'refused'; readonly seq?: unknown; readonly rejection: Rejection }
  | { readonly kind: 'throttled'; readonly seq?: unknown; readonly retryAfterMs: number }
  | {
      readonly kind: 'unavailable';
      readonly seq?: unknown;
      readonly retryAfterMs: number;
      readonly cause: InfraError;
    };

export interface BatchInput {
  readonly bytes: Uint8Array;
  readonly size: number;
  /** The body was over the size limit and `bytes` is only its head. */
  readonly overLimit: boolean;
  /** undefined: the content type is not one ingest reads. */
  readonly format: BodyFormat | undefined;
}

export interface BatchHandlerDeps {
  readonly service: IngestService;
  readonly clock: () => number;
  /** Makes an id for an event that came without one. */
  readonly newId: (receivedAt: number) => string;
  readonly limits: IngestLimits;
  readonly rateLimit: (auth: Extract<Authenticated, { ok: true }>, cost: number) => RateDecision;
  /** What clients are told to wait when Kafka is unavailable. */
  readonly unavailableRetryMs: number;
}

/**
 * One batch from any transport, for an authenticated sender: decode, rate-limit, then prepare and publish
 * the events or copy the refused input. Every transport maps the result to its own wire form, with the same
 * codes.
 */
export async function handleBatch(
  deps: BatchHandlerDeps,
  input: BatchInput,
  auth: Extract<Authenticated, { ok: true }>,
  sender: Sender,
): Promise<BatchResult> {
  const decoded = decode(deps.limits, input);
  const seq = decoded.ok ? decoded.batch.seq : undefined;
  const decision = deps.rateLimit(auth, decoded.ok ? decoded.batch.events.length : 1);
  if (!decision.allowed) return { kind: 'throttled', seq, retryAfterMs: decision.retryAfterMs };
  try {
    if (!decoded.ok) {
      await deps.service.refuse(input.bytes, input.size, decoded.rejection, sender);
      return { kind: 'refused', rejection: decoded.rejection };
    }
    const { limits, newId } = deps;
    const prepared = prepareBatch(decoded.batch, { sender, receivedAt: deps.clock(), limits, newId });
    return { kind: 'ack', seq, outcome: await deps.service.publish(prepared, sender) };
  } catch (error) {
    if (!(error instanceof InfraError) || !error.retriable) throw error;
    return { kind: 'unavailable', seq, retryAfterMs: deps.unavailableRetryMs, cause: error };
  }
}

function decode(
  limits: IngestLimits,
  input: BatchInput,
): { ok: true; batch: DecodedBatch } | { ok: false; rejection: Rejection } {
  if (input.overLimit) {
    return {
      ok: false,
      rejection: reject(
        'INGEST_PAYLOAD_TOO_LARGE',
        `body is ${input.size} bytes; the limit is ${limits.maxBodyBytes}`,
      ),
    };
  }
  if (!input.format) {
    return {
      ok: false,
      rejection: reject(
        'INGEST_UNSUPPORTED_CONTENT_TYPE',
        'send application/json, application/x-ndjson, application/x-protobuf, or text/plain with a JSON body',
      ),
    };
  }
  return decodeBody(input.format, input.bytes, limits);
}
