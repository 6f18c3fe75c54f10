import { batchBody, outcomeOfHttp, type Transport, unknownOutcome } from './protocol.ts';

export interface HttpTransportOptions {
  readonly endpoint: string;
  readonly token: string;
  /**
   * Browsers: the token goes in the URL and the body is text/plain, so the request is CORS-simple and
   * needs no preflight. Node: an Authorization header and application/json.
   */
  readonly tokenInUrl: boolean;
  readonly timeoutMs: number;
}

/** Authenticated request parts for a path, in the form the options ask for. */
export function request(options: HttpTransportOptions, path: string, query = '') {
  const params = new URLSearchParams(query);
  const headers: Record<string, string> = {};
  if (options.tokenInUrl) {
    params.set('token', options.token);
    headers['content-type'] = 'text/plain';
  } else {
    headers.authorization = `Bearer ${options.token}`;
    headers['content-type'] = 'application/json';
  }
  const search = params.toString();
  return { url: `${options.endpoint}${path}${search ? `?${search}` : ''}`, headers };
}

/** POST /v1/events: one request per batch, answered once Kafka acknowledged every accepted event. */
export function createHttpTransport(options: HttpTransportOptions): Transport {
  return {
    name: 'http',
    async send(events, sentAt) {
      const { url, headers } = request(options, '/v1/events');
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers,
          body: batchBody(events, sentAt),
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        const body = await response.json().catch(() => undefined);
        return outcomeOfHttp(response.status, body, response.headers.get('retry-after'));
      } catch (error) {
        // No answer: connection refused, reset, or timed out. Whether ingest took the batch is unknown.
        return unknownOutcome(`http: ${(error as Error).message}`, true);
      }
    },
    close() {},
  };
}
