// `npm start`: engines, migrations, ingest, workers and the console in the foreground; Ctrl-C stops it all.
import { buildWeb, migrateEngines, say, startApps, upEngines, urls } from './stack.ts';

const stopEngines = await upEngines();
let stopApps = async () => {};
let stopping = false;
const stopAll = async (code: number) => {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  await stopApps();
  await stopEngines();
  process.exit(code);
};
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
  await migrateEngines();
  await buildWeb();
  stopApps = await startApps();
} catch (error) {
  console.error(`tidemark: ${(error as Error).message}`);
  await stopAll(1);
}
say(`ingest  ${urls.ingest}  (/healthz, /readyz, /metrics)`);
say(`workers ${urls.workers}  (/healthz, /readyz, /metrics)`);
say(`console ${urls.web}`);
say('running; Ctrl-C stops everything this command started');
