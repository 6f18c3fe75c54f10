// `npm start`: engines, migrations, ingest, workers and the console in the foreground; Ctrl-C stops it all.
import { buildWeb, migrateEngines, mintStartTokens, say, startApps, upEngines, urls } from './stack.ts';

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

const tenant = process.env.TIDEMARK_DEMO_TENANT ?? 'demo';
let tokens: Awaited<ReturnType<typeof mintStartTokens>> | undefined;
try {
  await migrateEngines();
  tokens = await mintStartTokens(tenant);
  await buildWeb();
  stopApps = await startApps();
} catch (error) {
  console.error(`tidemark: ${(error as Error).message}`);
  await stopAll(1);
}
say(`ingest  ${urls.ingest}  (/healthz, /readyz, /metrics)`);
say(`warehouse ${urls.warehouse}  replay ${urls.replay}  (workers: /healthz, /readyz, /metrics)`);
say(`console ${urls.web}`);
if (tokens) {
  say(`tokens for tenant "${tenant}" (mint more with npm run token -- mint):`);
  say(`  ingest (30 d): ${tokens.ingest}`);
  say(`  query   (7 d): ${tokens.query}`);
  say(`  admin   (1 d): ${tokens.admin}`);
  say(
    `try: curl -H 'authorization: Bearer ${tokens.ingest}' -H 'content-type: application/json' -d '{"name":"signup"}' ${urls.ingest}/v1/events`,
  );
}
say('running; Ctrl-C stops everything this command started');
