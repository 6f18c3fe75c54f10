import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { Engine } from './engine.ts';
import { parseEnginesEnv } from './env.ts';
import { createLauncher } from './launcher.ts';

// These run the real java and mvn on a fake engine whose health never comes, to prove the launcher's
// failure paths: bounded waiting, the log's last lines in the error, no process left behind.
const home = mkdtempSync(join(tmpdir(), 'tidemark-launcher-'));
const pom = join(home, 'empty.xml');
writeFileSync(
  pom,
  '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion><groupId>t</groupId><artifactId>empty</artifactId><version>1</version><packaging>pom</packaging></project>',
);
const sleeper = join(home, 'Sleeper.java');
writeFileSync(
  sleeper,
  'public class Sleeper { public static void main(String[] a) throws Exception { for (int i = 0; i < 60; i++) System.out.println("line " + i); Thread.sleep(60_000); } }',
);
const env = parseEnginesEnv({ TIDEMARK_HOME: home, KAFKA_PORT: '39092', KAFKA_CONTROLLER_PORT: '39093' });

function fakeEngine(javaArgs: string[], startTimeoutMs: number): Engine {
  return {
    name: 'kafka',
    external: undefined,
    endpoint: '127.0.0.1:39092',
    ports: [39092],
    startTimeoutMs,
    pom,
    prepare: async () => {},
    javaArgs: () => javaArgs,
    healthy: async () => false,
  };
}

afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('engines launcher', () => {
  test('an engine that exits during start-up fails at once with its log in the error', async () => {
    const launcher = createLauncher(env, () => {}, [fakeEngine(['-cp', home, 'NoSuchMainClass'], 60_000)]);
    const started = Date.now();
    await expect(launcher.up()).rejects.toThrow(/kafka exited during start-up[\s\S]*NoSuchMainClass/);
    expect(Date.now() - started).toBeLessThan(45_000);
  }, 60_000);

  test('an engine that never turns healthy is stopped after its timeout, and the last 50 log lines are shown', async () => {
    const launcher = createLauncher(env, () => {}, [fakeEngine([sleeper], 8000)]);
    const error: Error = await launcher.up().then(
      () => new Error('up() should have failed'),
      (reason: Error) => reason,
    );
    expect(error.message).toMatch(/kafka was not healthy after 8 s/);
    expect(error.message).toContain('line 59');
    expect(error.message).not.toContain('line 9\n');
    const [status] = await launcher.status();
    expect(status?.state).toBe('stopped');
  }, 60_000);
});
