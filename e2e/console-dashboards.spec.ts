import { uniqueName, waitFor } from '@tidemark/core/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { launchBrowser, webUrl } from './browser.ts';
import { ingestUrl, mintToken, screenshot, signIn, watchConsole } from './console-support.ts';

// Against the running stack (ingest, warehouse, projector, replay workers and the console): events posted
// over HTTP and over ingest's WebSocket show up in the dashboard's chart in place, over the live channel; a
// view made in the editor and backfilled from history charts exactly the events it should.

interface PostedEvent {
  readonly name: string;
  readonly properties?: Record<string, string | number | boolean>;
}

async function postOverHttp(token: string, events: readonly PostedEvent[]): Promise<void> {
  const response = await fetch(`${ingestUrl}/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ events }),
  });
  const body = (await response.json()) as { accepted?: number };
  expect(response.status).toBe(200);
  expect(body.accepted).toBe(events.length);
}

/** One batch over `GET /v1/ws?token=`; resolves with its ack. */
async function postOverWebSocket(token: string, events: readonly PostedEvent[]): Promise<void> {
  const socket = new WebSocket(
    `${ingestUrl.replace(/^http/, 'ws')}/v1/ws?token=${encodeURIComponent(token)}`,
  );
  try {
    const ack = await new Promise<{ type: string; seq: number; accepted: number }>((resolve, reject) => {
      socket.once('error', reject);
      socket.once('message', (data) => resolve(JSON.parse(String(data))));
      socket.once('open', () => socket.send(JSON.stringify({ seq: 1, events })));
    });
    expect(ack).toMatchObject({ type: 'ack', seq: 1, accepted: events.length });
  } finally {
    socket.close();
  }
}

/** The legend's total of one line of a chart, once the chart has it. */
async function lineTotal(page: Page, view: string, line: string): Promise<number | undefined> {
  const item = page.locator(`[data-view="${view}"] [data-line="${line}"]`);
  if ((await item.count()) === 0) return undefined;
  const total = await item.getAttribute('data-total');
  return total ? Number(total) : undefined;
}

describe('console dashboards', () => {
  const tenant = uniqueName('e2edash');
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let ingestToken: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    // The narrowest width the console supports.
    context = await browser.newContext({ baseURL: webUrl, viewport: { width: 1024, height: 900 } });
    problems = watchConsole(context);
    page = await context.newPage();
    ingestToken = (await mintToken(tenant, 'ingest')).token;
    await signIn(page, (await mintToken(tenant, 'admin')).token);
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  test('events posted over HTTP and over WebSocket update the chart in place, live', async () => {
    const chart = page.locator('[data-view="events-by-name"]');
    await chart.getByText('No events in this range').waitFor({ timeout: 20_000 });
    await chart.locator('[data-testid="live-status"][data-status="live"]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('time-zone').textContent()).toMatch(/^Times in .+\(UTC[+−]\d\d:\d\d\)$/);
    // A marker on the window: it survives only if the page is never reloaded.
    await page.evaluate(() => {
      (window as unknown as { e2eMarker: number }).e2eMarker = 42;
    });
    const updates = async () => Number(await chart.getByTestId('live-status').getAttribute('data-updates'));

    // The console's series-updates consumer starts from the latest offset once it has joined its group, so
    // the first update of a fresh web instance can come a few seconds late: post until one arrives.
    await waitFor(
      'the first live update',
      async () => {
        await postOverHttp(ingestToken, [{ name: 'e2e_warmup' }]);
        return (await lineTotal(page, 'events-by-name', 'e2e_warmup')) ? true : undefined;
      },
      45_000,
    );
    const before = await updates();
    expect(before).toBeGreaterThanOrEqual(1);

    await postOverHttp(ingestToken, [
      { name: 'e2e_http', properties: { plan: 'pro' } },
      { name: 'e2e_http', properties: { plan: 'free' } },
      { name: 'e2e_http' },
    ]);
    await waitFor(
      '3 e2e_http events in the chart',
      async () => ((await lineTotal(page, 'events-by-name', 'e2e_http')) === 3 ? true : undefined),
      60_000,
    );
    await postOverWebSocket(ingestToken, [{ name: 'e2e_ws' }, { name: 'e2e_ws' }]);
    await waitFor(
      '2 e2e_ws events in the chart',
      async () => ((await lineTotal(page, 'events-by-name', 'e2e_ws')) === 2 ? true : undefined),
      60_000,
    );
    expect(await updates()).toBeGreaterThan(before);
    expect(await page.evaluate(() => (window as unknown as { e2eMarker?: number }).e2eMarker)).toBe(42);

    // The state is in the URL: a bar chart of the last 15 minutes survives a reload, as a shared link would.
    await chart.getByRole('button', { name: 'bar' }).click();
    await page.getByRole('button', { name: 'Last 15 minutes' }).click();
    await page.waitForURL(/range=15m/);
    expect(page.url()).toContain('c.events-by-name=bar');
    await page.reload();
    await page.locator('[data-view="events-by-name"] [data-line="e2e_http"]').waitFor();
    expect(await page.getByRole('button', { name: 'bar' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('button', { name: 'Last 15 minutes' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(await lineTotal(page, 'events-by-name', 'e2e_ws')).toBe(2);
    await screenshot(page, 'dashboards');
    // Lines hide and show from the keyboard.
    const legendItem = page.locator('[data-view="events-by-name"] [data-line="e2e_warmup"]');
    await legendItem.focus();
    await page.keyboard.press('Space');
    expect(await legendItem.getAttribute('aria-pressed')).toBe('false');
    await page.keyboard.press('Enter');
    expect(await legendItem.getAttribute('aria-pressed')).toBe('true');
    expect(problems).toEqual([]);
  }, 120_000);

  test('a new view, backfilled from history, charts exactly the events it counts', async () => {
    // History the new view must count, and events it must not.
    await postOverHttp(ingestToken, [
      { name: 'e2e_signup', properties: { plan: 'pro', seats: 3, source: 'web' } },
      { name: 'e2e_signup', properties: { plan: 'pro', seats: 5, source: 'web' } },
      { name: 'e2e_signup', properties: { plan: 'free', seats: 1, source: 'web' } },
      { name: 'e2e_signup', properties: { plan: 'pro', seats: 2, source: 'test' } },
      { name: 'e2e_login', properties: { plan: 'pro', source: 'web' } },
    ]);
    await postOverWebSocket(ingestToken, [
      { name: 'e2e_signup', properties: { plan: 'team', seats: 10, source: 'web' } },
    ]);

    await page.goto('/views');
    await page.getByRole('button', { name: 'New view' }).click();
    const form = page.getByRole('form', { name: 'New view' });
    // The editor explains what is wrong before anything is sent.
    await form.getByRole('button', { name: 'Create view' }).click();
    await form.getByText('a view needs a title').waitFor();
    await form.getByLabel('Title', { exact: true }).fill('E2E signups by plan');
    expect(await form.getByLabel('ID', { exact: true }).inputValue()).toBe('e2e-signups-by-plan');
    await form.getByLabel('Event names', { exact: true }).fill('e2e_signup');
    await form.getByRole('button', { name: 'Add property' }).click();
    await form.getByLabel('Property 1 name', { exact: true }).fill('source');
    await form.getByLabel('Property 1 value', { exact: true }).fill('web');
    await form.getByLabel('First group-by key', { exact: true }).fill('plan');
    await form.getByLabel('sum', { exact: true }).check();
    await form.getByRole('button', { name: 'Create view' }).click();
    await form.getByText('sum need a numeric property').waitFor();
    await form.getByLabel('Value property', { exact: true }).fill('seats');
    await form.getByRole('button', { name: 'Create view' }).click();

    const saved = page.getByTestId('saved-view');
    await saved.getByRole('button', { name: 'Backfill from history' }).click();
    const progress = page.getByRole('progressbar', { name: 'Backfill of e2e-signups-by-plan' });
    // A year of warehouse partitions is scanned: on a busy 2-core machine this takes minutes.
    await page.locator('[data-testid="backfill"][data-status="done"]').waitFor({ timeout: 240_000 });
    expect(await progress.getAttribute('aria-valuenow')).toBe('100');
    expect(await page.getByTestId('backfill-progress').textContent()).toContain('100 %');
    expect(await page.getByRole('link', { name: 'Follow on Replays' }).getAttribute('href')).toBe('/replays');
    await screenshot(page, 'views');

    await page.getByRole('link', { name: 'Open its chart' }).click();
    await page.waitForURL('**/dashboards*');
    const view = 'e2e-signups-by-plan';
    // The property filter leaves out the signup from source test; the login is not a signup.
    await waitFor(
      'the backfilled chart',
      async () => ((await lineTotal(page, view, 'pro')) === 2 ? true : undefined),
      60_000,
    );
    expect(await lineTotal(page, view, 'free')).toBe(1);
    expect(await lineTotal(page, view, 'team')).toBe(1);
    expect(await page.locator(`[data-view="${view}"] [data-line]`).count()).toBe(3);
    const chart = page.locator(`[data-view="${view}"]`);
    await chart.getByLabel('Metric', { exact: true }).selectOption('sum');
    await waitFor(
      'sums of seats',
      async () => ((await lineTotal(page, view, 'pro')) === 8 ? true : undefined),
      60_000,
    );
    expect(await lineTotal(page, view, 'team')).toBe(10);
    expect(await lineTotal(page, view, 'free')).toBe(1);
    expect(problems).toEqual([]);
  }, 330_000);
});
