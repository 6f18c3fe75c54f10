import type { RejectionCode } from '@tidemark/core';
import type { BatchResult } from './handle-batch.ts';
import type { EventRejection } from './prepare-batch.ts';

/** What WebSocket and Comet clients receive for each batch they sent, correlated by `seq`. */
export type AckFrame =
  | {
      readonly type: 'ack';
      readonly seq?: unknown;
      readonly accepted: number;
      readonly rejected: readonly EventRejection[];
    }
  | {
      readonly type: 'refused';
      readonly seq?: unknown;
      readonly code: RejectionCode;
      readonly message: string;
    }
  | { readonly type: 'throttled'; readonly seq?: unknown; readonly retryAfterMs: number }
  | { readonly type: 'unavailable'; readonly seq?: unknown; readonly retryAfterMs: number };

export function toFrame(result: BatchResult): AckFrame {
  const seq = result.seq === undefined ? {} : { seq: result.seq };
  switch (result.kind) {
    case 'ack':
      return { type: 'ack', ...seq, accepted: result.outcome.accepted, rejected: result.outcome.rejected };
    case 'refused':
      return { type: 'refused', ...seq, code: result.rejection.code, message: result.rejection.message };
    case 'throttled':
      return { type: 'throttled', ...seq, retryAfterMs: result.retryAfterMs };
    case 'unavailable':
      return { type: 'unavailable', ...seq, retryAfterMs: result.retryAfterMs };
  }
}

/** The status a frame stands for, for the request metrics. */
export function statusOf(frame: AckFrame): string {
  return frame.type === 'ack' ? 'ok' : frame.type;
}
