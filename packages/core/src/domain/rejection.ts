/**
 * Stable codes for refused input, shared by every transport. A transport maps each to its status
 * (see `statusOfRejection`); the message says what was wrong and where.
 */
export const rejectionStatus = {
  INGEST_PAYLOAD_TOO_LARGE: 413,
  INGEST_TOO_MANY_EVENTS: 413,
  INGEST_UNSUPPORTED_CONTENT_TYPE: 415,
  INGEST_MALFORMED_JSON: 400,
  INGEST_MALFORMED_PROTOBUF: 400,
  INGEST_MALFORMED_BATCH: 400,
  INGEST_EMPTY_BATCH: 400,
  INGEST_EVENT_NOT_OBJECT: 400,
  INGEST_EVENT_TOO_LARGE: 413,
  INGEST_INVALID_ID: 400,
  INGEST_ID_OUT_OF_RANGE: 400,
  INGEST_INVALID_NAME: 400,
  INGEST_INVALID_TIMESTAMP: 400,
  INGEST_TIMESTAMP_OUT_OF_RANGE: 400,
  INGEST_INVALID_IDENTITY: 400,
  INGEST_INVALID_PROPERTIES: 400,
  INGEST_TOO_MANY_PROPERTIES: 400,
  INGEST_INVALID_PROPERTY: 400,
  INGEST_INVALID_CONTEXT: 400,
} as const;

export type RejectionCode = keyof typeof rejectionStatus;

export interface Rejection {
  readonly code: RejectionCode;
  readonly message: string;
}

export function reject(code: RejectionCode, message: string): Rejection {
  return { code, message };
}
