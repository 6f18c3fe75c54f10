import { uniqueName } from '@tidemark/core/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, webUrl } from './browser.ts';
import { mintToken, screenshot, signIn, watchConsole } from './console-support.ts';

// A viewer (query token) reaches dashboards only: the navigation hides the admin pages, the pages say
// "Admins only", and the API refuses them with 403 whether the call carries the session cookie or the
// token itself. An admin's cookie does not work from another origin.
describe('console roles', () => {
  const tenant = uniqueName('e2eroles');
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ baseURL: webUrl, viewport: { width: 1024, height: 768 } });
    problems = watchConsole(context);
    page = await context.newPage();
  }, 30_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  test('a viewer sees dashboards and views, not tokens, replays or pipeline', async () => {
    const query = await mintToken(tenant, 'query');
    await signIn(page, query.token);
    const nav = page.getByRole('navigation', { name: 'Console' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Dashboards', 'Views']);
    expect(await page.getByTestId('role').textContent()).toBe('viewer');
    await screenshot(page, 'dashboards');

    // Keyboard: the skip link comes first, then the navigation.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Dashboards');

    for (const path of ['/tokens', '/replays', '/pipeline']) {
      await page.goto(path);
      expect(await page.getByTestId('forbidden').getByText('Admins only').count()).toBe(1);
    }
    await screenshot(page, 'viewer-forbidden');
    expect(problems).toEqual([]);
  }, 60_000);

  test('the API refuses a viewer with 403, by session cookie and by bearer token', async () => {
    const origin = { origin: webUrl };
    const cookieCalls = [
      page.request.get('/api/trpc/tokens.list?input=%7B%7D'),
      page.request.get('/api/trpc/replays.list?input=%7B%7D'),
      page.request.get('/api/trpc/pipeline.lag'),
      page.request.post('/api/trpc/tokens.mint', {
        headers: origin,
        data: { audience: 'admin', ttl: '1d' },
      }),
      page.request.post('/api/trpc/replays.start', {
        headers: origin,
        data: { mode: 'rebuild', view: 'anything' },
      }),
    ];
    for (const response of await Promise.all(cookieCalls)) {
      expect([response.url(), response.status()]).toEqual([response.url(), 403]);
      expect((await response.json()).error.message).toBe('this needs an admin token (tidemark:admin)');
    }
    const query = await mintToken(tenant, 'query');
    for (const path of ['tokens.list', 'replays.list']) {
      const response = await fetch(`${webUrl}/api/trpc/${path}?input=%7B%7D`, {
        headers: { authorization: `Bearer ${query.token}` },
      });
      expect(response.status).toBe(403);
    }
    const mint = await fetch(`${webUrl}/api/trpc/tokens.mint`, {
      method: 'POST',
      headers: { authorization: `Bearer ${query.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ audience: 'admin', ttl: '1d' }),
    });
    expect(mint.status).toBe(403);
  }, 30_000);

  test('an operator picks a tenant, and the pages and links act on it', async () => {
    const operatorContext = await browser.newContext({
      baseURL: webUrl,
      viewport: { width: 1024, height: 768 },
    });
    const operatorProblems = watchConsole(operatorContext);
    try {
      const operatorPage = await operatorContext.newPage();
      await signIn(operatorPage, (await mintToken('*', 'admin')).token);
      expect(await operatorPage.getByTestId('role').textContent()).toBe('operator');
      const nav = operatorPage.getByRole('navigation', { name: 'Console' });
      await nav.getByRole('link', { name: 'Tokens' }).click();
      await operatorPage.waitForURL('**/tokens');
      await operatorPage.getByText('Choose a tenant').waitFor();

      const chosen = uniqueName('e2eoperator');
      await operatorPage.getByLabel('Another tenant').fill(chosen);
      await operatorPage.getByRole('button', { name: 'Go' }).click();
      await operatorPage.waitForURL(`**/tokens?tenant=${chosen}`);
      expect(await operatorPage.getByTestId('tenant').textContent()).toBe(chosen);
      await operatorPage.getByLabel('Note').fill('minted by the operator');
      await operatorPage.getByRole('button', { name: 'Mint token' }).click();
      await operatorPage.getByTestId('minted-token').waitFor();
      await operatorPage.getByRole('button', { name: 'Done' }).click();
      await operatorPage
        .locator('[data-testid="tokens-table"] tr', { hasText: 'minted by the operator' })
        .waitFor();
      expect(await nav.getByRole('link', { name: 'Replays' }).getAttribute('href')).toBe(
        `/replays?tenant=${chosen}`,
      );
      expect(operatorProblems).toEqual([]);
    } finally {
      await operatorContext.close();
    }
  }, 60_000);

  test("an admin's session cookie does not work for mutations from another origin", async () => {
    const adminContext = await browser.newContext({ baseURL: webUrl });
    try {
      const adminPage = await adminContext.newPage();
      await signIn(adminPage, (await mintToken(tenant, 'admin')).token);
      const data = { audience: 'ingest', ttl: '1d', note: 'cross-site' };
      const crossSite = await adminPage.request.post('/api/trpc/tokens.mint', {
        headers: { origin: 'http://attacker.example' },
        data,
      });
      expect(crossSite.status()).toBe(403);
      const noOrigin = await adminPage.request.post('/api/trpc/tokens.mint', { data });
      expect(noOrigin.status()).toBe(403);
      const sameOrigin = await adminPage.request.post('/api/trpc/tokens.mint', {
        headers: { origin: webUrl },
        data,
      });
      expect(sameOrigin.status()).toBe(200);
      const list = await adminPage.request.get('/api/trpc/tokens.list?input=%7B%7D');
      const notes = (await list.json()).result.data.map((token: { note?: string }) => token.note);
      expect(notes).toEqual(['cross-site']);
    } finally {
      await adminContext.close();
    }
  }, 30_000);
});
