import type { IngestLimits } from './ingest-limits.ts';
import { type Rejection, reject } from './rejection.ts';
import type { EventContext, PropertyValue, TrackedEvent, Transport } from './tracked-event.ts';
import { isUuidV7, uuidV7Time } from './uuidv7.ts';

/** What the edge knows about one received event besides its body. */
export interface ReceiveContext {
  readonly tenant: string;
  readonly receivedAt: number;
  readonly transport: Transport;
  readonly userAgent?: string;
  readonly ip?: string;
  /** A batch-level `sent_at`, used by events that carry none of their own. */
  readonly batchSentAt?: unknown;
  readonly limits: IngestLimits;
  /** Makes an id for an event that came without one (such events are at-least-once). */
  readonly newId: (receivedAt: number) => string;
}

export type Normalized =
  | { readonly ok: true; readonly event: TrackedEvent }
  | { readonly ok: false; readonly rejection: Rejection };

/**
 * Validates one raw event (a decoded JSON value, or a protobuf event mapped to the same shape) and turns
 * it into a TrackedEvent. The tenant comes from the context, never from the payload. The event's size is
 * checked once it is encoded (`checkEventSize`).
 */
export function normalizeEvent(raw: unknown, context: ReceiveContext): Normalized {
  const { limits, receivedAt } = context;
  const fail = (rejection: Rejection): Normalized => ({ ok: false, rejection });
  if (!isPlainObject(raw)) return fail(reject('INGEST_EVENT_NOT_OBJECT', 'an event must be a JSON object'));

  const inRange = (time: number) =>
    time >= receivedAt - limits.maxAgeMs && time <= receivedAt + limits.maxFutureMs;
  let id: string;
  // The time in the client's id: the event time when the event has no timestamp of its own.
  let idTime: number | undefined;
  if (raw.id === undefined || raw.id === null || raw.id === '') {
    id = context.newId(receivedAt);
  } else if (typeof raw.id !== 'string' || !isUuidV7(raw.id)) {
    return fail(reject('INGEST_INVALID_ID', `id must be a lower-case UUIDv7, got ${preview(raw.id)}`));
  } else {
    id = raw.id;
    idTime = uuidV7Time(id);
    if (!inRange(idTime)) {
      return fail(
        reject(
          'INGEST_ID_OUT_OF_RANGE',
          `id ${id} was made at ${new Date(idTime).toISOString()}, outside the accepted window around the receive time ${new Date(receivedAt).toISOString()}`,
        ),
      );
    }
  }

  if (typeof raw.name !== 'string' || raw.name.length === 0 || raw.name.length > limits.maxNameLength) {
    return fail(
      reject(
        'INGEST_INVALID_NAME',
        `name must be a non-empty string of at most ${limits.maxNameLength} characters`,
      ),
    );
  }

  const sentAt = parseTime(raw.sent_at ?? context.batchSentAt);
  if (sentAt === 'invalid') {
    return fail(
      reject('INGEST_INVALID_TIMESTAMP', 'sent_at must be ms since the epoch or an ISO-8601 date-time'),
    );
  }
  const clientTime = parseTime(raw.timestamp);
  if (clientTime === 'invalid') {
    return fail(
      reject('INGEST_INVALID_TIMESTAMP', 'timestamp must be ms since the epoch or an ISO-8601 date-time'),
    );
  }
  // The client's clock is off by received_at − sent_at (network time ignored); without sent_at there is
  // nothing to correct with.
  const skew = sentAt === undefined ? 0 : receivedAt - sentAt;
  const timestamp =
    clientTime !== undefined ? clientTime + skew : idTime !== undefined ? idTime + skew : receivedAt;
  if (!inRange(timestamp)) {
    return fail(
      reject(
        'INGEST_TIMESTAMP_OUT_OF_RANGE',
        `event time ${new Date(timestamp).toISOString()} is more than ${hours(limits.maxAgeMs)} h before or ${hours(limits.maxFutureMs)} h after the receive time`,
      ),
    );
  }

  const userId = identity(raw, 'user_id', limits);
  const anonymousId = identity(raw, 'anonymous_id', limits);
  const sessionId = identity(raw, 'session_id', limits);
  for (const value of [userId, anonymousId, sessionId]) if (typeof value === 'object') return fail(value);

  const properties = normalizeProperties(raw.properties, limits);
  if ('code' in properties) return fail(properties);

  const eventContext = normalizeContext(raw.context, context);
  if ('code' in eventContext) return fail(eventContext);

  const event: Mutable<TrackedEvent> = {
    id,
    tenant: context.tenant,
    name: raw.name,
    timestamp,
    sentAt: sentAt ?? receivedAt,
    receivedAt,
    properties: properties.values,
    context: eventContext,
  };
  if (userId) event.userId = userId as string;
  if (anonymousId) event.anonymousId = anonymousId as string;
  if (sessionId) event.sessionId = sessionId as string;
  return { ok: true, event };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** user_id, anonymous_id or session_id: undefined when absent or empty. */
function identity(
  raw: Record<string, unknown>,
  field: string,
  limits: IngestLimits,
): string | undefined | Rejection {
  const value = raw[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string' && value.length <= limits.maxIdentityLength) return value;
  return reject(
    'INGEST_INVALID_IDENTITY',
    `${field} must be a string of at most ${limits.maxIdentityLength} characters`,
  );
}

/**
 * An accepted event is at most `maxEventBytes` as it is stored: its tidemark.v1.Event bytes on the event
 * topics. Measured there, one event gets the same verdict whichever transport and body format brought it,
 * and nothing is serialised twice only to be measured.
 */
export function checkEventSize(encodedBytes: number, limits: IngestLimits): Rejection | undefined {
  if (encodedBytes <= limits.maxEventBytes) return undefined;
  return reject(
    'INGEST_EVENT_TOO_LARGE',
    `event is ${encodedBytes} bytes encoded; the limit is ${limits.maxEventBytes}`,
  );
}

/**
 * The properties as given, checked: the raw object (fresh from decoding, owned by no one else) becomes the
 * event's, so nothing is copied.
 */
function normalizeProperties(
  raw: unknown,
  limits: IngestLimits,
): { values: Record<string, PropertyValue> } | Rejection {
  if (raw === undefined || raw === null) return { values: {} };
  if (!isPlainObject(raw)) return reject('INGEST_INVALID_PROPERTIES', 'properties must be a JSON object');
  const keys = Object.keys(raw);
  if (keys.length > limits.maxProperties) {
    return reject(
      'INGEST_TOO_MANY_PROPERTIES',
      `${keys.length} properties; the limit is ${limits.maxProperties}`,
    );
  }
  for (const key of keys) {
    const value = raw[key];
    if (key.length === 0 || key.length > limits.maxPropertyKeyLength) {
      return reject(
        'INGEST_INVALID_PROPERTY',
        `property keys must have 1 to ${limits.maxPropertyKeyLength} characters, got ${preview(key)}`,
      );
    }
    if (typeof value === 'string') {
      if (value.length > limits.maxStringValueLength) {
        return reject(
          'INGEST_INVALID_PROPERTY',
          `property ${preview(key)}: strings are limited to ${limits.maxStringValueLength} characters`,
        );
      }
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) {
        return reject('INGEST_INVALID_PROPERTY', `property ${preview(key)}: numbers must be finite`);
      }
    } else if (typeof value !== 'boolean') {
      return reject(
        'INGEST_INVALID_PROPERTY',
        `property ${preview(key)}: values must be strings, numbers or booleans, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`,
      );
    }
  }
  return { values: raw as Record<string, PropertyValue> };
}

function normalizeContext(raw: unknown, context: ReceiveContext): EventContext | Rejection {
  const result: Mutable<EventContext> = { transport: context.transport };
  if (context.userAgent) result.userAgent = context.userAgent.slice(0, 512);
  if (context.ip) result.ip = context.ip;
  if (raw === undefined || raw === null) return result;
  const sdk = isPlainObject(raw) ? raw.sdk : undefined;
  if (!isPlainObject(raw) || (sdk !== undefined && !isPlainObject(sdk))) {
    return reject(
      'INGEST_INVALID_CONTEXT',
      'context must be an object, with an optional sdk: {name, version}',
    );
  }
  const name = sdk?.name;
  const version = sdk?.version;
  const short = (value: unknown) => value === undefined || (typeof value === 'string' && value.length <= 64);
  if (!short(name) || !short(version)) {
    return reject(
      'INGEST_INVALID_CONTEXT',
      'context.sdk.name and context.sdk.version must be strings of at most 64 characters',
    );
  }
  if (typeof name === 'string' && name) result.sdkName = name;
  if (typeof version === 'string' && version) result.sdkVersion = version;
  return result;
}

/** ms since the epoch from a number or an ISO-8601 string; undefined when absent. */
function parseTime(value: unknown): number | undefined | 'invalid' {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.trunc(value) : 'invalid';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) {
    const time = Date.parse(value);
    return Number.isNaN(time) ? 'invalid' : time;
  }
  return 'invalid';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function hours(ms: number): number {
  return Math.round(ms / 3_600_000);
}
