// The whole local stack, shared by `npm start` and `npm test`: engines, migrations, then the apps as
// child processes whose output is prefixed with their name.
import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { engineConfigFrom, engineEnvSchema, parseEnv } from '@tidemark/core';
import { type Audience, createTokenIssuer, defaultIssuer } from '@tidemark/core/auth';
import {
  createCassandraClient,
  createCassandraIssuedTokenStore,
  createCassandraSigningKeyStore,
} from '@tidemark/core/cassandra';
import { migrate } from '@tidemark/core/migrate';
import { parseEnginesEnv } from '@tidemark/engines/env';
import { createLauncher } from '@tidemark/engines/launcher';

export const root = resolve(import.meta.dirname, '..');
const nextBin = join(root, 'node_modules/next/dist/bin/next');

export const ports = {
  ingest: Number(process.env.INGEST_PORT ?? 8080),
  warehouse: Number(process.env.WAREHOUSE_PORT ?? 8081),
  replay: Number(process.env.REPLAY_PORT ?? 8082),
  projector: Number(process.env.PROJECTOR_PORT ?? 8083),
  web: Number(process.env.WEB_PORT ?? 3000),
};

export const urls = {
  ingest: `http://127.0.0.1:${ports.ingest}`,
  warehouse: `http://127.0.0.1:${ports.warehouse}`,
  replay: `http://127.0.0.1:${ports.replay}`,
  projector: `http://127.0.0.1:${ports.projector}`,
  web: `http://127.0.0.1:${ports.web}`,
};

export function say(line: string): void {
  console.log(`tidemark: ${line}`);
}

/** Starts the engines that are not already healthy; returns a function that stops the ones it started. */
export async function upEngines(): Promise<() => Promise<void>> {
  const launcher = createLauncher(parseEnginesEnv(), (line) => console.log(line));
  const started = await launcher.up();
  return async () => {
    if (started.length === 0) return;
    say(`stopping engines started by this run: ${started.join(', ')}`);
    await launcher.down(started);
  };
}

export async function migrateEngines(): Promise<void> {
  const report = await migrate(engineConfigFrom(parseEnv(engineEnvSchema, process.env)));
  say(
    `migrated: topics created [${report.topicsCreated.join(', ')}], cassandra versions applied [${report.cassandraVersionsApplied.join(', ')}], index template ${report.indexTemplate}`,
  );
}

/** Fresh tokens for a demo tenant, so that a new user can post events and sign in right away. */
export async function mintStartTokens(tenant: string): Promise<Record<Audience, string>> {
  const engines = engineConfigFrom(parseEnv(engineEnvSchema, process.env));
  const client = createCassandraClient(engines.cassandra);
  try {
    const keys = createCassandraSigningKeyStore(client, { keyspace: engines.cassandra.keyspace });
    const issuer = createTokenIssuer(keys, { issuer: process.env.TIDEMARK_ISSUER ?? defaultIssuer });
    const day = 86_400;
    const registry = createCassandraIssuedTokenStore(client, { keyspace: engines.cassandra.keyspace });
    const mint = async (audience: Audience, ttlSeconds: number) => {
      const createdAt = Date.now();
      const minted = await issuer.mint({ tenant, audience, ttlSeconds });
      // Listed on the console's Tokens page like any other, so they can be revoked there.
      await registry.record({
        tenant,
        jti: minted.jti,
        audience,
        kid: minted.kid,
        note: 'printed by npm start',
        issuedBy: 'npm start',
        createdAt: Math.floor(createdAt / 1000) * 1000,
        expiresAt: minted.expiresAt,
      });
      return minted.token;
    };
    const [ingest, query, admin] = await Promise.all([
      mint('ingest', 30 * day),
      mint('query', 7 * day),
      mint('admin', 1 * day),
    ]);
    return { ingest, query, admin };
  } finally {
    await client.shutdown();
  }
}

export async function buildWeb(): Promise<void> {
  say('building the console (next build)…');
  await new Promise<void>((done, fail) => {
    const child = spawn(process.execPath, [nextBin, 'build'], {
      cwd: join(root, 'apps/web'),
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    prefixOutput(child, 'web build');
    child.once('error', fail);
    child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`next build exited with ${code}`))));
  });
}

interface App {
  readonly name: string;
  readonly child: ChildProcess;
  readonly readyUrl: string;
}

/** Starts ingest, the warehouse, replay and projector workers and web, and waits until each answers its readiness URL. */
export async function startApps(extraEnv: Record<string, string> = {}): Promise<() => Promise<void>> {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...extraEnv };
  const apps: App[] = [
    {
      name: 'ingest',
      child: spawn(process.execPath, ['src/main.ts'], {
        cwd: join(root, 'apps/ingest'),
        env: { ...env, INGEST_PORT: String(ports.ingest) },
      }),
      readyUrl: `${urls.ingest}/readyz`,
    },
    ...(['warehouse', 'replay', 'projector'] as const).map((role) => ({
      // One process per role: each is its own consumer group and scales on its own.
      name: role,
      child: spawn(process.execPath, ['src/main.ts'], {
        cwd: join(root, 'apps/workers'),
        env: { ...env, TM_ROLE: role, WORKERS_PORT: String(ports[role]) },
      }),
      readyUrl: `${urls[role]}/readyz`,
    })),
    {
      // Next behind its own server (which upgrades the live WebSocket), not an npm wrapper: a signal to a
      // wrapper leaves the server running.
      name: 'web',
      child: spawn(process.execPath, ['server.ts'], {
        cwd: join(root, 'apps/web'),
        env: { ...env, WEB_PORT: String(ports.web) },
      }),
      readyUrl: `${urls.web}/api/health`,
    },
  ];
  const stop = async () => {
    await Promise.all(apps.map(stopApp));
  };
  try {
    for (const app of apps) prefixOutput(app.child, app.name);
    await Promise.all(apps.map(waitReady));
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}

async function waitReady(app: App): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (app.child.exitCode !== null)
      throw new Error(`${app.name} exited with ${app.child.exitCode} during start-up`);
    try {
      if ((await fetch(app.readyUrl, { signal: AbortSignal.timeout(3000) })).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`${app.name} was not ready at ${app.readyUrl} within 120 s`);
}

async function stopApp(app: App): Promise<void> {
  if (app.child.exitCode !== null || app.child.signalCode !== null) return;
  const exited = new Promise((done) => app.child.once('exit', done));
  app.child.kill('SIGTERM');
  const timer = setTimeout(() => app.child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

function prefixOutput(child: ChildProcess, name: string): void {
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) console.log(`[${name}] ${line}`);
    });
  }
}
