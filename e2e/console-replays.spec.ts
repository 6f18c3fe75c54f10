import { uniqueName } from '@tidemark/core/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, webUrl } from './browser.ts';
import { mintToken, screenshot, signIn, watchConsole } from './console-support.ts';

// An admin starts a republish on the Replays page and sees it listed with who started it; a job that no
// worker has finished yet can be cancelled and then sits in the history as cancelled.
describe('console replays', () => {
  const tenant = uniqueName('e2ereplays');
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ baseURL: webUrl, viewport: { width: 1280, height: 900 } });
    problems = watchConsole(context);
    page = await context.newPage();
  }, 30_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  test('start a republish, see it listed, cancel it or see it end, find it in the history', async () => {
    await signIn(page, (await mintToken(tenant, 'admin')).token);
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Replays' }).click();
    await page.waitForURL('**/replays');
    await page.getByRole('button', { name: 'Republish a time range' }).click();
    await page.waitForURL('**/replays?mode=republish');
    await page.getByLabel('Event names').fill('console_e2e, signup');
    await page.getByLabel('Rate limit (events/s)').fill('250');
    await page.getByRole('button', { name: 'Start republish' }).click();
    await page.getByText(/Started republish job/).waitFor();

    const history = page.getByTestId('replay-history');
    const active = page.getByTestId('active-jobs');
    await Promise.race([active.waitFor(), history.waitFor()]);
    if (await active.isVisible()) {
      expect(await active.locator('.job-head strong').textContent()).toMatch(
        /^Republish .* \(console_e2e, signup\)$/,
      );
      await screenshot(page, 'replays');
      // With a replay worker running (the whole stack), an empty range may finish before the click lands:
      // then the job has simply ended, which the history below shows.
      const raced = () => false;
      if (
        await active
          .getByRole('button', { name: 'Cancel' })
          .click({ timeout: 3000 })
          .then(() => true, raced)
      ) {
        await page
          .getByRole('dialog', { name: 'Cancel this replay?' })
          .getByRole('button', { name: 'Cancel replay' })
          .click({ timeout: 3000 })
          .catch(raced);
      }
    }
    const row = history.locator('tbody tr').first();
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toMatch(/cancelled|done/);
    expect(await row.textContent()).toContain('admin token');
    await screenshot(page, 'replays-history');
    // A cancel that lost that race is refused with 412 (the job already ended): not an error of the page.
    expect(problems.filter((problem) => !problem.includes('status of 412'))).toEqual([]);
  }, 60_000);
});
