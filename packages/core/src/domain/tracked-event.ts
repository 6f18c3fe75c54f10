export type PropertyValue = string | number | boolean;

export const transports = ['http', 'beacon', 'websocket', 'comet-stream', 'comet-poll'] as const;
export type Transport = (typeof transports)[number];

/** An accepted event, normalised: what goes on the event topics (as tidemark.v1.Event). */
export interface TrackedEvent {
  /** UUIDv7, the event's identity: every retry carries the same one. */
  readonly id: string;
  /** From the verified token. */
  readonly tenant: string;
  readonly name: string;
  /** Event time, ms: the client's clock corrected by the received_at − sent_at skew. */
  readonly timestamp: number;
  readonly sentAt: number;
  readonly receivedAt: number;
  readonly userId?: string;
  readonly anonymousId?: string;
  readonly sessionId?: string;
  readonly properties: Readonly<Record<string, PropertyValue>>;
  readonly context: EventContext;
}

export interface EventContext {
  readonly transport: Transport;
  readonly userAgent?: string;
  /** Only when IP capture is enabled. */
  readonly ip?: string;
  readonly sdkName?: string;
  readonly sdkVersion?: string;
}
