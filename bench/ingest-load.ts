// Load generators for the ingest benchmark: one per transport, each measuring accepted events and the
// latency from sending a request or frame to its acknowledgement.
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { defaultIngestLimits, newUuidV7, normalizeEvent } from '@tidemark/core';
import { encodeTrackedEvent } from '@tidemark/proto';
import { WebSocket } from 'ws';

export const userAgent = 'tidemark-bench/1';

/** What one load run achieved. `seconds` runs from the first send to the last acknowledgement. */
export interface LoadResult {
  readonly events: number;
  readonly seconds: number;
  /** One per request, frame or line: send to acknowledgement, ms. */
  readonly latenciesMs: readonly number[];
  /** Requests or frames that were not fully accepted (non-200, refused, rejected events, lost). */
  readonly failures: number;
  readonly firstFailure: string | undefined;
}

export interface Target {
  readonly baseUrl: string;
  readonly token: string;
}

/** Makes JSON events whose protobuf on the event topic is about `recordSize` bytes, each with a fresh UUIDv7. */
export interface EventFactory {
  /** The protobuf size of one event as ingest writes it to Kafka (value only; key and headers aside). */
  readonly encodedBytes: number;
  /** The JSON size of one event. */
  readonly jsonBytes: number;
  /** One event as a JSON object text. */
  event(): string;
  /** `count` events, comma-separated (the inside of a JSON array). */
  events(count: number): string;
}

export function createEventFactory(recordSize: number, tenant: string): EventFactory {
  const shape = (fillerLength: number) => ({
    name: 'page_viewed',
    anonymous_id: 'anon-4f1c2a9e7b3d',
    session_id: 'sess-0b8e5d21c6a4',
    properties: {
      path: '/pricing/enterprise',
      referrer: 'https://www.example.com/blog/analytics-pipelines',
      plan: 'pro',
      items: 3,
      logged_in: true,
      filler: 'x'.repeat(fillerLength),
    },
    context: { sdk: { name: 'tidemark-bench', version: '1.0.0' } },
  });
  const encodedSize = (fillerLength: number) => {
    const raw = { id: newUuidV7(Date.now()), ...shape(fillerLength) };
    const normalized = normalizeEvent(raw, {
      tenant,
      receivedAt: Date.now(),
      transport: 'http',
      userAgent,
      limits: defaultIngestLimits,
      newId: newUuidV7,
    });
    if (!normalized.ok) throw new Error(`bench event rejected: ${normalized.rejection.message}`);
    return encodeTrackedEvent(normalized.event).byteLength;
  };
  // Start from the linear estimate and shrink until the encoded event fits (varint length prefixes grow).
  let filler = Math.max(0, recordSize - encodedSize(0));
  while (filler > 0 && encodedSize(filler) > recordSize) filler -= 1;
  const prefix = '{"id":"';
  const suffix = `",${JSON.stringify(shape(filler)).slice(1)}`;
  const idsFor = (count: number) => {
    const random = randomBytes(16 * count);
    const now = Date.now();
    return Array.from({ length: count }, (_, i) => newUuidV7(now, random.subarray(i * 16, i * 16 + 16)));
  };
  const events = (count: number) => `${prefix}${idsFor(count).join(`${suffix},${prefix}`)}${suffix}`;
  return {
    encodedBytes: encodedSize(filler),
    jsonBytes: Buffer.byteLength(events(1)),
    event: () => events(1),
    events,
  };
}

/** Collects acknowledgements and failures of one run. */
function createTally() {
  const latenciesMs: number[] = [];
  let events = 0;
  let failures = 0;
  let firstFailure: string | undefined;
  return {
    ack(latencyMs: number, accepted: number) {
      latenciesMs.push(latencyMs);
      events += accepted;
    },
    fail(description: string) {
      failures += 1;
      firstFailure ??= description;
    },
    result(seconds: number): LoadResult {
      return { events, seconds, latenciesMs, failures, firstFailure };
    },
  };
}

type Tally = ReturnType<typeof createTally>;

/** Checks an `{accepted, rejected}` answer (HTTP body or ack frame) and counts it. */
function count(tally: Tally, latencyMs: number, expected: number, answer: unknown, status = 200): void {
  const { accepted, type } = (answer ?? {}) as { accepted?: unknown; type?: unknown };
  if (status === 200 && (type === undefined || type === 'ack') && accepted === expected) {
    tally.ack(latencyMs, expected);
    return;
  }
  if (typeof accepted === 'number' && accepted > 0) tally.ack(latencyMs, accepted);
  tally.fail(`status ${status}: ${JSON.stringify(answer).slice(0, 300)}`);
}

function post(
  agent: Agent,
  target: Target,
  path: string,
  body: string,
): Promise<{ status: number; body: unknown }> {
  const url = new URL(path, target.baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        agent,
        method: 'POST',
        headers: {
          authorization: `Bearer ${target.token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': userAgent,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.once('error', reject);
        response.once('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) });
          } catch {
            resolve({ status: response.statusCode ?? 0, body: text });
          }
        });
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

export interface ClosedLoopOptions {
  readonly durationMs: number;
  /** Requests kept in flight, each on its own keep-alive connection. */
  readonly concurrency: number;
  /** 1 sends a bare event object; more send `{events:[…]}`. */
  readonly eventsPerRequest: number;
  readonly factory: EventFactory;
}

/** POST /v1/events as fast as the server answers, with `concurrency` requests in flight. */
export async function closedLoopPosts(target: Target, options: ClosedLoopOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const tally = createTally();
  const started = performance.now();
  const deadline = started + options.durationMs;
  const n = options.eventsPerRequest;
  const worker = async () => {
    while (performance.now() < deadline) {
      const body = n === 1 ? options.factory.event() : `{"events":[${options.factory.events(n)}]}`;
      const sent = performance.now();
      try {
        const answer = await post(agent, target, '/v1/events', body);
        count(tally, performance.now() - sent, n, answer.body, answer.status);
      } catch (error) {
        tally.fail((error as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return tally.result(seconds);
}

export interface PacedOptions {
  readonly durationMs: number;
  readonly eventsPerSecond: number;
  readonly eventsPerRequest: number;
  readonly factory: EventFactory;
}

/**
 * Open loop: POST /v1/events on a fixed schedule (eventsPerSecond / eventsPerRequest requests a second),
 * whether or not earlier requests have been answered. Latency runs from each request's scheduled time, so
 * a send delayed by the load generator itself counts against the server rather than hiding (no
 * coordinated omission).
 */
export async function pacedPosts(target: Target, options: PacedOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const tally = createTally();
  const intervalMs = (1000 * options.eventsPerRequest) / options.eventsPerSecond;
  const started = performance.now();
  const total = Math.max(1, Math.floor(options.durationMs / intervalMs));
  const pending = new Set<Promise<void>>();
  for (let k = 0; k < total; k++) {
    const due = started + k * intervalMs;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const body = `{"events":[${options.factory.events(options.eventsPerRequest)}]}`;
    const done: Promise<void> = post(agent, target, '/v1/events', body)
      .then(
        (answer) =>
          count(tally, performance.now() - due, options.eventsPerRequest, answer.body, answer.status),
        (error: unknown) => tally.fail((error as Error).message),
      )
      .finally(() => pending.delete(done));
    pending.add(done);
  }
  await Promise.all(pending);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return tally.result(seconds);
}

export interface PipelinedOptions {
  readonly durationMs: number;
  /** WebSocket connections or Comet streams. */
  readonly connections: number;
  /** Frames or lines awaiting their ack per connection (the server reads at most 16 ahead). */
  readonly window: number;
  readonly eventsPerBatch: number;
  readonly factory: EventFactory;
  /** How long to wait for the last acks after the duration. */
  readonly drainTimeoutMs?: number;
}

/**
 * One pipelined connection: keeps `window` `{seq, events}` batches unacknowledged, sends the next one on
 * each ack until the deadline, then waits for the rest. `send` writes a batch; `connect` wires `onAck`.
 */
async function pipeline(
  options: PipelinedOptions,
  tally: Tally,
  deadline: number,
  io: {
    send(batch: string): void;
    finish(): void;
    /** Resolves when the connection is gone; rejects if it went before every ack came. */
    closed: Promise<void>;
  },
  acks: { on(listener: (frame: unknown) => void): void },
): Promise<void> {
  const sentAt = new Map<number, number>();
  let seq = 0;
  let finished = false;
  const drainTimeoutMs = options.drainTimeoutMs ?? 30_000;
  let drainTimer: NodeJS.Timeout | undefined;
  const finish = () => {
    if (finished) return;
    finished = true;
    clearTimeout(drainTimer);
    for (const _ of sentAt) tally.fail('no ack before the connection ended');
    sentAt.clear();
    io.finish();
  };
  const sendNext = () => {
    seq += 1;
    sentAt.set(seq, performance.now());
    io.send(`{"seq":${seq},"events":[${options.factory.events(options.eventsPerBatch)}]}`);
  };
  acks.on((frame) => {
    const ackSeq = (frame as { seq?: unknown }).seq;
    const sent = typeof ackSeq === 'number' ? sentAt.get(ackSeq) : undefined;
    if (sent === undefined) {
      tally.fail(`unexpected frame ${JSON.stringify(frame).slice(0, 200)}`);
      return;
    }
    sentAt.delete(ackSeq as number);
    count(tally, performance.now() - sent, options.eventsPerBatch, frame);
    if (performance.now() < deadline) sendNext();
    else if (sentAt.size === 0) finish();
  });
  // Past the deadline nothing new is sent; the last acks get drainTimeoutMs to arrive.
  const stop = setTimeout(
    () => {
      if (sentAt.size === 0) finish();
      else drainTimer = setTimeout(finish, drainTimeoutMs);
    },
    Math.max(0, deadline - performance.now()),
  );
  for (let i = 0; i < options.window; i++) sendNext();
  await io.closed.catch((error: unknown) => tally.fail((error as Error).message));
  clearTimeout(stop);
  finish();
}

/** `{seq, events}` JSON text frames over GET /v1/ws, `window` unacknowledged per connection. */
export async function webSocketBatches(target: Target, options: PipelinedOptions): Promise<LoadResult> {
  const tally = createTally();
  const sockets = await Promise.all(
    Array.from({ length: options.connections }, async () => {
      const url = `${target.baseUrl.replace(/^http/, 'ws')}/v1/ws`;
      // The token goes in the header as a server SDK sends it: a token in the URL is browser traffic, which
      // ingest rate-limits per client IP (INGEST_BROWSER_RATE_*).
      const socket = new WebSocket(url, {
        perMessageDeflate: false,
        headers: { authorization: `Bearer ${target.token}`, 'user-agent': userAgent },
      });
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
      return socket;
    }),
  );
  const started = performance.now();
  const deadline = started + options.durationMs;
  await Promise.all(
    sockets.map((socket) => {
      const closed = new Promise<void>((resolve, reject) => {
        socket.once('close', (code, reason) =>
          code === 1000 || code === 1005
            ? resolve()
            : reject(new Error(`websocket closed ${code} ${reason}`)),
        );
      });
      return pipeline(
        options,
        tally,
        deadline,
        { send: (batch) => socket.send(batch), finish: () => socket.close(1000), closed },
        { on: (listener) => socket.on('message', (data) => listener(JSON.parse(String(data)))) },
      );
    }),
  );
  return tally.result((performance.now() - started) / 1000);
}

/** Comet streaming: one chunked POST /v1/stream per connection, NDJSON batches in, NDJSON acks out. */
export async function cometStreams(target: Target, options: PipelinedOptions): Promise<LoadResult> {
  const tally = createTally();
  const agent = new Agent({ keepAlive: false, maxSockets: options.connections });
  const started = performance.now();
  const deadline = started + options.durationMs;
  await Promise.all(
    Array.from({ length: options.connections }, () => {
      const listeners: ((frame: unknown) => void)[] = [];
      const req = request(new URL('/v1/stream', target.baseUrl), {
        agent,
        method: 'POST',
        headers: {
          authorization: `Bearer ${target.token}`,
          'content-type': 'application/x-ndjson',
          'transfer-encoding': 'chunked',
          'user-agent': userAgent,
        },
      });
      const closed = new Promise<void>((resolve, reject) => {
        req.once('error', reject);
        req.once('response', (response) => {
          if (response.statusCode !== 200) {
            reject(new Error(`comet stream answered ${response.statusCode}`));
            response.resume();
            return;
          }
          let buffered = '';
          response.setEncoding('utf8');
          response.on('data', (text: string) => {
            buffered += text;
            let newline = buffered.indexOf('\n');
            while (newline >= 0) {
              const line = buffered.slice(0, newline);
              buffered = buffered.slice(newline + 1);
              if (line.trim() !== '') for (const listener of listeners) listener(JSON.parse(line));
              newline = buffered.indexOf('\n');
            }
          });
          response.once('end', resolve);
          response.once('error', reject);
        });
      });
      req.flushHeaders();
      return pipeline(
        options,
        tally,
        deadline,
        { send: (batch) => req.write(`${batch}\n`), finish: () => req.end(), closed },
        { on: (listener) => listeners.push(listener) },
      );
    }),
  );
  agent.destroy();
  return tally.result((performance.now() - started) / 1000);
}
