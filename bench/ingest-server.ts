// The ingest service under test, in a process of its own, and the token the load is sent with.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..');

export interface IngestServer {
  readonly baseUrl: string;
  /** The server's pid when this process started it; undefined for a server started elsewhere. */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

export interface StartIngestOptions {
  readonly port: number;
  /** Extra node flags for the server, such as `--cpu-prof --cpu-prof-dir=/tmp/prof`. */
  readonly nodeArgs: readonly string[];
  readonly readyTimeoutMs: number;
  /** Extra environment for the server, such as a scratch TIDEMARK_NAMESPACE. */
  readonly env?: Readonly<Record<string, string>>;
  /** A file for the server's stdout (for instance `--trace-gc` lines); dropped when unset. */
  readonly stdoutFile?: string;
}

/**
 * Starts `apps/ingest/src/main.ts` as a child process with rate limits out of the way, and resolves once
 * /readyz answers 200. Its stderr is passed through (LOG_LEVEL=warn, so only trouble shows).
 */
export async function startIngestServer(options: StartIngestOptions): Promise<IngestServer> {
  // Another process on the port would answer /readyz in our server's place (and refuse our token).
  await assertPortFree(options.port);
  const child = spawn(process.execPath, [...options.nodeArgs, 'src/main.ts'], {
    cwd: join(root, 'apps/ingest'),
    env: {
      ...process.env,
      INGEST_HOST: '127.0.0.1',
      INGEST_PORT: String(options.port),
      INGEST_RATE_PER_SECOND: '10000000',
      INGEST_RATE_BURST: '10000000',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', options.stdoutFile ? openSync(options.stdoutFile, 'w') : 'ignore', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const server: IngestServer = { baseUrl, pid: child.pid, stop: () => stopChild(child, exited) };
  try {
    await waitUntilReady(baseUrl, options.readyTimeoutMs, exited);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`port ${port} is in use by another process: pass --port with a free one`)
          : error,
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/** A server started by someone else: nothing to stop, no pid to sample. */
export function externalIngestServer(baseUrl: string): IngestServer {
  return { baseUrl: baseUrl.replace(/\/$/, ''), pid: undefined, stop: async () => {} };
}

export async function waitUntilReady(
  baseUrl: string,
  timeoutMs: number,
  exited?: Promise<number | null>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  exited?.then((code) => {
    exitCode = code;
  });
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`ingest exited with code ${exitCode} before it was ready`);
    try {
      const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`ingest at ${baseUrl} not ready after ${timeoutMs} ms: ${last}`);
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Mints an ingest token for `tenant` with the project's CLI (scripts/token.ts); stdout is the token. */
export async function mintIngestToken(tenant: string): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    ['scripts/token.ts', 'mint', '--tenant', tenant, '--aud', 'ingest', '--ttl', '1d'],
    { cwd: root },
  ).catch((error: Error & { stderr?: string }) => {
    throw new Error(`npm run token -- mint failed: ${error.stderr?.trim() || error.message}`, {
      cause: error,
    });
  });
  const token = stdout.trim();
  if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) throw new Error(`token mint printed no JWT: ${stdout}`);
  return token;
}

/** CPU seconds (user + system) a process has used so far, from /proc; undefined where there is none. */
export function processCpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14, 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks / clockTicksPerSecond : undefined;
  } catch {
    return undefined;
  }
}

/** Peak resident set size of a live process (VmHWM), MiB. */
export function peakRssMiB(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
    return line ? Number(line[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

// USER_HZ is 100 on every Linux that Node supports; `getconf CLK_TCK` would say otherwise.
const clockTicksPerSecond = 100;

/** CPU seconds the whole machine has been busy (all cores, everything but idle and iowait), from /proc/stat. */
export function machineBusySeconds(): number | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8')
      .split('\n', 1)[0]
      ?.trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    if (!fields || fields.length < 5) return undefined;
    const total = fields.reduce((sum, value) => sum + value, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return (total - idle) / clockTicksPerSecond;
  } catch {
    return undefined;
  }
}
