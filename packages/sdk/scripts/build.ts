// npm run build: dist/tidemark.js, the browser bundle (ESM, minified), and its size against the limit.
import { bundleBrowser, sizeLimitBytes } from './bundle.ts';

const outfile = new URL('../dist/tidemark.js', import.meta.url).pathname;
const { code, gzipBytes } = await bundleBrowser(outfile);
console.log(
  `dist/tidemark.js: ${code.length} bytes minified, ${gzipBytes} bytes min+gzip (limit ${sizeLimitBytes})`,
);
if (gzipBytes > sizeLimitBytes) {
  console.error('the browser bundle is over its size limit');
  process.exit(1);
}
