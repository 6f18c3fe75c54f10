import { setFlagsFromString } from 'node:v8';

/**
 * Counts Buffer memory towards V8's ordinary heap limit, for processes that move Kafka records and request
 * bodies (ingest, workers). Call it first thing in `main`.
 *
 * Node 24's V8 (13.6) grew the young generation, which moved the scavenge that frees short-lived Buffers
 * above the fixed 64 MB external-memory limit. A process that allocates large Buffers quickly then reclaims
 * them by a full mark-compact every ~130 ms instead (nodejs/node#61967, #63863). Ingest under load ran
 * about 75 mark-compacts in 13 s and 19 scavenges; with this flag, 15 and 85, and a third less CPU per event
 * (bench/README.md, "ingest"). Later V8 versions turn this accounting on by default. Set at run time so that
 * every way of starting a role gets it; V8 reads the flag when it sets its limits, not only at start.
 */
export function tuneGarbageCollector(): void {
  setFlagsFromString('--external-memory-accounted-in-global-limit');
}
