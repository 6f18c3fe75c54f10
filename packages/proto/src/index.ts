import { tidemark } from './generated/tidemark.js';

export { tidemark };
export type IEvent = tidemark.v1.IEvent;

export function encodeEvent(event: tidemark.v1.IEvent): Uint8Array {
  return tidemark.v1.Event.encode(event).finish();
}

export function decodeEvent(bytes: Uint8Array): tidemark.v1.Event {
  return tidemark.v1.Event.decode(bytes);
}
