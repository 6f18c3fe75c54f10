// Shared by the proto tests and bench/ingest-cpu.ts: a full event, and the generated encoder as a reference.
import type { TrackedEvent } from '@tidemark/core';
import { tidemark } from './generated/tidemark.js';
import { transportToWire } from './transport-wire.ts';

/** Every field set, with zero and false values among its properties. */
export const fullEvent: TrackedEvent = {
  id: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  tenant: 'acme',
  name: 'purchase',
  timestamp: 1_764_158_400_123,
  sentAt: 1_764_158_400_200,
  receivedAt: 1_764_158_400_250,
  userId: 'u-1',
  anonymousId: 'a-1',
  sessionId: 's-1',
  properties: { sku: 'X-1', price: 0, discounted: false, qty: 3 },
  context: {
    transport: 'websocket',
    userAgent: 'ua',
    ip: '10.0.0.1',
    sdkName: 'tidemark-js',
    sdkVersion: '1.0.0',
  },
};

/**
 * An event encoded by the generated protobufjs code: the reference that encodeTrackedEvents must equal byte
 * for byte, and what it is measured against.
 */
export function encodeWithGenerated(event: TrackedEvent): Uint8Array {
  const properties: Record<string, tidemark.v1.IValue> = {};
  for (const [key, value] of Object.entries(event.properties)) {
    properties[key] =
      typeof value === 'string'
        ? { stringValue: value }
        : typeof value === 'number'
          ? { numberValue: value }
          : { boolValue: value };
  }
  return tidemark.v1.Event.encode({
    ...event,
    properties,
    context: { ...event.context, transport: transportToWire[event.context.transport] },
  }).finish();
}
