// `npm run replay -- …`: start, watch and cancel replay jobs. The replay workers (TM_ROLE=replay) pick a
// job up within 2 s; the console's replays page will call the same core functions.
import { userInfo } from 'node:os';
import {
  engineConfigFrom,
  engineEnvSchema,
  newReplayJob,
  newUuidV7,
  nextRebuildGeneration,
  parseEnv,
  type ReplayJob,
  type ReplayJobStore,
  type ReplayRequest,
  replayRequestProblem,
  unfinishedRebuild,
  type ViewStore,
} from '@tidemark/core';
import {
  cassandraMigrations,
  createCassandraClient,
  createCassandraReplayJobStore,
  createCassandraViewStore,
  migrateCassandra,
} from '@tidemark/core/cassandra';
import { options, required, text, UsageError, type Values } from './cli-args.ts';

const usage = `usage: npm run replay -- <command>
  start --tenant <t> --from <time> --to <time> [--names a,b] [--rate <events/s>]
                              republish the events of [from, to) (event time) to the replay topic;
                              prints the job id
  start --tenant <t> --mode rebuild --view <v> [--since <time>] [--generation <n>] [--rate <events/s>]
                              rebuild a view from its whole history, from --since (default: 365 days
                              ago) into --generation (default: one past the view's last rebuild)
  status [id] [--tenant <t>]  one job, or every job (of one tenant), newest first
  cancel <id>                 stop a job; emission stops within 2 s
times are ISO-8601 (2026-03-01T00:00:00Z) or ms since the epoch; without --rate a job is unthrottled
environment: CASSANDRA_CONTACT_POINTS, CASSANDRA_LOCAL_DC, CASSANDRA_KEYSPACE`;

function time(values: Values, name: string): number {
  const value = required(values, name);
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms))
    throw new UsageError(`--${name} must be an ISO time or ms since the epoch, got ${value}`);
  return ms;
}

function count(values: Values, name: string): number | undefined {
  const value = text(values, name);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--${name} must be a positive whole number, got ${value}`);
  return n;
}

function noPositionals(positionals: readonly string[]) {
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
}

const startedBy = () => `cli:${userInfo().username}`;

/** Parses one command's arguments into the action to run, or throws a UsageError. */
function plan(
  command: string,
  args: readonly string[],
): (jobs: ReplayJobStore, views: ViewStore) => Promise<number> {
  switch (command) {
    case 'start': {
      const { values, positionals } = options(args, [
        'tenant',
        'mode',
        'from',
        'to',
        'names',
        'rate',
        'view',
        'since',
        'generation',
      ]);
      noPositionals(positionals);
      const tenant = required(values, 'tenant');
      const rateLimit = count(values, 'rate');
      const limit = rateLimit === undefined ? {} : { rateLimit };
      const mode = text(values, 'mode') ?? 'republish';
      if (mode === 'republish') {
        for (const name of ['view', 'since', 'generation'])
          if (values[name] !== undefined) throw new UsageError(`--${name} is for --mode rebuild`);
        const names = text(values, 'names')
          ?.split(',')
          .map((name) => name.trim());
        const request: ReplayRequest = {
          tenant,
          mode,
          from: time(values, 'from'),
          to: time(values, 'to'),
          ...(names ? { names } : {}),
          ...limit,
          startedBy: startedBy(),
        };
        checkRequest(request);
        return (jobs) => create(jobs, request);
      }
      if (mode !== 'rebuild') throw new UsageError(`--mode must be republish or rebuild, got ${mode}`);
      for (const name of ['from', 'to', 'names'])
        if (values[name] !== undefined)
          throw new UsageError(`--${name} is for republish; a rebuild covers the whole history`);
      const view = required(values, 'view');
      const since = values.since === undefined ? yearAgo() : time(values, 'since');
      const by = startedBy();
      const request = (generation: number): ReplayRequest => ({
        tenant,
        mode: 'rebuild',
        view,
        since,
        generation,
        ...limit,
        startedBy: by,
      });
      const generation = count(values, 'generation');
      checkRequest(request(generation ?? 1));
      return async (jobs, views) => {
        const current = await views.get(tenant, view);
        if (!current) throw new UsageError(`tenant ${tenant} has no view ${view}`);
        const existing = await jobs.list(tenant);
        const running = unfinishedRebuild(existing, tenant, view);
        if (running)
          throw new UsageError(
            `view ${view} is being rebuilt by job ${running.id} (${running.status}): cancel it or let it end first`,
          );
        return create(jobs, request(generation ?? nextRebuildGeneration(existing, tenant, view, current)));
      };
    }
    case 'status': {
      const { values, positionals } = options(args, ['tenant']);
      const [id, extra] = positionals;
      if (extra) throw new UsageError('status takes at most one job id');
      if (id) {
        if (values.tenant !== undefined) throw new UsageError('status takes a job id or --tenant, not both');
        return async (jobs) => {
          const job = await jobs.get(checkedId(id));
          if (!job) return notFound(id);
          console.log(details(job));
          return 0;
        };
      }
      return async (jobs) => {
        const all = await jobs.list(text(values, 'tenant'));
        if (all.length === 0) console.error('replay: no jobs');
        for (const job of all) console.log(summary(job));
        return 0;
      };
    }
    case 'cancel': {
      const { positionals } = options(args, []);
      const [id, extra] = positionals;
      if (!id || extra) throw new UsageError('cancel takes exactly one job id');
      return async (jobs) => {
        const job = await jobs.cancel(checkedId(id), Date.now());
        if (!job) return notFound(id);
        if (job.status !== 'cancelled') {
          console.error(`replay: job ${id} had already ended (${job.status})`);
          return 1;
        }
        console.error(`replay: cancelled ${id}; emission stops within 2 s`);
        return 0;
      };
    }
  }
  throw new UsageError(`unknown command ${command}`);
}

function checkRequest(request: ReplayRequest): void {
  const problem = replayRequestProblem(request);
  if (problem) throw new UsageError(problem);
}

async function create(jobs: ReplayJobStore, request: ReplayRequest): Promise<number> {
  checkRequest(request);
  const now = Date.now();
  const job = newReplayJob(request, newUuidV7(now), now);
  await jobs.create(job);
  console.error(`replay: started ${summary(job)}`);
  console.log(job.id);
  return 0;
}

function checkedId(id: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id))
    throw new UsageError(`not a job id: ${id}`);
  return id;
}

function notFound(id: string): number {
  console.error(`replay: no job ${id}`);
  return 1;
}

function yearAgo(): number {
  const day = 86_400_000;
  return Math.floor((Date.now() - 365 * day) / day) * day;
}

const iso = (ms: number | undefined) => (ms === undefined ? '-' : new Date(ms).toISOString());

function what(job: ReplayJob): string {
  const { scope } = job;
  return scope.mode === 'republish'
    ? `republish [${iso(scope.from)}, ${iso(scope.to)})${scope.names ? ` names ${scope.names.join(',')}` : ''}`
    : `rebuild ${scope.view} generation ${scope.generation} since ${iso(scope.since)}`;
}

function progress(job: ReplayJob): string {
  const { emitted, estimatedTotal, ratePerSecond } = job.progress;
  const total = estimatedTotal === undefined ? '?' : `~${estimatedTotal}`;
  const limit = job.rateLimit === undefined ? 'unthrottled' : `limit ${job.rateLimit}/s`;
  return `${emitted}/${total} emitted, ${ratePerSecond}/s (${limit})`;
}

function summary(job: ReplayJob): string {
  return `${job.id}  ${job.tenant}  ${job.status}  ${progress(job)}  ${what(job)}`;
}

function details(job: ReplayJob): string {
  return [
    `id          ${job.id}`,
    `tenant      ${job.tenant}`,
    `what        ${what(job)}`,
    `status      ${job.status}${job.error ? ` (${job.error})` : ''}`,
    `progress    ${progress(job)}`,
    `started by  ${job.startedBy} at ${iso(job.createdAt)}`,
    `running     from ${iso(job.startedAt)} until ${iso(job.finishedAt)}${job.owner ? ` on ${job.owner}` : ''}`,
  ].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    console.error(usage);
    return command === undefined ? 2 : 0;
  }
  // Arguments are checked before anything connects, so a typo answers at once.
  const run = plan(command, rest);
  const config = engineConfigFrom(parseEnv(engineEnvSchema, process.env)).cassandra;
  const client = createCassandraClient({ ...config, keyspace: undefined });
  try {
    await migrateCassandra(client, {
      keyspace: config.keyspace,
      replication: { class: 'SimpleStrategy', replication_factor: config.replicationFactor },
      migrations: cassandraMigrations,
    });
    return await run(
      createCassandraReplayJobStore(client, { keyspace: config.keyspace }),
      createCassandraViewStore(client, { keyspace: config.keyspace }),
    );
  } finally {
    await client.shutdown();
  }
}

process.exitCode = await main(process.argv.slice(2)).catch((error: Error) => {
  if (error instanceof UsageError) {
    console.error(`replay: ${error.message}\n${usage}`);
    return 2;
  }
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  console.error(`replay: ${error.message}${cause}`);
  return 1;
});
