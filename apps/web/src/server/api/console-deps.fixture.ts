import { type Audience, createTokenIssuer, createTokenVerifier } from '@tidemark/core/auth';
import {
  createMemoryIssuedTokenStore,
  createMemoryReplayJobStore,
  createMemoryRevocationStore,
  createMemorySeriesStore,
  createMemorySigningKeyStore,
  createMemoryViewStore,
} from '@tidemark/core/testing';
import { TRPCError } from '@trpc/server';
import { afterEach } from 'vitest';
import { type AuthResult, authenticateWith } from '../auth/authenticate.ts';
import { createSessionCodec } from '../auth/session.ts';
import type { ConsoleDeps } from '../context.ts';
import { filterInvalidEvents } from './pipeline/invalid-events.ts';
import type { InvalidEventView, OffsetTotals, PipelineMonitor } from './pipeline/pipeline-monitor.ts';
import { createThroughputSampler } from './pipeline/throughput.ts';
import { createCaller } from './root.ts';
import type { Context } from './trpc.ts';

export const consoleOrigin = 'http://console.test';

/** A fake pipeline: fixed topics and lag, settable offset totals and invalid events. */
export function createFakePipeline() {
  const state = {
    totals: {
      at: 0,
      produced: { events: 0, replay: 0, invalid: 0, seriesUpdates: 0 },
      warehoused: 0,
      projected: 0,
    } as OffsetTotals,
    invalid: [] as InvalidEventView[],
  };
  const monitor: PipelineMonitor = {
    async health() {
      return [{ engine: 'kafka', ok: true, latencyMs: 3, detail: '1 broker' }];
    },
    async topics() {
      return [
        {
          topic: 'tidemark.events',
          role: 'events',
          partitions: [{ partition: 0, leader: 1, replicas: 1, inSync: 1, low: 0, high: 10 }],
        },
      ];
    },
    async lag() {
      return [
        {
          group: 'tidemark-warehouse',
          state: 'Stable',
          members: 1,
          topics: [
            {
              topic: 'tidemark.events',
              lag: 4,
              partitions: [{ partition: 0, committed: 6, end: 10, lag: 4 }],
            },
          ],
          lag: 4,
        },
      ];
    },
    async offsetTotals() {
      return state.totals;
    },
    async invalidEvents(filter) {
      return filterInvalidEvents(state.invalid, filter, 'live', 200);
    },
  };
  return { state, monitor };
}

/** ConsoleDeps on in-memory stores and a settable clock; the verifier reloads every 20 ms. */
export async function createTestConsole() {
  let now = Date.parse('2030-01-01T00:00:00Z');
  const clock = () => now;
  const keys = createMemorySigningKeyStore({ clock });
  const revocations = createMemoryRevocationStore({ clock });
  const verifier = createTokenVerifier({ keys, revocations, issuer: 'tidemark', clock, refreshMs: 20 });
  const pipeline = createFakePipeline();
  const deps: ConsoleDeps = {
    clock,
    keys,
    revocations,
    verifier,
    issuer: createTokenIssuer(keys, { issuer: 'tidemark', clock }),
    sessions: createSessionCodec({ keys, issuer: 'tidemark', ttlMs: 8 * 3_600_000, clock }),
    registry: createMemoryIssuedTokenStore(),
    replayJobs: createMemoryReplayJobStore(),
    views: createMemoryViewStore(),
    series: createMemorySeriesStore(),
    pipeline: pipeline.monitor,
    throughput: createThroughputSampler(() => pipeline.monitor.offsetTotals(), {
      clock,
      minIntervalMs: 1000,
    }),
    allowedOrigins: [],
  };
  await keys.current();
  await verifier.start();

  const mint = async (tenant: string, audience: Audience, ttlSeconds = 3600) =>
    deps.issuer.mint({ tenant, audience, ttlSeconds });

  /** Headers of a browser request from the console's own page. */
  const browserHeaders = (extra: Record<string, string> = {}) =>
    new Headers({ host: 'console.test', origin: consoleOrigin, ...extra });

  const contextOf = async (headers: Headers): Promise<Context> => {
    const auth: AuthResult = await authenticateWith(deps, headers);
    const origin = headers.get('origin');
    return {
      deps,
      principal: auth.ok ? auth.principal : undefined,
      ...(auth.ok ? {} : { authProblem: auth.message }),
      sameOrigin:
        origin === null ? headers.get('sec-fetch-site') === 'same-origin' : origin === consoleOrigin,
    };
  };

  /** A caller authenticated with `Authorization: Bearer <token>` (no Origin, as a script would send). */
  const callerWithToken = async (token: string) =>
    createCaller(await contextOf(new Headers({ authorization: `Bearer ${token}` })));

  const callerWithHeaders = async (headers: Headers) => createCaller(await contextOf(headers));

  return {
    deps,
    pipeline,
    mint,
    browserHeaders,
    callerWithToken,
    callerWithHeaders,
    advance(ms: number) {
      now += ms;
    },
    now: clock,
    stop: () => verifier.stop(),
  };
}

/** A fresh console for each test that asks for one, stopped after the test. */
export function consolePerTest(): () => Promise<TestConsole> {
  let current: TestConsole | undefined;
  afterEach(() => current?.stop());
  return async () => {
    current = await createTestConsole();
    return current;
  };
}

export type TestConsole = Awaited<ReturnType<typeof createTestConsole>>;

/** The tRPC error a call ends with (`OK` when it succeeds). */
export async function errorOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, message: error.message };
    throw error;
  }
  return { code: 'OK', message: '' };
}

export async function codeOf(promise: Promise<unknown>): Promise<string> {
  return (await errorOf(promise)).code;
}
