'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import type { ReplayRow } from '../server/api/replay-view.ts';
import { ChooseTenant } from './console-shell.tsx';
import { formatCount, formatDuration, formatRate, formatRelative, formatTime, shortId } from './format.ts';
import { useTenant } from './principal.tsx';
import { useTRPC } from './trpc.ts';
import {
  Badge,
  ConfirmDialog,
  EmptyState,
  ErrorState,
  FormError,
  Loading,
  PageHeader,
  Panel,
  type Tone,
} from './ui.tsx';
import { useUrlState } from './url-state.ts';

const statusTone: Record<ReplayRow['status'], Tone> = {
  pending: 'info',
  running: 'info',
  done: 'good',
  cancelled: 'neutral',
  failed: 'bad',
};
const historyFilters = ['all', 'done', 'cancelled', 'failed'] as const;

export function ReplaysView() {
  const { tenant } = useTenant();
  return (
    <>
      <PageHeader
        title="Replays"
        description="Re-emit warehoused history to the low-priority replay topic: rebuild a view from its whole history, or republish a time range for other consumers."
      />
      {tenant ? (
        <>
          <StartPanel />
          <ReplayLists />
        </>
      ) : (
        <ChooseTenant />
      )}
    </>
  );
}

/** `yyyy-mm-ddThh:mm` of a time, in UTC, for a datetime-local input that the page labels as UTC. */
function utcInputValue(at: number): string {
  return new Date(at).toISOString().slice(0, 16);
}

function parseUtcInput(value: string): number {
  return Date.parse(`${value}:00Z`);
}

function StartPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { input } = useTenant();
  const [params, setParams] = useUrlState();
  const mode = params.get('mode') === 'republish' ? 'republish' : 'rebuild';
  const [view, setView] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [names, setNames] = useState('');
  const [rate, setRate] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  useEffect(() => {
    const now = Date.now();
    setFrom(utcInputValue(now - 86_400_000));
    setTo(utcInputValue(now));
  }, []);
  const start = useMutation(
    trpc.replays.start.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.replays.list.queryKey() }),
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    const rateLimit = rate.trim() ? Number(rate) : undefined;
    if (rateLimit !== undefined && !(Number.isInteger(rateLimit) && rateLimit > 0)) {
      setProblem('the rate limit is a whole number of events per second, or empty for unthrottled');
      return;
    }
    const limit = rateLimit === undefined ? {} : { rateLimit };
    if (mode === 'rebuild') {
      start.mutate({ ...input, mode, view: view.trim(), ...limit });
      return;
    }
    const fromMs = parseUtcInput(from);
    const toMs = parseUtcInput(to);
    if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || fromMs >= toMs) {
      setProblem('choose a range whose start lies before its end');
      return;
    }
    const list = names
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    start.mutate({
      ...input,
      mode,
      from: fromMs,
      to: toMs,
      ...(list.length ? { names: list } : {}),
      ...limit,
    });
  };

  return (
    <Panel title="Start a replay" description="A replay worker picks the job up within 2 seconds.">
      <form className="form" onSubmit={submit}>
        <fieldset className="segmented">
          <legend className="visually-hidden">Kind of replay</legend>
          {(['rebuild', 'republish'] as const).map((value) => (
            <button
              key={value}
              type="button"
              aria-pressed={mode === value}
              className={mode === value ? 'segment selected' : 'segment'}
              onClick={() => setParams({ mode: value === 'rebuild' ? undefined : value })}
            >
              {value === 'rebuild' ? 'Rebuild a view' : 'Republish a time range'}
            </button>
          ))}
        </fieldset>
        {mode === 'rebuild' ? (
          <div className="form-inline">
            <div className="field field-grow">
              <label htmlFor="replay-view">View id</label>
              <input
                id="replay-view"
                required
                pattern="[a-z0-9][a-z0-9_\-]{0,62}"
                placeholder="e.g. signups-by-plan"
                value={view}
                onChange={(event) => setView(event.target.value)}
              />
              <p className="hint">
                Rebuilds cover the view’s whole history (the last 365 days of warehouse days) into a new
                generation; readers keep the current one until the new one has caught up.
              </p>
            </div>
            <RateField rate={rate} setRate={setRate} />
          </div>
        ) : (
          <div className="form-inline">
            <div className="field">
              <label htmlFor="replay-from">From (UTC)</label>
              <input
                id="replay-from"
                type="datetime-local"
                required
                value={from}
                onChange={(event) => setFrom(event.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="replay-to">To (UTC, exclusive)</label>
              <input
                id="replay-to"
                type="datetime-local"
                required
                value={to}
                onChange={(event) => setTo(event.target.value)}
              />
            </div>
            <div className="field field-grow">
              <label htmlFor="replay-names">Event names</label>
              <input
                id="replay-names"
                placeholder="all events, or e.g. signup, login"
                value={names}
                onChange={(event) => setNames(event.target.value)}
              />
            </div>
            <RateField rate={rate} setRate={setRate} />
          </div>
        )}
        <FormError message={problem ?? start.error?.message} />
        {start.data && !start.isPending ? (
          <p className="notice" role="status">
            Started {start.data.scope.mode} job <code>{shortId(start.data.id)}</code>.
          </p>
        ) : null}
        <div>
          <button type="submit" className="button button-primary" disabled={start.isPending}>
            {start.isPending ? 'Starting…' : mode === 'rebuild' ? 'Start rebuild' : 'Start republish'}
          </button>
        </div>
      </form>
    </Panel>
  );
}

function RateField({ rate, setRate }: { rate: string; setRate: (value: string) => void }) {
  return (
    <div className="field">
      <label htmlFor="replay-rate">Rate limit (events/s)</label>
      <input
        id="replay-rate"
        inputMode="numeric"
        placeholder="unthrottled"
        value={rate}
        onChange={(event) => setRate(event.target.value)}
      />
    </div>
  );
}

function describe(job: ReplayRow): string {
  const { scope } = job;
  if (scope.mode === 'rebuild') return `Rebuild ${scope.view} → generation ${scope.generation}`;
  const names = scope.names ? ` (${scope.names.join(', ')})` : '';
  return `Republish ${formatTime(scope.from)} – ${formatTime(scope.to)}${names}`;
}

function ReplayLists() {
  const trpc = useTRPC();
  const { input } = useTenant();
  // One list, polled every second while anything is pending or running, every 10 s otherwise.
  const jobs = useQuery({
    ...trpc.replays.list.queryOptions({ ...input, status: 'all', limit: 200 }),
    refetchInterval: (query) =>
      query.state.data?.some((job) => job.status === 'pending' || job.status === 'running') ? 1000 : 10_000,
  });
  const [params, setParams] = useUrlState();
  const filter = (historyFilters as readonly string[]).includes(params.get('history') ?? '')
    ? (params.get('history') as (typeof historyFilters)[number])
    : 'all';

  if (jobs.isPending) return <Loading label="Loading replay jobs" />;
  if (jobs.isError) return <ErrorState error={jobs.error} onRetry={() => jobs.refetch()} />;
  const active = jobs.data.filter((job) => job.status === 'pending' || job.status === 'running');
  const finished = jobs.data.filter((job) => job.status !== 'pending' && job.status !== 'running');
  const shown = finished.filter((job) => filter === 'all' || job.status === filter);
  const now = jobs.dataUpdatedAt;

  return (
    <>
      <Panel title="Running" description="Progress updates every second.">
        {active.length === 0 ? (
          <EmptyState title="No replay is running" />
        ) : (
          <ul className="job-list" data-testid="active-jobs">
            {active.map((job) => (
              <ActiveJob key={job.id} job={job} now={now} />
            ))}
          </ul>
        )}
      </Panel>
      <Panel
        title="History"
        description="Who started what, when, and how it ended."
        actions={
          <fieldset className="segmented segmented-cap">
            <legend className="visually-hidden">Show</legend>
            {historyFilters.map((value) => (
              <button
                key={value}
                type="button"
                aria-pressed={filter === value}
                className={filter === value ? 'segment selected' : 'segment'}
                onClick={() => setParams({ history: value === 'all' ? undefined : value })}
              >
                {value}
              </button>
            ))}
          </fieldset>
        }
      >
        {shown.length === 0 ? (
          <EmptyState title={filter === 'all' ? 'No finished replays yet' : `No ${filter} replays`} />
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="replay-history">
              <thead>
                <tr>
                  <th scope="col">Job</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Emitted</th>
                  <th scope="col">Started by</th>
                  <th scope="col">Created</th>
                  <th scope="col">Ran for</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((job) => (
                  <tr key={job.id}>
                    <td>
                      {describe(job)}
                      <div className="cell-sub">
                        <code title={job.id}>{shortId(job.id)}</code>
                        {job.rateLimit ? ` · limit ${formatRate(job.rateLimit)}` : ''}
                      </div>
                    </td>
                    <td>
                      <Badge tone={statusTone[job.status]}>{job.status}</Badge>
                      {job.error ? <div className="cell-sub error-text">{job.error}</div> : null}
                    </td>
                    <td>{formatCount(job.progress.emitted)}</td>
                    <td>{job.startedBy}</td>
                    <td title={formatTime(job.createdAt)}>{formatRelative(job.createdAt, now)}</td>
                    <td>
                      {job.finishedAt !== undefined
                        ? formatDuration((job.finishedAt - (job.startedAt ?? job.createdAt)) / 1000)
                        : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
    </>
  );
}

function ActiveJob({ job, now }: { job: ReplayRow; now: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { input } = useTenant();
  const [confirming, setConfirming] = useState(false);
  const cancel = useMutation(
    trpc.replays.cancel.mutationOptions({
      onSuccess: () => {
        setConfirming(false);
        return queryClient.invalidateQueries({ queryKey: trpc.replays.list.queryKey() });
      },
    }),
  );
  const total = job.progress.estimatedTotal;
  return (
    <li className="job" data-job={job.id}>
      <div className="job-head">
        <div>
          <strong>{describe(job)}</strong>
          <div className="cell-sub">
            <code title={job.id}>{shortId(job.id)}</code> · started by {job.startedBy}{' '}
            {formatRelative(job.createdAt, now)}
          </div>
        </div>
        <div className="row">
          <Badge tone={statusTone[job.status]}>
            {job.status === 'pending' ? 'waiting for a worker' : 'running'}
          </Badge>
          <button
            type="button"
            className="button button-small button-danger-outline"
            onClick={() => setConfirming(true)}
          >
            Cancel
          </button>
        </div>
      </div>
      <div
        className={job.percent === undefined ? 'progress indeterminate' : 'progress'}
        role="progressbar"
        aria-label={`Progress of ${describe(job)}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={job.percent === undefined ? undefined : Math.round(job.percent)}
      >
        <div
          className="progress-bar"
          style={job.percent === undefined ? undefined : { width: `${job.percent}%` }}
        />
      </div>
      <dl className="job-stats">
        <div>
          <dt>Emitted</dt>
          <dd>
            {formatCount(job.progress.emitted)}
            {total !== undefined ? ` of ~${formatCount(total)}` : ''}
            {job.percent !== undefined ? ` (${Math.floor(job.percent)} %)` : ''}
          </dd>
        </div>
        <div>
          <dt>Rate</dt>
          <dd>
            {formatRate(job.progress.ratePerSecond)}
            {job.rateLimit ? ` (limit ${formatRate(job.rateLimit)})` : ''}
          </dd>
        </div>
        <div>
          <dt>ETA</dt>
          <dd>
            {job.etaSeconds !== undefined
              ? formatDuration(job.etaSeconds)
              : total === undefined
                ? 'estimating…'
                : '—'}
          </dd>
        </div>
      </dl>
      <ConfirmDialog
        open={confirming}
        title="Cancel this replay?"
        confirmLabel="Cancel replay"
        danger
        busy={cancel.isPending}
        onCancel={() => {
          setConfirming(false);
          cancel.reset();
        }}
        onConfirm={() => cancel.mutate({ ...input, id: job.id })}
      >
        <p>
          {describe(job)} stops emitting within 2 seconds.{' '}
          {job.scope.mode === 'rebuild' ? 'The view keeps serving its current generation.' : ''}
        </p>
        <FormError message={cancel.error?.message} />
      </ConfirmDialog>
    </li>
  );
}
