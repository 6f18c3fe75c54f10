import { setFlagsFromString } from 'node:v8';

/**
 * Counts Buffer memory towards V8's ordinary heap limit, for processes that move Kafka records and request
 * bodies (ingest, workers). Call it first thing in `main`.
 *
 * Node 24's V8 (13.6) grew the young generation, which moved the scavenge that frees short-lived Buffers
 * above the fixed 64 MB external-memory limit. A process that allocates large Buffers quickly then reclaims
 * them by a full mark-compact every ~130 ms instead (nodejs/node#61967, #63863). Ingest under load ran 82
 * mark-compacts and 19 scavenges in 13 s; with this flag, 21 and 94, and a quarter to a third less CPU per
 * event, for a higher peak RSS (600–700 MiB against 385 under the ingest bench; bench/README.md, "ingest").
 * `--scavenger-max-new-space-capacity-mb=8` (Node 22's young generation) used half that memory for about a
 * tenth more CPU in one comparison. Later V8 versions turn this accounting on by default. It is set at run
 * time so that every way of starting a role gets it; V8 reads it whenever it computes its limits. The flag on
 * node's command line, either way (`--no-…` to trade the CPU back for memory), stands.
 */
export function tuneGarbageCollector(): void {
  const flag = 'external-memory-accounted-in-global-limit';
  if (process.execArgv.some((arg) => arg.replaceAll('_', '-').endsWith(flag))) return;
  setFlagsFromString(`--${flag}`);
}
