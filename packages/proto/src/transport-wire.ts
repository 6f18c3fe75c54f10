import type { Transport } from '@tidemark/core';
import { tidemark } from './generated/tidemark.js';

const Wire = tidemark.v1.Transport;

/** Each transport's tidemark.v1.Transport value. */
export const transportToWire: Readonly<Record<Transport, tidemark.v1.Transport>> = {
  http: Wire.TRANSPORT_HTTP,
  beacon: Wire.TRANSPORT_BEACON,
  websocket: Wire.TRANSPORT_WEBSOCKET,
  'comet-stream': Wire.TRANSPORT_COMET_STREAM,
  'comet-poll': Wire.TRANSPORT_COMET_POLL,
};
