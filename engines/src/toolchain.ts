import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runToEnd } from './processes.ts';

/** Fails with a clear message unless `java` is a JDK 17 (Cassandra 5.0 runs on 11 or 17 only). */
export async function checkJava(java: string): Promise<void> {
  let output: string;
  try {
    output = await runToEnd(java, ['-version']);
  } catch (error) {
    throw new Error(
      `Java 17 is required to run the engines and '${java}' could not be run (set TIDEMARK_JAVA): ${(error as Error).message}`,
    );
  }
  const major = /version "(\d+)/.exec(output)?.[1];
  if (major !== '17') {
    throw new Error(
      `Java 17 is required (Cassandra 5.0 does not run on newer JDKs); '${java}' is version ${major ?? 'unknown'}. ` +
        'Install openjdk-17-jre-headless or point TIDEMARK_JAVA at a Java 17 binary.',
    );
  }
}

/**
 * Copies an engine's runtime jars from Maven Central into libDir, once per POM content: a marker file
 * holds the POM's hash, so editing the POM resolves again and an interrupted copy is never trusted.
 */
export async function resolveClasspath(
  mvn: string,
  pomFile: string,
  libDir: string,
  log: (line: string) => void,
): Promise<string> {
  const marker = join(libDir, '.resolved');
  const hash = createHash('sha256').update(readFileSync(pomFile)).digest('hex');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === hash) return join(libDir, '*');

  rmSync(libDir, { recursive: true, force: true });
  mkdirSync(libDir, { recursive: true });
  log(`resolving jars from Maven Central (first run: a few minutes) → ${libDir}`);
  let downloaded = 0;
  try {
    await runToEnd(
      mvn,
      [
        '-B',
        '-f',
        pomFile,
        'dependency:copy-dependencies',
        '-DincludeScope=runtime',
        `-DoutputDirectory=${libDir}`,
      ],
      {
        onLine: (line) => {
          if (line.includes('Downloaded from')) {
            downloaded += 1;
            if (downloaded % 20 === 0) log(`  … ${downloaded} files downloaded`);
          } else if (line.includes('[ERROR]')) log(line);
        },
      },
    );
  } catch (error) {
    throw new Error(
      `Maven could not resolve ${pomFile} (is 'mvn' installed and Maven Central reachable?): ${(error as Error).message}`,
    );
  }
  log(`  resolved (${downloaded} files downloaded, the rest from ~/.m2)`);
  writeFileSync(marker, hash);
  return join(libDir, '*');
}
