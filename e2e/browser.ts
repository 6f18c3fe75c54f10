import { type Browser, chromium } from 'playwright-core';

/**
 * Launches the system (Debian) Chromium headless. Playwright's own browser downloads are not used:
 * `CHROMIUM_PATH` overrides the executable, default `/usr/bin/chromium`.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

/** Base URL of the running console; `WEB_URL` overrides it. */
export const webUrl: string = process.env.WEB_URL ?? 'http://127.0.0.1:3000';
