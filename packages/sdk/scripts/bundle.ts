import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const packageDir = new URL('..', import.meta.url).pathname;
export const browserEntry = `${packageDir}src/index.ts`;
/** Issue 7: the browser bundle is at most 10 KB min+gzip. */
export const sizeLimitBytes = 10 * 1024;

/** The browser bundle: ESM, minified, no dependencies; written to `outfile` or returned. */
export async function bundleBrowser(outfile?: string) {
  const result = await build({
    entryPoints: [browserEntry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    write: outfile !== undefined,
    outfile: outfile ?? 'tidemark.js',
    absWorkingDir: packageDir,
    metafile: true,
    logLevel: 'silent',
  });
  const code =
    outfile === undefined
      ? (result.outputFiles?.[0]?.text ?? '')
      : await import('node:fs/promises').then((fs) => fs.readFile(outfile, 'utf8'));
  return {
    code,
    gzipBytes: gzipSync(code, { level: 9 }).length,
    inputs: Object.keys(result.metafile.inputs),
  };
}
