'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { ChooseTenant } from '../../../components/console-shell.tsx';
import { formatCount, formatDuration, formatRelative, formatTime } from '../../../components/format.ts';
import { usePrincipal, useTenant } from '../../../components/principal.tsx';
import { useTRPC } from '../../../components/trpc.ts';
import {
  Badge,
  EmptyState,
  ErrorState,
  FormError,
  Loading,
  PageHeader,
  Panel,
} from '../../../components/ui.tsx';
import { useUrlState } from '../../../components/url-state.ts';
import type { ViewSummary } from '../../../server/query/series-service.ts';
import {
  definitionOf,
  emptyForm,
  formOf,
  formProblems,
  idFromTitle,
  numericMetrics,
  type PropertyRow,
  type PropertyType,
  type ViewForm,
} from './view-form.ts';

export interface EditorLimits {
  readonly metrics: readonly string[];
  readonly defaultGroupCap: number;
}

export function ViewsEditor({ limits }: { limits: EditorLimits }) {
  const { tenant } = useTenant();
  const principal = usePrincipal();
  const [params, setParams] = useUrlState();
  const admin = principal.role === 'admin';
  const editing = params.get('edit');
  const creating = params.get('new') === '1';
  return (
    <>
      <PageHeader
        title="Views"
        description="A view turns events into a time series: which events (filter), how they are grouped, and which metrics are kept per minute."
        actions={
          tenant && admin && !creating && !editing ? (
            <button
              type="button"
              className="button button-primary"
              onClick={() => setParams({ new: '1', edit: undefined, saved: undefined, job: undefined })}
            >
              New view
            </button>
          ) : null
        }
      />
      {!tenant ? (
        <ChooseTenant />
      ) : (
        <>
          {params.get('saved') ? <SavedPanel id={params.get('saved') as string} /> : null}
          {(creating || editing) && !admin ? (
            <div className="forbidden" role="alert">
              <p className="empty-title">Admins only</p>
              <p>Creating and changing views needs an admin token (tidemark:admin) for this tenant.</p>
            </div>
          ) : creating ? (
            <EditorPanel key="new" limits={limits} />
          ) : editing ? (
            <EditorPanel key={`edit-${editing}`} id={editing} limits={limits} />
          ) : null}
          <ViewList />
        </>
      )}
    </>
  );
}

function ViewList() {
  const trpc = useTRPC();
  const principal = usePrincipal();
  const { input } = useTenant();
  const [, setParams] = useUrlState();
  const views = useQuery(trpc.views.list.queryOptions(input));
  // The views are fetched in the browser only, so the clock of their answer is safe to render with.
  const now = views.dataUpdatedAt;
  const tenantQuery = input.tenant ? `?tenant=${encodeURIComponent(input.tenant)}` : '';

  return (
    <Panel title="Views of this tenant" description="Every view gets a chart on Dashboards.">
      {views.isPending ? (
        <Loading label="Loading views" />
      ) : views.isError ? (
        <ErrorState error={views.error} onRetry={() => views.refetch()} />
      ) : views.data.length === 0 ? (
        <EmptyState title="No views yet" />
      ) : (
        <div className="table-wrap">
          <table className="table view-list" data-testid="views-table">
            <thead>
              <tr>
                <th scope="col">View</th>
                <th scope="col">Filter</th>
                <th scope="col">Group by</th>
                <th scope="col">Metrics</th>
                <th scope="col">Generation</th>
                <th scope="col">Changed</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {views.data.map((view) => (
                <tr key={view.id} data-view={view.id}>
                  <td>
                    {view.title}
                    <div className="cell-sub">
                      <code>{view.id}</code>
                    </div>
                  </td>
                  <td>{filterText(view)}</td>
                  <td>{view.groupBy.length ? view.groupBy.join(', ') : '—'}</td>
                  <td>
                    {view.metrics.join(', ')}
                    {view.value ? <div className="cell-sub">of {view.value}</div> : null}
                  </td>
                  <td>
                    {view.generation}{' '}
                    {view.rebuilding ? (
                      <Badge tone="info">rebuilding {view.rebuilding.generation}</Badge>
                    ) : null}
                  </td>
                  <td>
                    {view.updatedAt ? (
                      <span title={formatTime(view.updatedAt)}>{formatRelative(view.updatedAt, now)}</span>
                    ) : (
                      'built in'
                    )}
                    <div className="cell-sub">{view.updatedBy}</div>
                  </td>
                  <td className="cell-actions">
                    <Link className="button button-small" href={`/dashboards${tenantQuery}#view-${view.id}`}>
                      Chart
                    </Link>{' '}
                    {principal.role === 'admin' ? (
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={`Edit ${view.title}`}
                        onClick={() => {
                          setParams({ edit: view.id, new: undefined, saved: undefined, job: undefined });
                          window.scrollTo({ top: 0 });
                        }}
                      >
                        Edit
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

function filterText(view: ViewSummary): string {
  const names = view.filter.names.length ? view.filter.names.join(', ') : 'every event';
  const properties = Object.entries(view.filter.properties).map(
    ([key, value]) => `${key} = ${JSON.stringify(value)}`,
  );
  return properties.length ? `${names} where ${properties.join(' and ')}` : names;
}

function EditorPanel({ id, limits }: { id?: string; limits: EditorLimits }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { input } = useTenant();
  const [, setParams] = useUrlState();
  const existing = useQuery({
    ...trpc.views.get.queryOptions({ ...input, id: id ?? '' }),
    enabled: id !== undefined,
  });
  const [form, setForm] = useState<ViewForm | undefined>(
    id === undefined ? emptyForm(limits.defaultGroupCap) : undefined,
  );
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    if (existing.data && !form) setForm(formOf(existing.data));
  }, [existing.data, form]);
  const save = useMutation(
    trpc.views.save.mutationOptions({
      onSuccess: async (result) => {
        await queryClient.invalidateQueries({ queryKey: trpc.views.list.queryKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.views.get.queryKey() });
        setParams({
          new: undefined,
          edit: undefined,
          saved: result.view.id,
          changed: result.changed ? (result.created ? 'new' : 'changed') : 'none',
          job: undefined,
        });
      },
    }),
  );
  const close = () => setParams({ new: undefined, edit: undefined });

  if (id !== undefined && existing.isError)
    return <ErrorState error={existing.error} onRetry={() => existing.refetch()} />;
  if (!form) return <Loading label="Loading the view" />;

  const problems = formProblems(form);
  const shown = touched ? problems : {};
  const set = (patch: Partial<ViewForm>) => setForm({ ...form, ...patch });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (Object.keys(problems).length > 0) return;
    save.mutate({ ...input, create: id === undefined, definition: definitionOf(form) });
  };

  return (
    <Panel
      title={id === undefined ? 'New view' : `Edit ${existing.data?.title ?? id}`}
      description={
        id === undefined
          ? 'A new view counts events from the moment it is saved; backfill it to count history too.'
          : 'A changed view counts new events the new way; backfill it to recount history.'
      }
    >
      <form
        className="form"
        onSubmit={submit}
        noValidate
        aria-label={id === undefined ? 'New view' : `Edit view ${id}`}
      >
        <div className="editor-grid">
          <Field label="Title" error={shown.title}>
            {(props) => (
              <input
                {...props}
                value={form.title}
                maxLength={200}
                onChange={(event) =>
                  set({
                    title: event.target.value,
                    ...(form.idFromTitle && id === undefined ? { id: idFromTitle(event.target.value) } : {}),
                  })
                }
              />
            )}
          </Field>
          <Field
            label="ID"
            error={shown.id}
            hint={
              id === undefined
                ? 'Used in URLs and the API; it cannot change later.'
                : 'The id of a saved view cannot change.'
            }
          >
            {(props) => (
              <input
                {...props}
                value={form.id}
                readOnly={id !== undefined}
                maxLength={63}
                spellCheck={false}
                onChange={(event) => set({ id: event.target.value, idFromTitle: false })}
              />
            )}
          </Field>
          <Field label="Event names" hint="Comma-separated; empty counts every event." className="span-2">
            {(props) => (
              <input
                {...props}
                value={form.names}
                placeholder="signup, checkout"
                onChange={(event) => set({ names: event.target.value })}
              />
            )}
          </Field>
          <PropertyFilter
            rows={form.properties}
            error={shown.properties}
            onChange={(properties) => set({ properties })}
          />
          <Field
            label="Group by"
            error={shown.groupBy}
            hint="Up to two property names; $name is the event name."
            className="span-2"
            group
          >
            {() => (
              <div className="row">
                {[0, 1].map((index) => (
                  <input
                    key={index}
                    aria-label={index === 0 ? 'First group-by key' : 'Second group-by key'}
                    value={form.groupBy[index]}
                    list="group-by-suggestions"
                    placeholder={index === 0 ? '$name' : 'optional'}
                    spellCheck={false}
                    onChange={(event) =>
                      set({
                        groupBy: (index === 0
                          ? [event.target.value, form.groupBy[1]]
                          : [form.groupBy[0], event.target.value]) as [string, string],
                      })
                    }
                  />
                ))}
                <datalist id="group-by-suggestions">
                  <option value="$name" />
                </datalist>
              </div>
            )}
          </Field>
          <Field label="Metrics" error={shown.metrics} className="span-2" group>
            {() => (
              <div className="checks">
                {limits.metrics.map((metric) => (
                  <label key={metric}>
                    <input
                      type="checkbox"
                      checked={form.metrics.includes(metric)}
                      onChange={(event) =>
                        set({
                          metrics: event.target.checked
                            ? limits.metrics.filter((name) => name === metric || form.metrics.includes(name))
                            : form.metrics.filter((name) => name !== metric),
                        })
                      }
                    />
                    {metric}
                  </label>
                ))}
              </div>
            )}
          </Field>
          <Field
            label="Value property"
            error={shown.value}
            hint={`The numeric property behind ${numericMetrics.join(', ')}.`}
          >
            {(props) => (
              <input
                {...props}
                value={form.value}
                placeholder="e.g. amount"
                spellCheck={false}
                onChange={(event) => set({ value: event.target.value })}
              />
            )}
          </Field>
          <Field
            label="Group cap"
            error={shown.groupCap}
            hint="Distinct groups kept per minute; the rest count as “other”."
          >
            {(props) => (
              <input
                {...props}
                type="number"
                min={1}
                max={100000}
                value={form.groupCap}
                onChange={(event) => set({ groupCap: event.target.value })}
              />
            )}
          </Field>
        </div>
        <FormError message={save.error?.message} />
        <div className="editor-actions">
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : id === undefined ? 'Create view' : 'Save changes'}
          </button>
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          {touched && Object.keys(problems).length > 0 ? (
            <span className="field-error" role="status">
              Fix the marked fields first.
            </span>
          ) : null}
        </div>
      </form>
    </Panel>
  );
}

function Field({
  label,
  error,
  hint,
  className,
  group,
  children,
}: {
  label: string;
  error?: string | undefined;
  hint?: string;
  className?: string;
  group?: boolean;
  children: (props: { id: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const props = {
    id,
    ...(error ? { 'aria-invalid': true } : {}),
    ...(described ? { 'aria-describedby': described } : {}),
  };
  const body = (
    <>
      {children(props)}
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </>
  );
  return group ? (
    <fieldset className={`field ${className ?? ''}`} aria-describedby={described || undefined}>
      <legend>{label}</legend>
      {body}
    </fieldset>
  ) : (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {body}
    </div>
  );
}

function PropertyFilter({
  rows,
  error,
  onChange,
}: {
  rows: readonly PropertyRow[];
  error: string | undefined;
  onChange: (rows: PropertyRow[]) => void;
}) {
  const change = (index: number, patch: Partial<PropertyRow>) =>
    onChange(rows.map((row, at) => (at === index ? { ...row, ...patch } : row)));
  return (
    <fieldset className="field span-2">
      <legend>Property filter</legend>
      <p className="hint">Only events whose properties equal all of these.</p>
      <div className="property-rows">
        {rows.map((row, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, by position
          <div className="property-row" key={index}>
            <input
              aria-label={`Property ${index + 1} name`}
              value={row.key}
              placeholder="property"
              spellCheck={false}
              onChange={(event) => change(index, { key: event.target.value })}
            />
            <input
              aria-label={`Property ${index + 1} value`}
              value={row.value}
              disabled={row.type === 'true' || row.type === 'false'}
              placeholder={row.type === 'number' ? '0' : 'value'}
              inputMode={row.type === 'number' ? 'decimal' : undefined}
              onChange={(event) => change(index, { value: event.target.value })}
            />
            <select
              aria-label={`Property ${index + 1} type`}
              value={row.type}
              onChange={(event) => change(index, { type: event.target.value as PropertyType })}
            >
              <option value="text">text</option>
              <option value="number">number</option>
              <option value="true">true</option>
              <option value="false">false</option>
            </select>
            <button
              type="button"
              className="button button-small"
              aria-label={`Remove property ${index + 1}`}
              onClick={() => onChange(rows.filter((_, at) => at !== index))}
            >
              Remove
            </button>
          </div>
        ))}
      </div>
      <div>
        <button
          type="button"
          className="button button-small"
          onClick={() => onChange([...rows, { key: '', value: '', type: 'text' }])}
        >
          Add property
        </button>
      </div>
      {error ? <p className="field-error">{error}</p> : null}
    </fieldset>
  );
}

/** After a save: what changed, the offer to backfill, and the backfill's progress. */
function SavedPanel({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { input } = useTenant();
  const [params, setParams] = useUrlState();
  const changed = params.get('changed');
  const job = params.get('job');
  const start = useMutation(
    trpc.replays.start.mutationOptions({
      onSuccess: async (started) => {
        await queryClient.invalidateQueries({ queryKey: trpc.replays.list.queryKey() });
        setParams({ job: started.id });
      },
    }),
  );
  const tenantQuery = input.tenant ? `?tenant=${encodeURIComponent(input.tenant)}` : '';
  return (
    <Panel
      title={
        changed === 'new'
          ? `View ${id} created`
          : changed === 'changed'
            ? `View ${id} changed`
            : `View ${id} saved`
      }
      id="saved"
      actions={
        <button
          type="button"
          className="button button-small"
          onClick={() => setParams({ saved: undefined, changed: undefined, job: undefined })}
        >
          Dismiss
        </button>
      }
    >
      <div className="saved" data-testid="saved-view">
        {changed === 'none' ? (
          <p>Nothing changed: the definition is the one already saved.</p>
        ) : job ? (
          <BackfillProgress id={job} view={id} />
        ) : (
          <>
            <p>
              {changed === 'new'
                ? 'It counts events from now on. Backfill it to count the events already in the warehouse as well.'
                : 'New events are counted the new way from now on; the history it shows was counted the old way. Backfill to recount all of it.'}{' '}
              The chart keeps serving the current numbers until the backfill has caught up, then switches in
              one step.
            </p>
            <FormError message={start.error?.message} />
            <div className="editor-actions">
              <button
                type="button"
                className="button button-primary"
                disabled={start.isPending}
                onClick={() => start.mutate({ ...input, mode: 'rebuild', view: id })}
              >
                {start.isPending ? 'Starting…' : 'Backfill from history'}
              </button>
              <Link className="button" href={`/dashboards${tenantQuery}#view-${id}`}>
                Open its chart
              </Link>
            </div>
          </>
        )}
      </div>
    </Panel>
  );
}

function BackfillProgress({ id, view }: { id: string; view: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { input } = useTenant();
  const job = useQuery({
    ...trpc.replays.get.queryOptions({ ...input, id }),
    refetchInterval: (query) =>
      query.state.data && !['pending', 'running'].includes(query.state.data.status) ? false : 1000,
  });
  const status = job.data?.status;
  useEffect(() => {
    if (status === 'done') void queryClient.invalidateQueries({ queryKey: trpc.views.list.queryKey() });
  }, [status, queryClient, trpc]);
  const tenantQuery = input.tenant ? `?tenant=${encodeURIComponent(input.tenant)}` : '';
  if (job.isPending) return <Loading label="Loading the backfill" rows={1} />;
  if (job.isError) return <ErrorState error={job.error} onRetry={() => job.refetch()} />;
  const { progress, percent, etaSeconds } = job.data;
  const shownPercent = percent === undefined ? undefined : Math.floor(percent);
  return (
    <div className="job" data-testid="backfill" data-status={status}>
      <div className="job-head">
        <strong>Backfill of {view}</strong>
        <Badge
          tone={
            status === 'done'
              ? 'good'
              : status === 'failed'
                ? 'bad'
                : status === 'cancelled'
                  ? 'neutral'
                  : 'info'
          }
        >
          {status === 'pending' ? 'waiting for a worker' : status}
        </Badge>
      </div>
      <div
        className={percent === undefined ? 'progress indeterminate' : 'progress'}
        role="progressbar"
        aria-label={`Backfill of ${view}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={shownPercent}
      >
        <div className="progress-bar" style={{ width: `${percent ?? 100}%` }} />
      </div>
      <p className="hint" data-testid="backfill-progress">
        {formatCount(progress.emitted)} events emitted
        {progress.estimatedTotal !== undefined ? ` of ~${formatCount(progress.estimatedTotal)}` : ''}
        {shownPercent !== undefined ? ` · ${shownPercent} %` : ''}
        {etaSeconds !== undefined && status === 'running'
          ? ` · about ${formatDuration(etaSeconds)} left`
          : ''}
        {job.data.error ? ` · ${job.data.error}` : ''}
      </p>
      <div className="editor-actions">
        <Link className="button" href={`/replays${tenantQuery}`}>
          Follow on Replays
        </Link>
        {status === 'done' ? (
          <Link className="button button-primary" href={`/dashboards${tenantQuery}#view-${view}`}>
            Open its chart
          </Link>
        ) : null}
      </div>
    </div>
  );
}
