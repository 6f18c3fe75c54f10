// `npm test`: every test (unit, integration against the real engines, e2e against the running stack) in
// one vitest run, then a last line `N passed, N failed`. Extra arguments go to vitest
// (e.g. `npm test -- --project unit`).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildWeb, migrateEngines, root, say, startApps, upEngines, urls } from './stack.ts';

const resultsFile = join(root, '.tidemark', 'test-results.json');
let stopEngines = async () => {};
let stopApps = async () => {};
let code = 1;
let summary = { passed: 0, failed: 0, skipped: 0 };

try {
  stopEngines = await upEngines();
  await migrateEngines();
  await buildWeb();
  stopApps = await startApps({ LOG_LEVEL: 'warn' });
  code = await runVitest(process.argv.slice(2));
  summary = readSummary();
} catch (error) {
  console.error(`tidemark: ${(error as Error).message}`);
  summary.failed += 1;
} finally {
  await stopApps();
  await stopEngines();
}
say(`tests: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
console.log(`${summary.passed} passed, ${summary.failed} failed`);
process.exit(summary.failed > 0 || code !== 0 ? 1 : 0);

function runVitest(args: readonly string[]): Promise<number> {
  mkdirSync(join(root, '.tidemark'), { recursive: true });
  const vitest = join(root, 'node_modules/vitest/vitest.mjs');
  const child = spawn(
    process.execPath,
    [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${resultsFile}`, ...args],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'test', WEB_URL: urls.web, INGEST_URL: urls.ingest },
    },
  );
  return new Promise((done) => child.once('exit', (exitCode) => done(exitCode ?? 1)));
}

// A file that fails to load has no test results; it counts as one failure so it can't pass silently.
function readSummary(): typeof summary {
  const report = JSON.parse(readFileSync(resultsFile, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    testResults: { status: string; assertionResults: unknown[] }[];
  };
  const brokenFiles = report.testResults.filter(
    (file) => file.status === 'failed' && file.assertionResults.length === 0,
  );
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles.length,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}
