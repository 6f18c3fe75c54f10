// A scratch Tidemark stack for the freshness and query benchmarks: a namespace, keyspace and view-index prefix
// of its own, the apps as child processes on spare ports, tokens, and removal of everything it made.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type EngineConfig, engineConfigFrom, engineEnvSchema, parseEnv } from '@tidemark/core';
import { createTokenIssuer, defaultIssuer } from '@tidemark/core/auth';
import { createCassandraClient, createCassandraSigningKeyStore } from '@tidemark/core/cassandra';
import { createKafka } from '@tidemark/core/kafka';
import { migrate } from '@tidemark/core/migrate';
import { createOpenSearchClient } from '@tidemark/core/opensearch';

const run = promisify(execFile);
export const root = join(import.meta.dirname, '..');

export interface Scratch {
  /** The variables every process of this stack gets. */
  readonly env: Record<string, string>;
  readonly engines: EngineConfig;
}

/**
 * Names of a scratch deployment: `bench-<kind>-<stamp>` topics and groups, keyspace `bench_<kind>_<stamp>`,
 * view indices `bench-<kind>-<stamp>-views-…` (an index template pattern that overlaps no one else's).
 */
export function scratch(kind: string, stamp = Date.now().toString(36)): Scratch {
  const env = {
    TIDEMARK_NAMESPACE: `bench-${kind}-${stamp}`,
    CASSANDRA_KEYSPACE: `bench_${kind}_${stamp}`.replaceAll('-', '_'),
    OPENSEARCH_VIEW_PREFIX: `bench-${kind}-${stamp}-views`,
  };
  return { env, engines: engineConfigFrom(parseEnv(engineEnvSchema, { ...process.env, ...env })) };
}

export interface Service {
  readonly name: string;
  readonly pid: number | undefined;
  readonly baseUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts `node <script>` in `cwd` and resolves once `readyPath` answers 200. Its output goes to stderr, so
 * that the benchmark's table alone is on stdout.
 */
export async function startService(options: {
  readonly name: string;
  readonly cwd: string;
  readonly script: string;
  readonly port: number;
  readonly readyPath: string;
  readonly env: Record<string, string>;
  readonly nodeArgs?: readonly string[];
  readonly readyTimeoutMs?: number;
}): Promise<Service> {
  // Someone else's process on the port would answer the readiness check in our service's place.
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () =>
      reject(new Error(`port ${options.port} for ${options.name} is taken: pick another`)),
    );
    probe.listen(options.port, '127.0.0.1', () => probe.close(() => resolve()));
  });
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.script], {
    cwd: options.cwd,
    env: { ...process.env, LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (chunk: Buffer) =>
    process.stderr.write(
      chunk
        .toString()
        .split('\n')
        .filter(Boolean)
        .map((line) => `[${options.name}] ${line}\n`)
        .join(''),
    );
  child.stdout?.on('data', prefix);
  child.stderr?.on('data', prefix);
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(`code ${code}, signal ${signal}`)),
  );
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const service: Service = {
    name: options.name,
    pid: child.pid,
    baseUrl,
    stop: () => stopChild(child, exited),
  };
  let exit: string | undefined;
  void exited.then((why) => {
    exit = why;
  });
  const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (exit !== undefined) throw new Error(`${options.name} exited (${exit}) before it was ready`);
    try {
      const response = await fetch(`${baseUrl}${options.readyPath}`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return service;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await service.stop();
  throw new Error(`${options.name} at ${baseUrl} not ready: ${last}`);
}

async function stopChild(child: ChildProcess, exited: Promise<string>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

export const ingestService = (s: Scratch, port: number) =>
  startService({
    name: 'ingest',
    cwd: join(root, 'apps/ingest'),
    script: 'src/main.ts',
    port,
    readyPath: '/readyz',
    env: {
      ...s.env,
      INGEST_HOST: '127.0.0.1',
      INGEST_PORT: String(port),
      INGEST_RATE_PER_SECOND: '10000000',
      INGEST_RATE_BURST: '10000000',
    },
  });

export const workerService = (s: Scratch, role: 'warehouse' | 'projector', port: number) =>
  startService({
    name: role,
    cwd: join(root, 'apps/workers'),
    script: 'src/main.ts',
    port,
    readyPath: '/readyz',
    env: { ...s.env, TM_ROLE: role, WORKERS_HOST: '127.0.0.1', WORKERS_PORT: String(port) },
  });

/** `next build` into a directory of its own, so that it never disturbs a build someone else serves. */
export async function buildWeb(distDir: string): Promise<number> {
  const started = performance.now();
  await run(process.execPath, [join(root, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: join(root, 'apps/web'),
    env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: '1' },
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: Error & { stdout?: string; stderr?: string }) => {
    throw new Error(`next build failed:\n${error.stdout ?? ''}\n${error.stderr ?? ''}`, { cause: error });
  });
  return (performance.now() - started) / 1000;
}

export const webService = (
  s: Scratch,
  port: number,
  distDir: string,
  extra: { readonly name?: string; readonly env?: Record<string, string> } = {},
) =>
  startService({
    name: extra.name ?? 'web',
    cwd: join(root, 'apps/web'),
    script: 'server.ts',
    port,
    readyPath: '/api/health',
    env: { ...s.env, NEXT_DIST_DIR: distDir, WEB_PORT: String(port), WEB_HOST: '127.0.0.1', ...extra.env },
  });

/** Query and ingest tokens of `tenant`, signed with the scratch keyspace's keys (as e2e/query-api.spec.ts). */
export async function mintTokens(s: Scratch, tenant: string): Promise<{ ingest: string; query: string }> {
  const cassandra = createCassandraClient(s.engines.cassandra);
  try {
    const issuer = createTokenIssuer(
      createCassandraSigningKeyStore(cassandra, { keyspace: s.engines.cassandra.keyspace }),
      { issuer: defaultIssuer },
    );
    const ingest = await issuer.mint({ tenant, audience: 'ingest', ttlSeconds: 86_400 });
    const query = await issuer.mint({ tenant, audience: 'query', ttlSeconds: 86_400 });
    return { ingest: ingest.token, query: query.token };
  } finally {
    await cassandra.shutdown();
  }
}

/** Deletes the scratch topics, consumer groups, keyspace, view indices and index template; best effort. */
export async function removeScratch(s: Scratch): Promise<void> {
  const { engines } = s;
  const admin = createKafka({ brokers: engines.kafkaBrokers, clientId: 'tidemark-bench' }).admin();
  const cassandra = createCassandraClient({ ...engines.cassandra, keyspace: undefined });
  const opensearch = createOpenSearchClient(engines.opensearch);
  const prefix = engines.opensearch.viewPrefix;
  const namespace = s.env.TIDEMARK_NAMESPACE ?? '';
  try {
    await admin.connect();
    const groups = (await admin.listGroups()).groups
      .map((group) => group.groupId)
      .filter((id) => id.startsWith(`${namespace}-`));
    if (groups.length > 0) await admin.deleteGroups(groups).catch(() => {});
    await admin.deleteTopics({ topics: Object.values(engines.names.topics) }).catch(() => {});
  } catch {}
  await cassandra.execute(`DROP KEYSPACE IF EXISTS ${engines.cassandra.keyspace}`).catch(() => {});
  try {
    const { body } = await opensearch.cat.indices({ index: `${prefix}-*`, format: 'json' });
    const names = (body as unknown as { index: string }[])
      .map((entry) => entry.index)
      .filter((name) => name.startsWith(`${prefix}-`));
    if (names.length > 0) await opensearch.indices.delete({ index: names.join(',') });
    await opensearch.indices.deleteIndexTemplate({ name: prefix }).catch(() => {});
  } catch {}
  await Promise.allSettled([admin.disconnect(), cassandra.shutdown(), opensearch.close()]);
}

/** `migrate`, retried: on a machine this busy, Cassandra schema changes sometimes time out once or twice. */
export async function migrateScratch(s: Scratch, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await migrate(s.engines);
      return;
    } catch (error) {
      if (attempt >= attempts || !(error as { retriable?: boolean }).retriable) throw error;
      console.error(`migrate failed (${(error as Error).message}); retrying`);
      await new Promise((resolve) => setTimeout(resolve, 2000 * attempt));
    }
  }
}
