// npm run build: what a published package ships, in dist/:
// - tidemark.js: the browser (and Node) entry, ESM, minified, checked against its size limit;
// - node.js: the Node-only extras (the file queue), ESM;
// - types/: declarations for both.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { bundleBrowser, sizeLimitBytes } from './bundle.ts';

const dir = new URL('..', import.meta.url).pathname;
const { code, gzipBytes } = await bundleBrowser(`${dir}dist/tidemark.js`);
console.log(
  `dist/tidemark.js: ${code.length} bytes minified, ${gzipBytes} bytes min+gzip (limit ${sizeLimitBytes})`,
);
if (gzipBytes > sizeLimitBytes) {
  console.error('the browser bundle is over its size limit');
  process.exit(1);
}
await build({
  entryPoints: [`${dir}src/node.ts`],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outfile: `${dir}dist/node.js`,
  logLevel: 'warning',
});
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', `${dir}tsconfig.build.json`], { stdio: 'inherit' });
console.log('dist/node.js and dist/types/ written');
