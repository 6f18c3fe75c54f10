// Shared by the console-*.spec.ts files: tokens from the deployment's own key store, a signed-in browser
// page, a watch on the browser console, and screenshots kept under .tidemark/artifacts/.
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { engineConfigFrom, engineEnvSchema, parseEnv } from '@tidemark/core';
import { type Audience, createTokenIssuer, defaultIssuer, type MintedToken } from '@tidemark/core/auth';
import { createCassandraClient, createCassandraSigningKeyStore } from '@tidemark/core/cassandra';
import type { BrowserContext, Page } from 'playwright-core';

export const engines = engineConfigFrom(parseEnv(engineEnvSchema, process.env));
export const ingestUrl = process.env.INGEST_URL ?? 'http://127.0.0.1:8080';
export const artifacts = resolve(import.meta.dirname, '../.tidemark/artifacts');

/** Mints a token with the deployment's current signing key, as `npm run token -- mint` does. */
export async function mintToken(tenant: string, audience: Audience, ttlSeconds = 3600): Promise<MintedToken> {
  const client = createCassandraClient(engines.cassandra);
  try {
    const keys = createCassandraSigningKeyStore(client, { keyspace: engines.cassandra.keyspace });
    return await createTokenIssuer(keys, { issuer: process.env.TIDEMARK_ISSUER ?? defaultIssuer }).mint({
      tenant,
      audience,
      ttlSeconds,
    });
  } finally {
    await client.shutdown();
  }
}

/** Every console error and uncaught exception of the context's pages, to assert there were none. */
export function watchConsole(context: BrowserContext): string[] {
  const problems: string[] = [];
  context.on('page', (page) => watchPage(page, problems));
  for (const page of context.pages()) watchPage(page, problems);
  return problems;
}

function watchPage(page: Page, problems: string[]) {
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
}

/** Signs in through the sign-in page like a person would, and waits for the dashboards. */
export async function signIn(page: Page, token: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/dashboards', { timeout: 15_000 });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(artifacts, { recursive: true });
  await page.screenshot({ path: resolve(artifacts, `console-${name}.png`), fullPage: true });
}

/** POSTs one event to the running ingest service; returns the HTTP status. */
export async function postEvent(token: string, name: string): Promise<number> {
  const response = await fetch(`${ingestUrl}/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, properties: { source: 'console-e2e' } }),
  });
  await response.body?.cancel();
  return response.status;
}
