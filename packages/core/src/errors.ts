export type InfraErrorCode =
  | 'KAFKA_UNAVAILABLE'
  | 'KAFKA_QUEUE_FULL'
  | 'KAFKA_TOPIC_MISMATCH'
  | 'CASSANDRA_UNAVAILABLE'
  | 'CASSANDRA_MIGRATION_FAILED'
  | 'OPENSEARCH_UNAVAILABLE'
  | 'OPENSEARCH_REQUEST_FAILED';

/**
 * The one error family for infrastructure failures. Retry loops look only at `retriable`; expected
 * outcomes (a rejected event, a dead letter) are values, never errors.
 */
export class InfraError extends Error {
  readonly code: InfraErrorCode;
  readonly retriable: boolean;

  constructor(code: InfraErrorCode, message: string, options: { retriable: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'InfraError';
    this.code = code;
    this.retriable = options.retriable;
  }
}
