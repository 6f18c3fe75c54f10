import type { SeriesLine, SeriesResult } from '@tidemark/core';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const precise = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** A metric's value as people read it: counts whole, measures to 2 places, large numbers compact; null as "—". */
export function formatValue(value: number | null | undefined, metric: string): string {
  if (value === null || value === undefined) return '—';
  if (Math.abs(value) >= 1_000_000) return compact.format(value);
  return metric === 'count' || metric === 'uniques' ? integer.format(value) : precise.format(value);
}

export function formatAxisValue(value: number): string {
  return Math.abs(value) >= 10_000 ? compact.format(value) : precise.format(value);
}

export const metricLabels: Record<string, string> = {
  count: 'Events',
  sum: 'Sum',
  min: 'Minimum',
  max: 'Maximum',
  avg: 'Average',
  uniques: 'Unique users',
  p50: 'Median (p50)',
  p90: '90th percentile',
  p99: '99th percentile',
};

/** What a line is called in the legend: its group values, "other" past top-K, or "total" without breakdown. */
export function lineName(line: SeriesLine): string {
  if (line.group === null) return 'other';
  if (line.group.length === 0) return 'total';
  return line.group.join(' · ');
}

/** Time formatting for one zone: `utc`, or undefined for the browser's own. */
export function timeFormats(timeZone: 'local' | 'utc') {
  const zone = timeZone === 'utc' ? 'UTC' : undefined;
  const make = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('en-GB', { hourCycle: 'h23', timeZone: zone, ...options });
  const clock = make({ hour: '2-digit', minute: '2-digit' });
  const dayClock = make({ day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit' });
  const date = make({ day: '2-digit', month: 'short' });
  const full = make({
    year: 'numeric',
    month: 'short',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  return {
    /** Axis ticks: the clock within a day, the date with the clock within a week, the date beyond. */
    tick(series: Pick<SeriesResult, 'from' | 'to' | 'interval'>) {
      const span = series.to - series.from;
      const format =
        series.interval === '1d' || span > 8 * 86_400_000 ? date : span > 86_400_000 ? dayClock : clock;
      return (time: number) => format.format(new Date(time));
    },
    full: (time: number) => full.format(new Date(time)),
  };
}

/** "UTC" or the browser's zone with its offset, e.g. "Europe/Berlin (UTC+01:00)". */
export function zoneLabel(timeZone: 'local' | 'utc', at: number): string {
  if (timeZone === 'utc') return 'UTC';
  const name = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const offset = -new Date(at).getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '−';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${name} (UTC${sign}${hours}:${minutes})`;
}
