'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { type FormEvent, useEffect, useState } from 'react';
import { ChooseTenant } from '../../../components/console-shell.tsx';
import { usePrincipal, useTenant } from '../../../components/principal.tsx';
import { useTRPC } from '../../../components/trpc.ts';
import { EmptyState, ErrorState, Loading, PageHeader } from '../../../components/ui.tsx';
import { useUrlState } from '../../../components/url-state.ts';
import { zoneLabel } from './chart-format.ts';
import {
  type DashboardState,
  dashboardStateOf,
  intervalLabels,
  intervalProblem,
  intervals,
  rangePresets,
  type SeriesLimits,
  spanOf,
} from './dashboard-state.ts';
import { ViewChart } from './view-chart.tsx';

/** A preset range slides: charts re-anchor on "now" this often even while their live channel stays open. */
const reanchorMs = 5 * 60_000;

export function DashboardsView({ limits }: { limits: SeriesLimits }) {
  const { tenant } = useTenant();
  return (
    <>
      <PageHeader
        title="Dashboards"
        description={tenant ? `Time series of tenant ${tenant}: one chart per view.` : undefined}
        actions={tenant ? <NewViewLink /> : null}
      />
      {tenant ? <Dashboards limits={limits} /> : <ChooseTenant />}
    </>
  );
}

function NewViewLink() {
  const principal = usePrincipal();
  const { input } = useTenant();
  if (principal.role !== 'admin') return null;
  return (
    <Link
      className="button"
      href={`/views?new=1${input.tenant ? `&tenant=${encodeURIComponent(input.tenant)}` : ''}`}
    >
      New view
    </Link>
  );
}

function Dashboards({ limits }: { limits: SeriesLimits }) {
  const trpc = useTRPC();
  const { input } = useTenant();
  const [params, setParams] = useUrlState();
  // Times are read after mount, so that the server's markup and the browser's agree.
  const [now, setNow] = useState<number | undefined>(undefined);
  const [anchor, setAnchor] = useState<number | undefined>(undefined);
  useEffect(() => {
    setNow(Date.now());
    setAnchor(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const views = useQuery(trpc.views.list.queryOptions(input));
  const page = dashboardStateOf(params, now ?? 0, limits);
  const rangeKey = `${page.range}/${page.from}/${page.to}`;
  // A new range starts from now; a preset keeps sliding while live.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-anchors when the range changes
  useEffect(() => {
    setAnchor(Date.now());
  }, [rangeKey]);
  useEffect(() => {
    if (!page.live || page.range === 'custom') return;
    const timer = setInterval(() => setAnchor(Date.now()), reanchorMs);
    return () => clearInterval(timer);
  }, [page.live, page.range]);

  if (now === undefined || anchor === undefined || views.isPending)
    return <Loading label="Loading views" rows={6} />;
  if (views.isError) return <ErrorState error={views.error} onRetry={() => views.refetch()} />;

  return (
    <>
      <Toolbar
        page={page}
        now={now}
        limits={limits}
        setParams={setParams}
        refresh={() => setAnchor(Date.now())}
      />
      {views.data.length === 0 ? (
        <EmptyState title="No views to chart">
          <p>Define a view on the Views page; it gets a chart here.</p>
        </EmptyState>
      ) : (
        <div className="charts">
          {views.data.map((view) => (
            <ViewChart
              key={view.id}
              view={view}
              page={page}
              anchor={anchor}
              params={params}
              setParams={setParams}
              now={now}
            />
          ))}
        </div>
      )}
    </>
  );
}

/** `yyyy-mm-ddThh:mm` in the shown zone, for datetime-local inputs. */
function inputValue(at: number, timeZone: 'local' | 'utc'): string {
  const shifted = timeZone === 'utc' ? at : at - new Date(at).getTimezoneOffset() * 60_000;
  return new Date(shifted).toISOString().slice(0, 16);
}

function parseInput(value: string, timeZone: 'local' | 'utc'): number {
  if (!value) return Number.NaN;
  return timeZone === 'utc' ? Date.parse(`${value}:00Z`) : new Date(`${value}:00`).getTime();
}

function Toolbar({
  page,
  now,
  limits,
  setParams,
  refresh,
}: {
  page: DashboardState;
  now: number;
  limits: SeriesLimits;
  setParams: (changes: Record<string, string | undefined>) => void;
  refresh: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const span = spanOf(page, now);

  const openCustom = () => {
    const end = page.range === 'custom' ? (page.to ?? now) : now;
    const start = page.range === 'custom' ? (page.from ?? end - span) : end - span;
    setFrom(inputValue(start, page.timeZone));
    // Until now unless a custom range already has an end: a range that ends gets no live updates.
    setTo(page.range === 'custom' && page.to !== undefined ? inputValue(end, page.timeZone) : '');
    setProblem(undefined);
    setEditing(true);
  };
  const applyCustom = (event: FormEvent) => {
    event.preventDefault();
    const start = parseInput(from, page.timeZone);
    const end = to ? parseInput(to, page.timeZone) : undefined;
    if (!Number.isFinite(start)) return setProblem('choose when the range starts');
    if (end !== undefined && !(end > start)) return setProblem('the end must lie after the start');
    setEditing(false);
    setParams({
      range: 'custom',
      from: new Date(start).toISOString(),
      to: end === undefined ? undefined : new Date(end).toISOString(),
      interval: undefined,
    });
  };

  return (
    <div className="dashboard-toolbar">
      <div className="toolbar-row">
        <fieldset className="segmented">
          <legend className="visually-hidden">Time range</legend>
          {rangePresets.map((preset) => (
            <button
              key={preset.id}
              type="button"
              title={preset.label}
              aria-label={preset.label}
              aria-pressed={page.range === preset.id}
              className={page.range === preset.id ? 'segment selected' : 'segment'}
              onClick={() =>
                setParams({
                  range: preset.id === '1h' ? undefined : preset.id,
                  from: undefined,
                  to: undefined,
                  interval: undefined,
                })
              }
            >
              {preset.id}
            </button>
          ))}
          <button
            type="button"
            aria-pressed={page.range === 'custom'}
            aria-expanded={editing}
            className={page.range === 'custom' ? 'segment selected' : 'segment'}
            onClick={() => (editing ? setEditing(false) : openCustom())}
          >
            custom
          </button>
        </fieldset>
        <label className="control">
          <span>Interval</span>
          <select
            aria-label="Interval"
            value={page.interval}
            onChange={(event) => setParams({ interval: event.target.value })}
          >
            {intervals.map((interval) => {
              const reason = intervalProblem(limits, interval, span);
              return (
                <option key={interval} value={interval} disabled={reason !== undefined} title={reason}>
                  {intervalLabels[interval]}
                </option>
              );
            })}
          </select>
        </label>
        <label className="control">
          <span>Time zone</span>
          <select
            aria-label="Time zone"
            value={page.timeZone}
            onChange={(event) => setParams({ tz: event.target.value === 'utc' ? 'utc' : undefined })}
          >
            <option value="local">Browser</option>
            <option value="utc">UTC</option>
          </select>
        </label>
        <div className="toolbar-end">
          <span className="muted" data-testid="time-zone">
            Times in {zoneLabel(page.timeZone, now)}
          </span>
          {page.live ? null : (
            <button type="button" className="button" onClick={refresh}>
              Refresh
            </button>
          )}
          <button
            type="button"
            className={page.live ? 'button button-live' : 'button'}
            aria-pressed={page.live}
            disabled={page.range === 'custom' && page.to !== undefined && page.to <= now}
            title={
              page.range === 'custom' && page.to !== undefined
                ? 'A range that has ended gets no updates'
                : undefined
            }
            onClick={() => setParams({ live: page.live ? '0' : undefined })}
          >
            {page.live ? 'Live: on' : 'Live: off'}
          </button>
        </div>
      </div>
      <p className="hint" data-testid="range-summary">
        {rangeSummary(page)} · {intervalLabels[page.interval]} buckets
      </p>
      {editing ? (
        <form className="form-inline custom-range" onSubmit={applyCustom} aria-label="Custom range">
          <div className="field">
            <label htmlFor="range-from">From ({page.timeZone === 'utc' ? 'UTC' : 'browser time'})</label>
            <input
              id="range-from"
              type="datetime-local"
              value={from}
              onChange={(event) => setFrom(event.target.value)}
              required
            />
          </div>
          <div className="field">
            <label htmlFor="range-to">To (empty: now)</label>
            <input
              id="range-to"
              type="datetime-local"
              value={to}
              onChange={(event) => setTo(event.target.value)}
            />
          </div>
          <div className="field field-submit row">
            <button type="submit" className="button button-primary">
              Apply range
            </button>
            <button type="button" className="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
          {problem ? (
            <p className="form-error" role="alert">
              {problem}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}

function rangeSummary(page: DashboardState): string {
  if (page.range !== 'custom') return rangePresets.find((preset) => preset.id === page.range)?.label ?? '';
  const format = new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: page.timeZone === 'utc' ? 'UTC' : undefined,
  });
  return `${format.format(page.from ?? 0)} – ${page.to === undefined ? 'now' : format.format(page.to)}`;
}
