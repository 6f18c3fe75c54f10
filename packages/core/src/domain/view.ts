import type { PropertyValue, TrackedEvent } from './tracked-event.ts';

/** What a view can compute per bucket and group; the numeric ones read the view's `value` property. */
export const viewMetrics = ['count', 'sum', 'min', 'max', 'avg', 'uniques', 'p50', 'p90', 'p99'] as const;
export type ViewMetric = (typeof viewMetrics)[number];
const numericMetrics: readonly ViewMetric[] = ['sum', 'min', 'max', 'avg', 'p50', 'p90', 'p99'];

/** Group-by keys name a property, or `$name` for the event name. */
export const eventNameKey = '$name';

export interface ViewFilter {
  /** Any of these event names; every name when empty. */
  readonly names: readonly string[];
  /** Every one of these properties equals its value. */
  readonly properties: Readonly<Record<string, PropertyValue>>;
}

/** A time-series view over one tenant's events, bucketed by minute on event time. */
export interface ViewDefinition {
  /** 1-63 of a-z, 0-9, '_' and '-'; stable, used in index names and URLs. */
  readonly id: string;
  readonly title: string;
  readonly filter: ViewFilter;
  /** 0-2 keys. */
  readonly groupBy: readonly string[];
  readonly metrics: readonly ViewMetric[];
  /** The numeric property behind sum, min, max, avg and the percentiles. */
  readonly value?: string;
  /** Distinct groups kept per bucket and source partition; later ones fold into `otherGroup`. */
  readonly groupCap: number;
}

/** A view as stored: its definition and which generation of its documents serves queries. */
export interface View {
  readonly tenant: string;
  readonly definition: ViewDefinition;
  readonly activeGeneration: number;
  /** A rebuild in progress writes this generation beside the active one. */
  readonly buildingGeneration?: number;
  readonly buildingJob?: string;
  readonly retiredGeneration?: number;
  readonly retiredAt?: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly updatedBy: string;
}

export const defaultViewId = 'events-by-name';
export const defaultGroupCap = 1000;
/** The group that collects events past a view's group cap. */
export const otherGroup = '\u0000other';
/** The group value of an event that lacks the group-by property. */
export const noneValue = '(none)';

/** Every tenant has this view without creating it: event counts by event name. */
export function defaultViewDefinition(): ViewDefinition {
  return {
    id: defaultViewId,
    title: 'Events by name',
    filter: { names: [], properties: {} },
    groupBy: [eventNameKey],
    metrics: ['count'],
    groupCap: defaultGroupCap,
  };
}

export function defaultView(tenant: string): View {
  return {
    tenant,
    definition: defaultViewDefinition(),
    activeGeneration: 1,
    createdAt: 0,
    updatedAt: 0,
    updatedBy: 'tidemark',
  };
}

const idPattern = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const keyPattern = /^(\$name|[\w.:-]{1,128})$/;

/** Why a definition can't be saved, or undefined when it can. */
export function viewProblem(definition: ViewDefinition): string | undefined {
  if (!idPattern.test(definition.id))
    return `invalid view id ${JSON.stringify(definition.id)}: use 1-63 of a-z, 0-9, '_' and '-'`;
  if (definition.title.trim() === '' || definition.title.length > 200)
    return 'a view needs a title of 1-200 characters';
  if (definition.groupBy.length > 2) return `group by at most 2 keys, got ${definition.groupBy.length}`;
  if (new Set(definition.groupBy).size !== definition.groupBy.length) return 'group-by keys must differ';
  const badKey = definition.groupBy.find((key) => !keyPattern.test(key));
  if (badKey !== undefined) return `invalid group-by key ${JSON.stringify(badKey)}`;
  if (definition.metrics.length === 0) return 'pick at least one metric';
  const unknown = definition.metrics.find((metric) => !viewMetrics.includes(metric));
  if (unknown !== undefined)
    return `unknown metric ${JSON.stringify(unknown)}; use ${viewMetrics.join(', ')}`;
  const numeric = definition.metrics.filter((metric) => numericMetrics.includes(metric));
  if (numeric.length > 0 && !definition.value)
    return `${numeric.join(', ')} need a numeric property: set value`;
  if (definition.value !== undefined && !keyPattern.test(definition.value))
    return `invalid value property ${JSON.stringify(definition.value)}`;
  if (definition.filter.names.some((name) => name.trim() === '')) return 'filter names must not be empty';
  if (!(Number.isInteger(definition.groupCap) && definition.groupCap >= 1 && definition.groupCap <= 100_000))
    return `the group cap must be a whole number from 1 to 100000, got ${definition.groupCap}`;
  return undefined;
}

/** Whether a view counts this event at all. */
export function viewMatches(definition: ViewDefinition, event: TrackedEvent): boolean {
  const { names, properties } = definition.filter;
  if (names.length > 0 && !names.includes(event.name)) return false;
  for (const [key, value] of Object.entries(properties)) if (event.properties[key] !== value) return false;
  return true;
}

/** The event's group in this view: its group-by values as a JSON array ("[]" without group-by). */
export function groupOf(definition: ViewDefinition, event: TrackedEvent): string {
  return JSON.stringify(
    definition.groupBy.map((key) => {
      if (key === eventNameKey) return event.name;
      const value = event.properties[key];
      return value === undefined ? noneValue : String(value);
    }),
  );
}

/** The group's values, for display; the other-group reads as "other". */
export function groupValues(group: string): string[] {
  return group === otherGroup ? ['other'] : (JSON.parse(group) as string[]);
}

/** The number behind the numeric metrics, when the event has one. */
export function numericValueOf(definition: ViewDefinition, event: TrackedEvent): number | undefined {
  if (!definition.value) return undefined;
  const value = event.properties[definition.value];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Who the uniques count: the user, else the anonymous id. */
export function uniqueKeyOf(event: TrackedEvent): string | undefined {
  return event.userId ?? event.anonymousId;
}

export const minuteMs = 60_000;

/** The 1-minute base bucket of an event time. */
export function bucketOf(time: number): number {
  return Math.floor(time / minuteMs) * minuteMs;
}
