import { uniqueName, waitFor } from '@tidemark/core/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, webUrl } from './browser.ts';
import { mintToken, postEvent, screenshot, signIn, watchConsole } from './console-support.ts';

// Against the running console and ingest: an admin signs in, mints an ingest token on the Tokens page,
// posts with it, revokes it on the same page, and ingest then answers 401.
describe('console tokens', () => {
  const tenant = uniqueName('e2etokens');
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

  test('the sign-in page refuses an ingest token with a reason', async () => {
    const ingest = await mintToken(tenant, 'ingest');
    await page.goto('/sign-in');
    await screenshot(page, 'sign-in');
    await page.getByLabel('Token').fill(ingest.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const refusal = page.locator('.form-error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe(
      'token is for tidemark:ingest; the console takes a tidemark:query or tidemark:admin token',
    );
    expect(page.url()).toContain('/sign-in');
    // The refused sign-in is the one error Chromium logs (it logs every 4xx fetch); nothing else.
    expect(problems).toEqual([
      'console.error: Failed to load resource: the server responded with a status of 403 (Forbidden)',
    ]);
    problems.length = 0;
  }, 30_000);

  test('an admin mints an ingest token, posts with it, revokes it, and ingest then refuses it', async () => {
    const admin = await mintToken(tenant, 'admin');
    await signIn(page, admin.token);
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Tokens' }).click();
    await page.waitForURL('**/tokens');
    await page.getByRole('heading', { name: 'Mint a token' }).waitFor();

    const note = `e2e website ${Date.now()}`;
    await page.getByLabel('ingest').check();
    await page.getByLabel('Expires after').selectOption('1d');
    await page.getByLabel('Note').fill(note);
    await page.getByRole('button', { name: 'Mint token' }).click();
    const minted = page.getByLabel('The new token');
    await minted.waitFor();
    const token = await minted.inputValue();
    expect(token.split('.')).toHaveLength(3);

    expect(await postEvent(token, 'console_e2e')).toBe(200);

    await page.getByRole('button', { name: 'Done' }).click();
    const row = page.locator('[data-testid="tokens-table"] tr', { hasText: note });
    await row.getByText('active', { exact: true }).waitFor();
    await screenshot(page, 'tokens');
    await row.getByRole('button', { name: /Revoke token/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke this token?' });
    await dialog.getByRole('button', { name: 'Revoke token' }).click();
    await row.getByText('revoked', { exact: true }).waitFor({ timeout: 10_000 });

    // Ingest reloads its denylist at least every 2 s.
    const revokedAt = Date.now();
    await waitFor(
      'ingest to refuse the revoked token',
      async () => ((await postEvent(token, 'console_e2e')) === 401 ? true : undefined),
      5000,
    );
    expect(Date.now() - revokedAt).toBeLessThan(4000);
    expect(problems).toEqual([]);
  }, 60_000);

  test('sign-out ends the session: the console asks to sign in again', async () => {
    await page.goto('/dashboards');
    // A click before React has hydrated the shell does nothing, and a loaded box can show "Console
    // unavailable" for a moment; so click again, reloading when the shell isn't there, until the page
    // leaves. Each miss is thrown so a timeout says what the page showed.
    await waitFor(
      'sign-out to land on the sign-in page',
      async () => {
        if (page.url().endsWith('/sign-in')) return true;
        const button = page.getByRole('button', { name: 'Sign out' });
        if (!(await button.isVisible())) {
          const shown = await page
            .locator('main')
            .first()
            .textContent()
            .catch(() => '(no main)');
          await page.reload();
          throw new Error(
            `no Sign out button at ${page.url()}; the page showed: ${(shown ?? '').slice(0, 300)}`,
          );
        }
        await button.click({ timeout: 5000 });
        const left = await page.waitForURL('**/sign-in', { timeout: 3000 }).then(
          () => true,
          () => false,
        );
        if (left) return true;
        const alert = await page.getByRole('alert').allInnerTexts();
        throw new Error(`still at ${page.url()} after a click; alerts: ${JSON.stringify(alert)}`);
      },
      25_000,
    ).catch(async (error) => {
      await screenshot(page, 'sign-out-failed');
      throw new Error(
        `${error.message}; last: ${error.cause?.message}; console: ${JSON.stringify(problems)}`,
      );
    });
    await page.goto('/tokens');
    await page.waitForURL('**/sign-in');
    expect(problems).toEqual([]);
  }, 30_000);
});
