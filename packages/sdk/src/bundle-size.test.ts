import { expect, test } from 'vitest';
import { bundleBrowser, sizeLimitBytes } from '../scripts/bundle.ts';

test('the browser bundle is at most 10 KB min+gzip and pulls in nothing but its own sources', async () => {
  const { code, gzipBytes, inputs } = await bundleBrowser();
  console.log(`browser bundle: ${code.length} bytes minified, ${gzipBytes} bytes min+gzip`);
  expect(gzipBytes).toBeLessThanOrEqual(sizeLimitBytes);
  expect(inputs.filter((input) => !input.startsWith('src/'))).toEqual([]);
  expect(code).not.toMatch(/node:/);
  expect(code).toMatch(/export\{/);
}, 30_000);
