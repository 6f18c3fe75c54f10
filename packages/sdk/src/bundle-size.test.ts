import { build } from 'esbuild';
import { expect, test } from 'vitest';
import { bundleBrowser, sizeLimitBytes } from '../scripts/bundle.ts';

const packageDir = new URL('..', import.meta.url).pathname;

test('the browser bundle is at most 10 KB min+gzip and pulls in nothing but its own sources', async () => {
  const { code, gzipBytes, inputs } = await bundleBrowser();
  console.log(`browser bundle: ${code.length} bytes minified, ${gzipBytes} bytes min+gzip`);
  expect(gzipBytes).toBeLessThanOrEqual(sizeLimitBytes);
  expect(inputs.filter((input) => !input.startsWith('src/'))).toEqual([]);
  expect(code).not.toMatch(/node:/);
  expect(code).toMatch(/export\{/);
}, 30_000);

test('tree-shakeable: importing only the id maker leaves the client, transports and beacon out', async () => {
  const result = await build({
    stdin: {
      contents: "import { uuidV7 } from './src/index.ts'; console.log(uuidV7(Date.now()));",
      resolveDir: packageDir,
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text ?? '';
  expect(code.length).toBeLessThan(600);
  expect(code).not.toMatch(/sendBeacon|WebSocket|localStorage/);
});
