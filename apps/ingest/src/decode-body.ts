import { type IngestLimits, type Rejection, reject } from '@tidemark/core';
import { decodeEventBatch } from '@tidemark/proto';

export interface DecodedBatch {
  /** Each event as decoded, not yet validated: a JSON value, or a protobuf event mapped to that shape. */
  readonly events: readonly unknown[];
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
        : decodeJson(body);
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

function decodeJson(body: Uint8Array): Decoded {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
  } catch (error) {
    return {
      ok: false,
      rejection: reject('INGEST_MALFORMED_JSON', `body is not valid JSON: ${(error as Error).message}`),
    };
  }
  if (Array.isArray(value)) return { ok: true, batch: { events: value } };
  if (typeof value === 'object' && value !== null && 'events' in value) {
    const { events, sent_at: sentAt, seq } = value as { events: unknown; sent_at?: unknown; seq?: unknown };
    if (!Array.isArray(events)) {
      return {
        ok: false,
        rejection: reject('INGEST_MALFORMED_BATCH', '"events" must be an array of events'),
      };
    }
    return { ok: true, batch: { events, sentAt, seq } };
  }
  return { ok: true, batch: { events: [value] } };
}

function decodeNdjson(body: Uint8Array): Decoded {
  const lines = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8').split('\n');
  const events: unknown[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    try {
      events.push(JSON.parse(line));
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
