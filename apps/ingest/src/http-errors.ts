import { type Rejection, rejectionStatus } from '@tidemark/core';
import type { Verification } from '@tidemark/core/auth';

/** Every error an ingest endpoint answers with, as `{ error: { code, message } }` and a status. */
export interface HttpError {
  readonly status: number;
  readonly body: { readonly error: { readonly code: string; readonly message: string } };
  readonly retryAfterSeconds?: number;
}

const error = (status: number, code: string, message: string, retryAfterSeconds?: number): HttpError => ({
  status,
  body: { error: { code, message } },
  ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
});

export const fromRejection = (rejection: Rejection): HttpError =>
  error(rejectionStatus[rejection.code], rejection.code, rejection.message);

export const fromAuthFailure = (failure: Extract<Verification, { ok: false }>): HttpError =>
  error(failure.status, failure.code, failure.message);

export const rateLimited = (retryAfterMs: number): HttpError =>
  error(
    429,
    'RATE_LIMITED',
    `rate limit exceeded; retry after ${retryAfterMs} ms`,
    Math.ceil(retryAfterMs / 1000),
  );

/** Kafka did not acknowledge: the outcome is unknown, so the client retries with the same event ids. */
export const unavailable = (cause: string, retryAfterMs: number): HttpError =>
  error(
    503,
    'UNAVAILABLE',
    `${cause}; the outcome is unknown: retry with the same event ids`,
    Math.ceil(retryAfterMs / 1000),
  );
