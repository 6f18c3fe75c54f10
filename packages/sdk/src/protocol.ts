// The wire contract with ingest (apps/ingest/README.md), shared by every transport: what an event looks
// like, and how an answer maps to one of three outcomes.

export type PropertyValue = string | number | boolean;
export type Properties = Readonly<Record<string, PropertyValue>>;

/** An event as sent: everything but `sent_at`, which is stamped on the batch at each attempt. */
export interface WireEvent {
  readonly id: string;
  readonly name: string;
  /** Event time, ms since the epoch by the client's clock; ingest corrects it by the clock skew. */
  readonly timestamp: number;
  readonly user_id?: string;
  readonly anonymous_id?: string;
  readonly properties?: Properties;
  readonly context?: { readonly sdk: { readonly name: string; readonly version: string } };
}

export interface EventRejection {
  readonly index: number;
  readonly code: string;
  readonly message: string;
}

/**
 * - `ack`: ingest answered per event; every event not in `rejected` is durable (Kafka acks=all).
 * - `retry`: the outcome is unknown (timeout, dropped connection, 429, 503, 5xx): send the same events
 *   again with the same ids. `unreachable` means no connection could be made at all.
 * - `refused`: the whole batch was refused with a 4xx; final, never retried.
 */
export type SendOutcome =
  | { readonly kind: 'ack'; readonly rejected: readonly EventRejection[] }
  | {
      readonly kind: 'retry';
      readonly reason: string;
      readonly retryAfterMs?: number;
      readonly unreachable?: boolean;
    }
  | { readonly kind: 'refused'; readonly code: string; readonly message: string };

export interface Transport {
  readonly name: string;
  /** Sends one batch. Never throws: failures are outcomes. */
  send(events: readonly WireEvent[], sentAt: number): Promise<SendOutcome>;
  close(): void;
}

/** The JSON body or frame of one batch. */
export const batchBody = (events: readonly WireEvent[], sentAt: number, seq?: number): string =>
  JSON.stringify(seq === undefined ? { events, sent_at: sentAt } : { seq, events, sent_at: sentAt });

const retryStatuses = new Set([408, 425, 429, 500, 502, 503, 504]);

/** Maps an HTTP answer (POST /v1/events, /v1/poll/batches) to an outcome. */
export function outcomeOfHttp(status: number, body: unknown, retryAfter: string | null): SendOutcome {
  const b = body as { accepted?: unknown; rejected?: unknown; error?: { code?: string; message?: string } };
  // A batch in which nothing was accepted answers with its first event's status, but still per event.
  if (typeof b?.accepted === 'number' && Array.isArray(b.rejected))
    return { kind: 'ack', rejected: b.rejected as EventRejection[] };
  const code = b?.error?.code ?? `HTTP_${status}`;
  const message = b?.error?.message ?? `ingest answered ${status}`;
  // A 4xx without ingest's error body came from something in between (a proxy, a wrong path): it says
  // nothing about the events, so they are kept and sent again rather than dropped.
  if (status >= 500 || retryStatuses.has(status) || b?.error?.code === undefined) {
    const retryAfterMs = parseRetryAfter(retryAfter);
    return {
      kind: 'retry',
      reason: `${status} ${code}`,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  return { kind: 'refused', code, message };
}

/** Maps a WebSocket or Comet ack frame to an outcome. */
export function outcomeOfFrame(frame: {
  type?: string;
  rejected?: EventRejection[];
  code?: string;
  message?: string;
  retryAfterMs?: number;
}): SendOutcome {
  switch (frame.type) {
    case 'ack':
      return { kind: 'ack', rejected: frame.rejected ?? [] };
    case 'refused':
      return { kind: 'refused', code: frame.code ?? 'REFUSED', message: frame.message ?? 'refused' };
    default: {
      const retryAfterMs = frame.retryAfterMs;
      return {
        kind: 'retry',
        reason: String(frame.type),
        ...(typeof retryAfterMs === 'number' ? { retryAfterMs } : {}),
      };
    }
  }
}

/** Retry-After in seconds or as an HTTP date, in ms. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export const unknownOutcome = (reason: string, unreachable = false): SendOutcome => ({
  kind: 'retry',
  reason,
  ...(unreachable ? { unreachable } : {}),
});
