import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createCassandraEngine } from './cassandra.ts';
import type { Engine, EngineName, EnginePaths } from './engine.ts';
import type { EnginesEnv } from './env.ts';
import { createKafkaEngine } from './kafka.ts';
import { createOpenSearchEngine } from './opensearch.ts';
import {
  isAlive,
  isListening,
  readPid,
  removeFile,
  spawnDetached,
  stopProcess,
  tailFile,
} from './processes.ts';
import { checkJava, resolveClasspath } from './toolchain.ts';

const stopGraceMs = 30_000;
const logLinesOnFailure = 50;

export interface EngineStatus {
  readonly name: EngineName;
  readonly endpoint: string;
  readonly state: 'external' | 'running' | 'starting' | 'stopped' | 'foreign';
  readonly healthy: boolean;
  readonly pid?: number;
  readonly rssMiB?: number;
}

export interface Launcher {
  readonly engines: readonly Engine[];
  /** Starts what is not already healthy; returns the engines this call started. */
  up(names?: readonly EngineName[]): Promise<EngineName[]>;
  down(names?: readonly EngineName[]): Promise<void>;
  status(): Promise<EngineStatus[]>;
  logFile(name: EngineName): string;
  /** Stops the local engines and wipes their data (jars and configs stay). */
  reset(names?: readonly EngineName[]): Promise<void>;
}

export function defaultEngines(env: EnginesEnv): Engine[] {
  return [createKafkaEngine(env, env.TIDEMARK_JAVA), createCassandraEngine(env), createOpenSearchEngine(env)];
}

export function createLauncher(
  env: EnginesEnv,
  log: (line: string) => void,
  engines: readonly Engine[] = defaultEngines(env),
): Launcher {
  const dirOf = (name: EngineName) => join(env.TIDEMARK_HOME, 'engines', name);
  const pidFileOf = (name: EngineName) => join(dirOf(name), 'engine.pid');
  const logFileOf = (name: EngineName) => join(dirOf(name), 'engine.log');
  const pick = (names?: readonly EngineName[]) =>
    engines.filter((engine) => !names || names.length === 0 || names.includes(engine.name));
  let javaChecked: Promise<void> | undefined;

  async function waitHealthy(engine: Engine, pid: number): Promise<void> {
    const deadline = Date.now() + engine.startTimeoutMs;
    while (Date.now() < deadline) {
      if (await engine.healthy()) return;
      if (!isAlive(pid)) {
        throw new Error(
          `${engine.name} exited during start-up. Last lines of ${logFileOf(engine.name)}:\n${tailFile(logFileOf(engine.name), logLinesOnFailure)}`,
        );
      }
      await sleep(500);
    }
    await stopProcess(pid, 5000);
    removeFile(pidFileOf(engine.name));
    throw new Error(
      `${engine.name} was not healthy after ${engine.startTimeoutMs / 1000} s. Last lines of ${logFileOf(engine.name)}:\n${tailFile(logFileOf(engine.name), logLinesOnFailure)}`,
    );
  }

  async function upOne(engine: Engine): Promise<boolean> {
    const say = (line: string) => log(`[${engine.name}] ${line}`);
    if (engine.external) {
      if (!(await engine.healthy()))
        throw new Error(`${engine.name}: external cluster at ${engine.external} is not healthy`);
      say(`using the external cluster at ${engine.external}`);
      return false;
    }
    const ownPid = readPid(pidFileOf(engine.name));
    if (ownPid !== undefined && isAlive(ownPid)) {
      say(`already started (pid ${ownPid}); waiting until healthy`);
      await waitHealthy(engine, ownPid);
      say(`healthy at ${engine.endpoint}`);
      return false;
    }
    if (await engine.healthy()) {
      say(`a healthy ${engine.name} already answers at ${engine.endpoint}; reusing it`);
      return false;
    }
    for (const port of engine.ports) {
      if (await isListening('127.0.0.1', port)) {
        throw new Error(
          `${engine.name}: port ${port} is taken by something that is not a healthy ${engine.name}; free it or set the port variables (see engines/README.md)`,
        );
      }
    }
    javaChecked ??= checkJava(env.TIDEMARK_JAVA);
    await javaChecked;
    const dir = dirOf(engine.name);
    mkdirSync(dir, { recursive: true });
    const lib = join(dir, 'lib');
    const classpath = await resolveClasspath(env.TIDEMARK_MVN, engine.pom, lib, say);
    const paths: EnginePaths = { dir, lib, classpath };
    await engine.prepare(paths);
    const started = Date.now();
    const pid = spawnDetached(env.TIDEMARK_JAVA, engine.javaArgs(paths), {
      cwd: dir,
      logFile: logFileOf(engine.name),
      pidFile: pidFileOf(engine.name),
    });
    say(`starting (pid ${pid}, log ${logFileOf(engine.name)})`);
    await waitHealthy(engine, pid);
    say(`healthy at ${engine.endpoint} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return true;
  }

  async function downOne(engine: Engine): Promise<void> {
    const pid = readPid(pidFileOf(engine.name));
    if (pid === undefined) return;
    const outcome = await stopProcess(pid, stopGraceMs);
    removeFile(pidFileOf(engine.name));
    if (outcome !== 'not running') log(`[${engine.name}] ${outcome} (pid ${pid})`);
  }

  async function statusOf(engine: Engine): Promise<EngineStatus> {
    const healthy = await engine.healthy();
    const base = { name: engine.name, endpoint: engine.endpoint, healthy };
    if (engine.external) return { ...base, state: 'external' };
    const pid = readPid(pidFileOf(engine.name));
    if (pid !== undefined && isAlive(pid)) {
      return { ...base, state: healthy ? 'running' : 'starting', pid, rssMiB: rssMiBOf(pid) };
    }
    return { ...base, state: healthy ? 'foreign' : 'stopped' };
  }

  return {
    engines,
    async up(names) {
      const results = await Promise.allSettled(pick(names).map(upOne));
      const failures = results.filter((result) => result.status === 'rejected');
      if (failures.length > 0)
        throw new AggregateError(
          failures.map((failure) => failure.reason),
          failures.map((failure) => String(failure.reason?.message ?? failure.reason)).join('\n\n'),
        );
      return pick(names)
        .filter((_, index) => (results[index] as PromiseFulfilledResult<boolean>).value)
        .map((engine) => engine.name);
    },
    async down(names) {
      await Promise.all(pick(names).map(downOne));
    },
    status: () => Promise.all(engines.map(statusOf)),
    logFile: logFileOf,
    async reset(names) {
      const picked = pick(names);
      await Promise.all(picked.map(downOne));
      for (const engine of picked) {
        for (const data of ['data', 'home/node_1/data', 'logs', 'engine.log']) {
          rmSync(join(dirOf(engine.name), data), { recursive: true, force: true });
        }
        log(`[${engine.name}] data wiped`);
      }
    },
  };
}

function rssMiBOf(pid: number): number | undefined {
  try {
    const kib = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib ? Math.round(Number(kib) / 1024) : undefined;
  } catch {
    return undefined;
  }
}
