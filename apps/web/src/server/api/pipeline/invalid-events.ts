import type { InvalidEventFilter, InvalidEventPage, InvalidEventView } from './pipeline-monitor.ts';

const previewBytes = 2048;

/** Printable text of the first bytes of refused input; anything binary shows as U+FFFD. */
export function previewOf(head: Uint8Array): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(0, previewBytes));
  // biome-ignore lint/suspicious/noControlCharactersInRegex: replacing control characters is the point
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\uFFFD');
}

/** Newest first, filtered; codes are counted over the tenant's records before the code and text filters. */
export function filterInvalidEvents(
  records: Iterable<InvalidEventView>,
  filter: InvalidEventFilter,
  state: InvalidEventPage['state'],
  window: number,
): InvalidEventPage {
  const ofTenant = [...records].filter(
    (record) => filter.tenant === undefined || record.tenant === filter.tenant,
  );
  const counts = new Map<string, number>();
  for (const record of ofTenant) counts.set(record.code, (counts.get(record.code) ?? 0) + 1);
  const text = filter.text?.trim().toLowerCase();
  const events = ofTenant
    .filter((record) => filter.code === undefined || record.code === filter.code)
    .filter(
      (record) =>
        !text ||
        [record.reason, record.code, record.sha256, record.preview].some((field) =>
          field.toLowerCase().includes(text),
        ),
    )
    .sort((a, b) => b.receivedAt - a.receivedAt || a.partition - b.partition || b.offset - a.offset)
    .slice(0, filter.limit);
  return {
    state,
    events,
    codes: [...counts]
      .map(([code, count]) => ({ code, count }))
      .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1)),
    window,
  };
}
