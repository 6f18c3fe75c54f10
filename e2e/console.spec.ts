import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, webUrl } from './browser.ts';

// Runs against the already running stack (`npm start`); it fails when the web app is not serving.
describe('console', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ baseURL: webUrl });
    page = await context.newPage();
  }, 30_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  test('opens the console page with its heading', async () => {
    const response = await page.goto('/', { timeout: 15_000 });
    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe('Tidemark');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Tidemark');
  }, 20_000);

  test('answers ok on /api/health', async () => {
    const response = await page.request.get('/api/health', { timeout: 10_000 });
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', service: 'web' });
  }, 15_000);
});
