'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import type { GroupLag, InvalidEventView, TopicInfo } from '../server/api/pipeline/pipeline-monitor.ts';
import type { ThroughputPoint } from '../server/api/pipeline/throughput.ts';
import { formatBytes, formatCount, formatRate, formatRelative, formatTime } from './format.ts';
import { usePrincipal, useTenant } from './principal.tsx';
import { Sparkline } from './sparkline.tsx';
import { useTRPC } from './trpc.ts';
import { Badge, EmptyState, ErrorState, Loading, PageHeader, Panel } from './ui.tsx';
import { useUrlState } from './url-state.ts';

export function PipelineView() {
  return (
    <>
      <PageHeader
        title="Pipeline"
        description="Engine health, throughput and consumer lag of the whole deployment, and the input it refused."
      />
      <div className="grid-2">
        <HealthPanel />
        <ThroughputPanel />
      </div>
      <LagPanel />
      <TopicsPanel />
      <InvalidEventsPanel />
    </>
  );
}

const engineNames = { kafka: 'Kafka', cassandra: 'Cassandra', opensearch: 'OpenSearch' } as const;

function HealthPanel() {
  const trpc = useTRPC();
  const health = useQuery({ ...trpc.pipeline.health.queryOptions(), refetchInterval: 5000 });
  return (
    <Panel title="Engines" description="Probed every 5 s from this console instance.">
      {health.isPending ? (
        <Loading label="Probing engines" rows={3} />
      ) : health.isError ? (
        <ErrorState error={health.error} onRetry={() => health.refetch()} />
      ) : (
        <ul className="health-list" data-testid="engine-health">
          {health.data.map((engine) => (
            <li key={engine.engine} className="health">
              <span className={engine.ok ? 'dot dot-good' : 'dot dot-bad'} aria-hidden="true" />
              <span className="health-name">{engineNames[engine.engine]}</span>
              <Badge tone={engine.ok ? 'good' : 'bad'}>{engine.ok ? 'healthy' : 'down'}</Badge>
              <span className="health-latency">{engine.latencyMs} ms</span>
              <span className="health-detail" title={engine.detail}>
                {engine.detail}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

const series: { key: keyof Omit<ThroughputPoint, 'at'>; label: string; color: string }[] = [
  { key: 'in', label: 'Events in', color: 'var(--accent)' },
  { key: 'warehoused', label: 'Warehoused', color: 'var(--good)' },
  { key: 'projected', label: 'Projected', color: '#6f42c1' },
  { key: 'invalid', label: 'Invalid', color: 'var(--bad)' },
  { key: 'replayed', label: 'Replayed', color: 'var(--warn)' },
];

function ThroughputPanel() {
  const trpc = useTRPC();
  const throughput = useQuery({ ...trpc.pipeline.throughput.queryOptions(), refetchInterval: 2000 });
  const { input } = useTenant();
  const freshness = useQuery({
    ...trpc.pipeline.freshness.queryOptions(input),
    refetchInterval: 5000,
  });
  const points = throughput.data ?? [];
  const last = points.at(-1);
  const newest = freshness.data?.newestBucket;
  return (
    <Panel
      title="Throughput"
      description="Events per second from topic end offsets (in) and the warehouse's and projector's commits (out), sampled every 2 s while this page is open."
    >
      {throughput.isError ? (
        <ErrorState error={throughput.error} onRetry={() => throughput.refetch()} />
      ) : throughput.isPending || points.length < 1 ? (
        <Loading label="Sampling offsets" rows={2} />
      ) : (
        <div className="throughput" data-testid="throughput">
          <div className="metric" data-testid="freshness">
            <div className="metric-head">
              <span className="metric-label">Freshness (newest projected minute)</span>
              <span className="metric-value">
                {freshness.isError
                  ? 'unavailable'
                  : newest === undefined
                    ? '…'
                    : newest === null
                      ? 'no views yet'
                      : `${formatTime(newest)} · ${formatRelative(newest, freshness.data?.at ?? Date.now())}`}
              </span>
            </div>
          </div>
          {series.map(({ key, label, color }) => (
            <div key={key} className="metric">
              <div className="metric-head">
                <span className="metric-label">{label}</span>
                <span className="metric-value">{formatRate(last?.[key] ?? 0)}</span>
              </div>
              <Sparkline
                points={points.map((point) => ({ at: point.at, value: point[key] }))}
                label={label}
                color={color}
                width={200}
                height={40}
              />
            </div>
          ))}
        </div>
      )}
    </Panel>
  );
}

function lagTone(lag: number) {
  return lag === 0 ? 'good' : lag < 1000 ? 'warn' : 'bad';
}

function LagPanel() {
  const trpc = useTRPC();
  const lag = useQuery({ ...trpc.pipeline.lag.queryOptions(), refetchInterval: 3000 });
  const [params, setParams] = useUrlState();
  const open = new Set((params.get('groups') ?? '').split(',').filter(Boolean));
  const toggle = (group: string, isOpen: boolean) => {
    if (isOpen) open.add(group);
    else open.delete(group);
    setParams({ groups: [...open].join(',') || undefined });
  };
  return (
    <Panel
      title="Consumer lag"
      description="Records each consumer group has yet to commit, per topic and partition; refreshed every 3 s."
    >
      {lag.isPending ? (
        <Loading label="Loading consumer lag" />
      ) : lag.isError ? (
        <ErrorState error={lag.error} onRetry={() => lag.refetch()} />
      ) : lag.data.length === 0 ? (
        <EmptyState title="No consumer groups yet">
          The warehouse, projector and replay workers create theirs when they start.
        </EmptyState>
      ) : (
        <div className="lag-groups" data-testid="consumer-lag">
          {lag.data.map((group) => (
            <GroupLagRow key={group.group} group={group} open={open.has(group.group)} onToggle={toggle} />
          ))}
        </div>
      )}
    </Panel>
  );
}

function GroupLagRow({
  group,
  open,
  onToggle,
}: {
  group: GroupLag;
  open: boolean;
  onToggle: (group: string, open: boolean) => void;
}) {
  return (
    <details
      className="lag-group"
      open={open}
      onToggle={(event) => {
        const now = (event.currentTarget as HTMLDetailsElement).open;
        if (now !== open) onToggle(group.group, now);
      }}
    >
      <summary>
        <span className="lag-name">{group.group}</span>
        <Badge tone={group.state === 'Stable' ? 'good' : group.state === 'Empty' ? 'neutral' : 'warn'}>
          {group.state}
        </Badge>
        <span className="muted">
          {group.members} member{group.members === 1 ? '' : 's'}
        </span>
        <span
          className="lag-total"
          data-testid={`lag-${group.group}`}
          data-lag={group.lag}
          title={`${group.lag} records`}
        >
          lag <Badge tone={lagTone(group.lag)}>{formatCount(group.lag)}</Badge>
        </span>
      </summary>
      {group.topics.length === 0 ? (
        <p className="muted">No committed offsets on Tidemark topics.</p>
      ) : (
        group.topics.map((topic) => (
          <div className="table-wrap" key={topic.topic}>
            <table className="table table-compact">
              <caption>
                {topic.topic} — lag {formatCount(topic.lag)}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Partition</th>
                  <th scope="col">Committed</th>
                  <th scope="col">End</th>
                  <th scope="col">Lag</th>
                </tr>
              </thead>
              <tbody>
                {topic.partitions.map((partition) => (
                  <tr key={partition.partition}>
                    <td>{partition.partition}</td>
                    <td>
                      {partition.committed === undefined ? (
                        <span className="muted">none</span>
                      ) : (
                        formatCount(partition.committed)
                      )}
                    </td>
                    <td>{formatCount(partition.end)}</td>
                    <td>
                      <Badge tone={lagTone(partition.lag)}>{formatCount(partition.lag)}</Badge>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))
      )}
    </details>
  );
}

function TopicsPanel() {
  const trpc = useTRPC();
  const topics = useQuery({ ...trpc.pipeline.topics.queryOptions(), refetchInterval: 10_000 });
  return (
    <Panel
      title="Topics"
      description="Tidemark's Kafka topics, with retained records and replication per partition."
    >
      {topics.isPending ? (
        <Loading label="Loading topics" />
      ) : topics.isError ? (
        <ErrorState error={topics.error} onRetry={() => topics.refetch()} />
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="topics">
            <thead>
              <tr>
                <th scope="col">Topic</th>
                <th scope="col">Partitions</th>
                <th scope="col">Retained</th>
                <th scope="col" title="Sum of the end offsets: every record ever written">
                  Written
                </th>
                <th scope="col">Replication</th>
              </tr>
            </thead>
            <tbody>
              {topics.data.map((topic) => (
                <TopicRow key={topic.topic} topic={topic} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

function TopicRow({ topic }: { topic: TopicInfo }) {
  const retained = topic.partitions.reduce((sum, p) => sum + (p.high - p.low), 0);
  const written = topic.partitions.reduce((sum, p) => sum + p.high, 0);
  const under = topic.partitions.filter((p) => p.inSync < p.replicas).length;
  const replicas = topic.partitions[0]?.replicas ?? 0;
  return (
    <tr>
      <td>
        <code>{topic.topic}</code>
      </td>
      <td>{topic.partitions.length}</td>
      <td>{formatCount(retained)}</td>
      <td>{formatCount(written)}</td>
      <td>
        {topic.partitions.length === 0 ? (
          <Badge tone="bad">missing</Badge>
        ) : under > 0 ? (
          <Badge tone="warn">{under} under-replicated</Badge>
        ) : (
          <Badge tone="good">RF {replicas} · in sync</Badge>
        )}
      </td>
    </tr>
  );
}

function InvalidEventsPanel() {
  const trpc = useTRPC();
  const principal = usePrincipal();
  const { tenant } = useTenant();
  const [params, setParams] = useUrlState();
  const code = params.get('code') ?? undefined;
  const text = params.get('q') ?? '';
  const [typed, setTyped] = useState(text);
  useEffect(() => setTyped(text), [text]);
  const query = {
    ...(principal.operator && tenant ? { tenant } : {}),
    ...(code ? { code } : {}),
    ...(text ? { text } : {}),
    limit: 100,
  };
  const invalid = useQuery({
    ...trpc.pipeline.invalidEvents.queryOptions(query),
    refetchInterval: (state) => (state.state.data?.state === 'loading' ? 1000 : 5000),
    placeholderData: keepPreviousData,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setParams({ q: typed.trim() || undefined });
  };
  const now = invalid.dataUpdatedAt;

  return (
    <Panel
      title="Invalid events"
      id="invalid-events"
      description={`Recent input that ingest refused, with the reason, ${
        principal.operator
          ? tenant
            ? `of tenant ${tenant}`
            : 'of every tenant'
          : `of tenant ${principal.tenant}`
      }. From the ${invalid.data ? `last ${invalid.data.window}` : 'latest'} records of each partition of the invalid-events topic.`}
    >
      <form className="form-inline filters" onSubmit={submit}>
        <div className="field">
          <label htmlFor="invalid-code">Reason code</label>
          <select
            id="invalid-code"
            value={code ?? ''}
            onChange={(event) => setParams({ code: event.target.value || undefined })}
          >
            <option value="">All codes</option>
            {[
              ...new Set([
                ...(invalid.data?.codes ?? []).map((entry) => entry.code),
                ...(code ? [code] : []),
              ]),
            ].map((value) => (
              <option key={value} value={value}>
                {value} ({invalid.data?.codes.find((entry) => entry.code === value)?.count ?? 0})
              </option>
            ))}
          </select>
        </div>
        <div className="field field-grow">
          <label htmlFor="invalid-text">Search</label>
          <input
            id="invalid-text"
            type="search"
            placeholder="reason, payload or sha256"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
          />
        </div>
        <div className="field field-submit">
          <button type="submit" className="button">
            Filter
          </button>
        </div>
      </form>
      {invalid.isPending ? (
        <Loading label="Reading the invalid-events topic" />
      ) : invalid.isError ? (
        <ErrorState error={invalid.error} onRetry={() => invalid.refetch()} />
      ) : invalid.data.state === 'loading' && invalid.data.events.length === 0 ? (
        <Loading label="Reading back recent invalid events" />
      ) : invalid.data.events.length === 0 ? (
        <EmptyState title={code || text ? 'No invalid events match' : 'No invalid events'}>
          {code || text
            ? 'Clear the filters to see every recent one.'
            : 'Ingest has refused nothing recently.'}
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="invalid-events">
            <thead>
              <tr>
                <th scope="col">Received</th>
                {principal.operator && !tenant ? <th scope="col">Tenant</th> : null}
                <th scope="col">Reason</th>
                <th scope="col">Transport</th>
                <th scope="col">Size</th>
                <th scope="col">Input</th>
              </tr>
            </thead>
            <tbody>
              {invalid.data.events.map((event) => (
                <InvalidRow
                  key={`${event.partition}:${event.offset}`}
                  event={event}
                  now={now}
                  showTenant={principal.operator && !tenant}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

function InvalidRow({
  event,
  now,
  showTenant,
}: {
  event: InvalidEventView;
  now: number;
  showTenant: boolean;
}) {
  return (
    <tr>
      <td title={event.receivedAt ? formatTime(event.receivedAt) : undefined}>
        {event.receivedAt ? formatRelative(event.receivedAt, now) : '—'}
      </td>
      {showTenant ? <td>{event.tenant || <span className="muted">—</span>}</td> : null}
      <td>
        <Badge tone="bad">{event.code}</Badge>
        <div className="cell-sub">{event.reason}</div>
      </td>
      <td>{event.transport}</td>
      <td>{formatBytes(event.size)}</td>
      <td className="cell-preview">
        <details>
          <summary>show</summary>
          <pre className="preview">{event.preview || '(empty)'}</pre>
          <div className="cell-sub">
            sha256 <code>{event.sha256}</code> · partition {event.partition}, offset {event.offset}
          </div>
        </details>
      </td>
    </tr>
  );
}
