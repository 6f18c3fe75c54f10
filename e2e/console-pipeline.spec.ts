import { createKafka } from '@tidemark/core/kafka';
import { uniqueName } from '@tidemark/core/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, webUrl } from './browser.ts';
import { engines, ingestUrl, mintToken, screenshot, signIn, watchConsole } from './console-support.ts';

// The pipeline page against the running console and the shared Kafka: a consumer group of this test's
// own, with a known committed offset, shows its lag per partition; an event ingest refused shows up in
// the invalid-events browser with its reason.
describe('console pipeline', () => {
  const tenant = uniqueName('e2epipeline');
  const group = `${engines.names.groups.warehouse.replace(/-warehouse$/, '')}-${uniqueName('e2econsole')}`;
  const kafka = createKafka({ brokers: engines.kafkaBrokers, clientId: 'tidemark-e2e-console' });
  const admin = kafka.admin();
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let expectedLag = 0;

  beforeAll(async () => {
    await admin.connect();
    const topic = engines.names.topics.events;
    const ends = await admin.fetchTopicOffsets(topic);
    const first = ends.find((entry) => entry.partition === 0);
    expectedLag = Number(first?.high ?? 0);
    await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '0' }] });
    browser = await launchBrowser();
    context = await browser.newContext({ baseURL: webUrl, viewport: { width: 1280, height: 900 } });
    problems = watchConsole(context);
    page = await context.newPage();
  }, 60_000);

  afterAll(async () => {
    await admin.deleteGroups([group]).catch(() => {});
    await admin.disconnect();
    await context?.close();
    await browser?.close();
  });

  test('shows engine health, throughput, and the lag of a group per partition', async () => {
    await signIn(page, (await mintToken(tenant, 'admin')).token);
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Pipeline' }).click();
    await page.waitForURL('**/pipeline');

    const health = page.getByTestId('engine-health');
    await health.waitFor();
    expect(await health.getByText('healthy', { exact: true }).count()).toBe(3);

    const groupLag = page.getByTestId(`lag-${group}`);
    await groupLag.waitFor({ timeout: 15_000 });
    const shown = Number(await groupLag.getAttribute('data-lag'));
    expect(shown).toBeGreaterThanOrEqual(expectedLag);
    // Opening a group lists its partitions; the open group is kept in the URL.
    await page.locator('summary', { hasText: group }).click();
    await page.waitForURL(`**/pipeline?groups=${group}`);
    const partitions = page.locator('details[open] table caption', { hasText: engines.names.topics.events });
    expect(await partitions.count()).toBe(1);

    await page.getByTestId('throughput').waitFor({ timeout: 15_000 });
    await screenshot(page, 'pipeline');
    expect(problems).toEqual([]);
  }, 60_000);

  test('an event refused by ingest appears among the invalid events with its reason, filterable', async () => {
    const ingest = await mintToken(tenant, 'ingest');
    const response = await fetch(`${ingestUrl}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ingest.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '', properties: { marker: tenant } }),
    });
    expect(await response.json()).toMatchObject({ rejected: [{ code: 'INGEST_INVALID_NAME' }] });

    const table = page.getByTestId('invalid-events');
    await table.getByText('INGEST_INVALID_NAME').first().waitFor({ timeout: 20_000 });
    expect(
      await table.getByText('name must be a non-empty string', { exact: false }).count(),
    ).toBeGreaterThan(0);

    await page.getByLabel('Search').fill(tenant);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(`**q=${tenant}**`);
    await table.locator('tbody tr').first().waitFor();
    expect(await table.locator('tbody tr').count()).toBe(1);
    await page.getByLabel('Search').fill('no-such-text-anywhere');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('No invalid events match').waitFor();
    expect(problems).toEqual([]);
  }, 60_000);
});
