import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type EngineConfig, engineConfigFrom, engineEnvSchema, parseEnv } from '../engine-config.ts';

/** The engines integration tests run against: the launcher's, or the clusters the environment names. */
export function testEngineConfig(): EngineConfig {
  return engineConfigFrom(parseEnv(engineEnvSchema, process.env));
}

/** A name no other test uses, valid as a Kafka topic, a Cassandra keyspace and an OpenSearch index. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

/** Polls until check returns a value other than undefined; fails after timeoutMs. Tests wait, never sleep blindly. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await sleep(100);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`, { cause: lastError });
}
