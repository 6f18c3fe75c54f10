import { type IngestLimits, type Rejection, reject } from '@tidemark/core';
import { decodeEventBatch } from '@tidemark/proto';

export interface RawEvent {
  readonly raw: unknown;
  /** Encoded size in bytes, or with `sizeIsBound` an upper bound of it that is within the event limit. */
  readonly size: number;
  /** `size` is the whole body's: no event in it can be over the limit, so none was measured. */
  readonly sizeIsBound?: boolean;
}

export interface DecodedBatch {
  readonly events: readonly RawEvent[];
  /** Batch-level sent_at, for events without their own. */
  readonly sentAt?: unknown;
  /** Frame correlation on WebSocket and Comet connections. */
  readonly seq?: unknown;
}

export type Decoded =
  | { readonly ok: true; readonly batch: DecodedBatch }
  | { readonly ok: false; readonly rejection: Rejection };

export type BodyFormat = 'json' | 'ndjson' | 'protobuf';

const formats: Record<string, BodyFormat> = {
  'application/json': 'json',
  // Beacons and CORS-simple posts can only send text/plain; the body is JSON all the same.
  'text/plain': 'json',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/x-protobuf': 'protobuf',
  'application/protobuf': 'protobuf',
  'application/vnd.google.protobuf': 'protobuf',
};

export function formatOf(contentType: string | undefined): BodyFormat | undefined {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  return mediaType ? formats[mediaType] : undefined;
}

/** Decodes a body (or a WebSocket / Comet frame) into raw events, enforcing the batch-level limits. */
export function decodeBody(format: BodyFormat, body: Uint8Array, limits: IngestLimits): Decoded {
  const decoded =
    format === 'protobuf'
      ? decodeProtobuf(body)
      : format === 'ndjson'
        ? decodeNdjson(body)
        : decodeJson(body, limits);
  if (!decoded.ok) return decoded;
  const count = decoded.batch.events.length;
  if (count === 0) return { ok: false, rejection: reject('INGEST_EMPTY_BATCH', 'the batch has no events') };
  if (count > limits.maxEventsPerBatch) {
    return {
      ok: false,
      rejection: reject(
        'INGEST_TOO_MANY_EVENTS',
        `${count} events in one batch; the limit is ${limits.maxEventsPerBatch}`,
      ),
    };
  }
  return decoded;
}

function decodeJson(body: Uint8Array, limits: IngestLimits): Decoded {
  // Re-serialising every event only to measure it costs more than the rest of decoding: when the whole body
  // is within the per-event limit, so is every event in it, and the body's size serves as the bound.
  const sized =
    body.byteLength <= limits.maxEventBytes
      ? (raw: unknown): RawEvent => ({ raw, size: body.byteLength, sizeIsBound: true })
      : measured;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
  } catch (error) {
    return {
      ok: false,
      rejection: reject('INGEST_MALFORMED_JSON', `body is not valid JSON: ${(error as Error).message}`),
    };
  }
  if (Array.isArray(value)) return { ok: true, batch: { events: value.map(sized) } };
  if (typeof value === 'object' && value !== null && 'events' in value) {
    const { events, sent_at: sentAt, seq } = value as { events: unknown; sent_at?: unknown; seq?: unknown };
    if (!Array.isArray(events)) {
      return {
        ok: false,
        rejection: reject('INGEST_MALFORMED_BATCH', '"events" must be an array of events'),
      };
    }
    return { ok: true, batch: { events: events.map(sized), sentAt, seq } };
  }
  return { ok: true, batch: { events: [sized(value)] } };
}

function decodeNdjson(body: Uint8Array): Decoded {
  const lines = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8').split('\n');
  const events: RawEvent[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    try {
      events.push({ raw: JSON.parse(line), size: Buffer.byteLength(line) });
    } catch (error) {
      return {
        ok: false,
        rejection: reject(
          'INGEST_MALFORMED_JSON',
          `line ${index + 1} is not valid JSON: ${(error as Error).message}`,
        ),
      };
    }
  }
  return { ok: true, batch: { events } };
}

function decodeProtobuf(body: Uint8Array): Decoded {
  try {
    const { events, seq, sentAt } = decodeEventBatch(body);
    return { ok: true, batch: { events, seq, sentAt } };
  } catch (error) {
    return {
      ok: false,
      rejection: reject(
        'INGEST_MALFORMED_PROTOBUF',
        `body is not a tidemark.v1.EventBatch: ${(error as Error).message}`,
      ),
    };
  }
}

function measured(raw: unknown): RawEvent {
  return { raw, size: Buffer.byteLength(JSON.stringify(raw) ?? '') };
}
