import type { PropertyValue, TrackedEvent, Transport } from '@tidemark/core';
import { encodeTrackedEvents } from './event-encoder.ts';
import { tidemark } from './generated/tidemark.js';
import { transportToWire } from './transport-wire.ts';

const Wire = tidemark.v1;

const transportFromWire = new Map(
  Object.entries(transportToWire).map(([name, wire]) => [wire, name as Transport]),
);

/** The protobuf bytes of an accepted event, as it goes on the event topics. */
export function encodeTrackedEvent(event: TrackedEvent): Uint8Array {
  return encodeTrackedEvents([event])[0] as Uint8Array;
}

/** Decodes an event from the event topics; throws on bytes that are not a tidemark.v1.Event. */
export function decodeTrackedEvent(bytes: Uint8Array): TrackedEvent {
  const wire = Wire.Event.decode(bytes);
  const properties: Record<string, PropertyValue> = {};
  for (const [key, value] of Object.entries(wire.properties)) {
    const plain = fromWireValue(value);
    if (plain !== undefined) properties[key] = plain;
  }
  const context = wire.context ?? Wire.Context.create();
  return {
    id: wire.id,
    tenant: wire.tenant,
    name: wire.name,
    timestamp: toNumber(wire.timestamp),
    sentAt: toNumber(wire.sentAt),
    receivedAt: toNumber(wire.receivedAt),
    ...(wire.userId ? { userId: wire.userId } : {}),
    ...(wire.anonymousId ? { anonymousId: wire.anonymousId } : {}),
    ...(wire.sessionId ? { sessionId: wire.sessionId } : {}),
    properties,
    context: {
      transport: transportFromWire.get(context.transport ?? Wire.Transport.TRANSPORT_UNSPECIFIED) ?? 'http',
      ...(context.userAgent ? { userAgent: context.userAgent } : {}),
      ...(context.ip ? { ip: context.ip } : {}),
      ...(context.sdkName ? { sdkName: context.sdkName } : {}),
      ...(context.sdkVersion ? { sdkVersion: context.sdkVersion } : {}),
    },
  };
}

export interface DecodedEventBatch {
  readonly events: Record<string, unknown>[];
  readonly seq?: number;
  readonly sentAt?: number;
}

/**
 * The events of a protobuf EventBatch, each as the same plain shape a JSON body has (snake_case, absent
 * fields left out), so that one normalisation validates every transport. Throws
 * when the bytes are not an EventBatch.
 */
export function decodeEventBatch(bytes: Uint8Array): DecodedEventBatch {
  const batch = Wire.EventBatch.decode(bytes);
  const seq = toNumber(batch.seq);
  const sentAt = toNumber(batch.sentAt);
  const events = batch.events.map((event) => {
    const wire = Wire.Event.create(event);
    const properties: Record<string, PropertyValue | null> = {};
    for (const [key, value] of Object.entries(wire.properties))
      properties[key] = fromWireValue(value) ?? null;
    const raw: Record<string, unknown> = { name: wire.name, properties };
    if (wire.id) raw.id = wire.id;
    if (toNumber(wire.timestamp) !== 0) raw.timestamp = toNumber(wire.timestamp);
    if (toNumber(wire.sentAt) !== 0) raw.sent_at = toNumber(wire.sentAt);
    if (wire.userId) raw.user_id = wire.userId;
    if (wire.anonymousId) raw.anonymous_id = wire.anonymousId;
    if (wire.sessionId) raw.session_id = wire.sessionId;
    if (wire.context?.sdkName || wire.context?.sdkVersion) {
      raw.context = {
        sdk: {
          ...(wire.context.sdkName ? { name: wire.context.sdkName } : {}),
          ...(wire.context.sdkVersion ? { version: wire.context.sdkVersion } : {}),
        },
      };
    }
    return raw;
  });
  return { events, ...(seq !== 0 ? { seq } : {}), ...(sentAt !== 0 ? { sentAt } : {}) };
}

/** The protobuf bytes of a copy of refused input, for tidemark.events.invalid. */
export function encodeInvalidEvent(record: {
  tenant: string;
  head: Uint8Array;
  size: number;
  sha256: Uint8Array;
  code: string;
  reason: string;
  /** Absent for input that did not come through a transport (a record a worker could not decode). */
  transport?: Transport;
  receivedAt: number;
}): Uint8Array {
  const transport = record.transport
    ? transportToWire[record.transport]
    : Wire.Transport.TRANSPORT_UNSPECIFIED;
  return Wire.InvalidEvent.encode({ ...record, transport }).finish();
}

export function decodeInvalidEvent(bytes: Uint8Array): tidemark.v1.InvalidEvent {
  return Wire.InvalidEvent.decode(bytes);
}

function fromWireValue(value: tidemark.v1.IValue): PropertyValue | undefined {
  const message = Wire.Value.create(value);
  switch (message.kind) {
    case 'stringValue':
      return message.stringValue ?? undefined;
    case 'numberValue':
      return message.numberValue ?? undefined;
    case 'boolValue':
      return message.boolValue ?? undefined;
    default:
      return undefined;
  }
}

/** int64 fields decode as Long objects when the `long` package is present, as numbers otherwise. */
function toNumber(value: number | { toNumber(): number } | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : value.toNumber();
}
