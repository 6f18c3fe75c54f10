import { createRateLimiter, type IngestLimits, type RateLimit, type Transport } from '@tidemark/core';
import type { TokenVerifier } from '@tidemark/core/auth';
import { type Authenticated, authenticate, type Credentials } from './authenticate.ts';
import { type BatchHandlerDeps, type BatchInput, type BatchResult, handleBatch } from './handle-batch.ts';
import type { IngestService } from './ingest-service.ts';
import type { LiveConnections } from './live-connections.ts';
import type { IngestMetrics } from './metrics.ts';
import type { Sender } from './prepare-batch.ts';

export interface EdgeOptions {
  readonly limits: IngestLimits;
  /** Per server token. */
  readonly rateLimit: RateLimit;
  /** Per browser token and client IP. */
  readonly browserRateLimit: RateLimit;
  /** Put the client IP into events' context. */
  readonly captureIp: boolean;
  readonly unavailableRetryMs: number;
  /** Per WebSocket / Comet connection. */
  readonly maxInFlightBatches: number;
  readonly maxInFlightBytes: number;
}

/** What every transport shares: authentication with metrics, the sender, the batch pipeline. */
export interface Edge {
  readonly options: EdgeOptions;
  readonly metrics: IngestMetrics;
  readonly live: LiveConnections;
  authenticate(credentials: Credentials, transport: Transport): Promise<Authenticated>;
  senderOf(
    token: Extract<Authenticated, { ok: true }>,
    transport: Transport,
    request: { ip: string; userAgent?: string },
  ): Sender;
  handle(input: BatchInput, auth: Extract<Authenticated, { ok: true }>, sender: Sender): Promise<BatchResult>;
}

export function createEdge(deps: {
  readonly options: EdgeOptions;
  readonly verifier: Pick<TokenVerifier, 'verify'>;
  readonly service: IngestService;
  readonly newId: (receivedAt: number) => string;
  readonly metrics: IngestMetrics;
  readonly live: LiveConnections;
  readonly clock: () => number;
}): Edge {
  const { options, metrics } = deps;
  const serverLimiter = createRateLimiter(options.rateLimit, deps.clock);
  const browserLimiter = createRateLimiter(options.browserRateLimit, deps.clock);
  const handlerDeps: BatchHandlerDeps = {
    service: deps.service,
    newId: deps.newId,
    clock: deps.clock,
    limits: options.limits,
    unavailableRetryMs: options.unavailableRetryMs,
    rateLimit: (auth, cost) => (auth.browser ? browserLimiter : serverLimiter).take(auth.rateKey, cost),
  };
  return {
    options,
    metrics,
    live: deps.live,
    async authenticate(credentials, transport) {
      const auth = await authenticate(deps.verifier, credentials);
      if (!auth.ok) metrics.unauthenticated.inc({ transport, code: auth.failure.code });
      return auth;
    },
    senderOf(auth, transport, request) {
      return {
        tenant: auth.token.tenant,
        transport,
        ...(request.userAgent ? { userAgent: request.userAgent } : {}),
        ...(options.captureIp ? { ip: request.ip } : {}),
      };
    },
    async handle(input, auth, sender) {
      metrics.inFlightBatches.inc({ transport: sender.transport });
      try {
        return await handleBatch(handlerDeps, input, auth, sender);
      } finally {
        metrics.inFlightBatches.dec({ transport: sender.transport });
      }
    },
  };
}
