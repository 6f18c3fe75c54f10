'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { usePrincipal, useTenant } from '../../../components/principal.tsx';
import { useTRPC } from '../../../components/trpc.ts';
import { Badge, EmptyState, ErrorState, Loading } from '../../../components/ui.tsx';
import type { ViewSummary } from '../../../server/query/series-service.ts';
import { formatAxisValue, formatValue, lineName, metricLabels, timeFormats } from './chart-format.ts';
import {
  type ChartKind,
  chartKinds,
  chartParams,
  chartStateOf,
  type DashboardState,
  seriesInputOf,
  topKChoices,
} from './dashboard-state.ts';
import { type SeriesAnswer, useLiveSeries } from './live-series.ts';

const palette = [
  '#0b6e99',
  '#d9480f',
  '#2b8a3e',
  '#7048e8',
  '#c2255c',
  '#e67700',
  '#1098ad',
  '#5c940d',
  '#862e9c',
  '#495057',
];
const otherColor = '#adb5bd';

export function ViewChart({
  view,
  page,
  anchor,
  params,
  setParams,
  now,
}: {
  view: ViewSummary;
  page: DashboardState;
  anchor: number;
  params: URLSearchParams;
  setParams: (changes: Record<string, string | undefined>) => void;
  now: number;
}) {
  const trpc = useTRPC();
  const principal = usePrincipal();
  const { tenant, input: tenantInput } = useTenant();
  const chart = chartStateOf(params, view.id);
  const names = chartParams(view.id);
  const input = seriesInputOf(view, page, chart, anchor);
  const query = useQuery({
    ...trpc.series.query.queryOptions({ ...tenantInput, ...input }),
    placeholderData: keepPreviousData,
  });
  const live = useLiveSeries(
    input,
    principal.operator ? tenant : undefined,
    page.live && query.isSuccess && !query.isPlaceholderData,
  );
  const answer: SeriesAnswer | undefined = (page.live ? live.answer : undefined) ?? query.data;
  const metric = input.metrics;
  const headingId = `view-${view.id}-heading`;

  const groupChoices = [
    { value: '', label: view.groupBy.length ? `${view.groupBy.join(', ')} (view)` : 'none (view)' },
    ...(view.groupBy.length > 1 ? view.groupBy.map((key) => ({ value: key, label: key })) : []),
    ...(view.groupBy.length ? [{ value: 'none', label: 'none: one total line' }] : []),
  ];

  return (
    <section
      className="panel chart-panel"
      aria-labelledby={headingId}
      id={`view-${view.id}`}
      data-view={view.id}
    >
      <header className="panel-header">
        <div>
          <h2 id={headingId}>{view.title}</h2>
          <p className="panel-description">
            <code>{view.id}</code> · {describeFilter(view)}
            {view.groupBy.length ? ` · by ${view.groupBy.join(', ')}` : ''}
          </p>
        </div>
        <div className="panel-actions row">
          {view.rebuilding ? (
            <Badge tone="info">
              rebuilding{principal.role === 'admin' ? ' ' : ''}
              {principal.role === 'admin' ? (
                <Link href={`/replays${tenantQuery(tenantInput)}`}>progress</Link>
              ) : null}
            </Badge>
          ) : null}
          {answer?.series.truncated ? (
            <Badge tone="warn">
              <span title="More groups than the view's group cap: the excess is counted in “other”, which filters can't split">
                group cap reached
              </span>
            </Badge>
          ) : null}
          <LiveBadge
            live={page.live}
            status={live.status}
            receivedAt={live.receivedAt}
            updates={live.updates}
            now={now}
          />
          {principal.role === 'admin' ? (
            <Link
              className="button button-small"
              href={`/views?edit=${encodeURIComponent(view.id)}${tenantAmp(tenantInput)}`}
            >
              Edit view
            </Link>
          ) : null}
        </div>
      </header>

      <fieldset className="chart-controls">
        <legend className="visually-hidden">Chart options of {view.title}</legend>
        <label className="control">
          <span>Metric</span>
          <select
            aria-label="Metric"
            value={metric}
            onChange={(event) => setParams({ [names.metric]: event.target.value })}
          >
            {view.metrics.map((name) => (
              <option key={name} value={name}>
                {metricLabels[name] ?? name}
              </option>
            ))}
          </select>
        </label>
        {view.groupBy.length ? (
          <label className="control">
            <span>Break down by</span>
            <select
              aria-label="Break down by"
              value={input.groupBy ?? ''}
              onChange={(event) => setParams({ [names.groupBy]: event.target.value || undefined })}
            >
              {groupChoices.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {view.groupBy.length && input.groupBy !== 'none' ? (
          <label className="control">
            <span>Top</span>
            <select
              aria-label="Top lines"
              value={chart.topK}
              onChange={(event) =>
                setParams({ [names.topK]: event.target.value === '10' ? undefined : event.target.value })
              }
            >
              {topKChoices.map((k) => (
                <option key={k} value={k}>
                  {k} lines
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <fieldset className="segmented control-kind">
          <legend className="visually-hidden">Chart type</legend>
          {chartKinds.map((kind) => (
            <button
              key={kind}
              type="button"
              aria-pressed={chart.kind === kind}
              className={chart.kind === kind ? 'segment selected' : 'segment'}
              onClick={() => setParams({ [names.kind]: kind === 'line' ? undefined : kind })}
            >
              {kind}
            </button>
          ))}
        </fieldset>
      </fieldset>

      {query.isError && !answer ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : !answer ? (
        <Loading label={`Loading ${view.title}`} rows={4} />
      ) : (
        <>
          {query.isError ? <ErrorState error={query.error} onRetry={() => query.refetch()} /> : null}
          {live.problem && page.live ? (
            <p className="notice notice-warn" role="status">
              Live updates interrupted: {live.problem}
            </p>
          ) : null}
          <SeriesChart
            answer={answer}
            metric={metric}
            kind={chart.kind}
            timeZone={page.timeZone}
            title={view.title}
          />
        </>
      )}
    </section>
  );
}

function tenantQuery(input: { tenant?: string }) {
  return input.tenant ? `?tenant=${encodeURIComponent(input.tenant)}` : '';
}
function tenantAmp(input: { tenant?: string }) {
  return input.tenant ? `&tenant=${encodeURIComponent(input.tenant)}` : '';
}

function describeFilter(view: ViewSummary): string {
  const names = view.filter.names.length ? `events ${view.filter.names.join(', ')}` : 'every event';
  const properties = Object.entries(view.filter.properties).map(
    ([key, value]) => `${key} = ${JSON.stringify(value)}`,
  );
  return properties.length ? `${names} where ${properties.join(' and ')}` : names;
}

function LiveBadge({
  live,
  status,
  receivedAt,
  updates,
  now,
}: {
  live: boolean;
  status: string;
  receivedAt?: number;
  updates: number;
  now: number;
}) {
  if (!live) return <Badge tone="neutral">paused</Badge>;
  const ago = receivedAt === undefined ? undefined : Math.max(0, Math.round((now - receivedAt) / 1000));
  return (
    <span className="live-status" data-testid="live-status" data-status={status} data-updates={updates}>
      <span className={status === 'live' ? 'live-dot live-dot-on' : 'live-dot'} aria-hidden="true" />
      {status === 'live' ? 'live' : status === 'off' ? 'loading' : status}
      {status === 'live' && ago !== undefined ? (
        <span className="muted"> · {ago < 5 ? 'just now' : `${ago} s ago`}</span>
      ) : null}
    </span>
  );
}

interface Drawn {
  readonly key: string;
  readonly name: string;
  readonly color: string;
  readonly total: number | null;
}

function SeriesChart({
  answer,
  metric,
  kind,
  timeZone,
  title,
}: {
  answer: SeriesAnswer;
  metric: string;
  kind: ChartKind;
  timeZone: 'local' | 'utc';
  title: string;
}) {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [showTable, setShowTable] = useState(false);
  const { series } = answer;
  const formats = useMemo(() => timeFormats(timeZone), [timeZone]);
  const tick = formats.tick(series);
  const lines: Drawn[] = series.lines.map((line, index) => ({
    key: `l${index}`,
    name: lineName(line),
    color: line.group === null ? otherColor : (palette[index % palette.length] as string),
    total: line.total[metric] ?? null,
  }));
  const rows = useMemo(
    () =>
      series.times.map((time, at) => {
        const row: Record<string, number | null> = { time };
        series.lines.forEach((line, index) => {
          row[`l${index}`] = line.values[metric]?.[at] ?? null;
        });
        return row;
      }),
    [series, metric],
  );
  // Totals carry only the asked metrics: a chart of sums has no count to tell emptiness by.
  const empty = series.lines.every((line) => !line.total.count && !line.total[metric]);

  if (empty)
    return (
      <EmptyState
        title={
          metric === 'count'
            ? 'No events in this range'
            : `No ${metricLabels[metric] ?? metric} in this range`
        }
      >
        <p>
          {metric === 'count'
            ? "Events this view counts show up here as they arrive. Try a longer range, or check the view's filter."
            : `Only events with ${metric === 'uniques' ? 'a user or anonymous id' : 'the numeric value property'} count here; history counted before this metric was added has none until a backfill.`}
        </p>
      </EmptyState>
    );

  const shown = lines.filter((line) => !hidden.has(line.name));
  const common = {
    data: rows,
    margin: { top: 8, right: 12, bottom: 0, left: 0 },
  };
  const axes = [
    <CartesianGrid key="grid" stroke="#eceff2" vertical={false} />,
    <XAxis
      key="x"
      dataKey="time"
      tickFormatter={tick}
      minTickGap={28}
      tick={{ fontSize: 12 }}
      stroke="#8a949e"
    />,
    <YAxis
      key="y"
      tickFormatter={formatAxisValue}
      width={56}
      tick={{ fontSize: 12 }}
      stroke="#8a949e"
      allowDecimals={metric !== 'count' && metric !== 'uniques'}
    />,
    <Tooltip
      key="tooltip"
      isAnimationActive={false}
      labelFormatter={(time) => formats.full(Number(time))}
      formatter={(value, name) => [formatValue(Number(value), metric), name]}
    />,
  ];

  return (
    <div className="chart" data-testid="chart">
      <div
        className="chart-canvas"
        role="img"
        aria-label={`${title}: ${metricLabels[metric] ?? metric} per ${series.interval}, ${lines.length} lines`}
      >
        <ResponsiveContainer width="100%" height={260} initialDimension={{ width: 700, height: 260 }}>
          {kind === 'bar' ? (
            <BarChart {...common}>
              {axes}
              {shown.map((line) => (
                <Bar
                  key={line.key}
                  dataKey={line.key}
                  name={line.name}
                  fill={line.color}
                  stackId="s"
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          ) : kind === 'area' ? (
            <AreaChart {...common}>
              {axes}
              {shown.map((line) => (
                <Area
                  key={line.key}
                  dataKey={line.key}
                  name={line.name}
                  stroke={line.color}
                  fill={line.color}
                  fillOpacity={0.18}
                  stackId="s"
                  type="linear"
                  isAnimationActive={false}
                />
              ))}
            </AreaChart>
          ) : (
            <LineChart {...common}>
              {axes}
              {shown.map((line) => (
                <Line
                  key={line.key}
                  dataKey={line.key}
                  name={line.name}
                  stroke={line.color}
                  strokeWidth={2}
                  dot={false}
                  type="linear"
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          )}
        </ResponsiveContainer>
      </div>
      <ul className="legend" aria-label="Lines (select to hide or show)">
        {lines.map((line) => {
          const visible = !hidden.has(line.name);
          return (
            <li key={line.key}>
              <button
                type="button"
                className={visible ? 'legend-item' : 'legend-item legend-hidden'}
                aria-pressed={visible}
                data-line={line.name}
                data-total={line.total ?? ''}
                onClick={() =>
                  setHidden((before) => {
                    const next = new Set(before);
                    if (visible) next.add(line.name);
                    else next.delete(line.name);
                    return next;
                  })
                }
              >
                <span className="legend-swatch" style={{ background: line.color }} aria-hidden="true" />
                <span className="legend-name">{line.name}</span>
                <span className="legend-total">{formatValue(line.total, metric)}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <details className="chart-table" onToggle={(event) => setShowTable(event.currentTarget.open)}>
        <summary>Data table</summary>
        {showTable ? (
          <div className="table-wrap chart-table-wrap">
            <table className="table table-compact">
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  {lines.map((line) => (
                    <th scope="col" key={line.key}>
                      {line.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.time}>
                    <td>{formats.full(row.time as number)}</td>
                    {lines.map((line) => (
                      <td key={line.key} className="numeric">
                        {formatValue(row[line.key], metric)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </details>
    </div>
  );
}
