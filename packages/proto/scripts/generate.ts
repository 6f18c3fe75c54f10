// Regenerates src/generated from the .proto files with protobufjs-cli (static code + types).
// `--check` regenerates into a temporary folder and fails when the committed code differs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const protos = ['tidemark/v1/event.proto'];
const check = process.argv.includes('--check');
const out = check ? mkdtempSync(join(tmpdir(), 'tidemark-proto-')) : join(root, 'src/generated');
const bin = (name: string) => join(root, 'node_modules/.bin', name);
const cli = (name: string) => {
  const local = bin(name);
  return readFileSafe(local) ? local : join(root, '../../node_modules/.bin', name);
};

execFileSync(
  cli('pbjs'),
  ['-t', 'static-module', '-w', 'es6', '--es6', '--no-beautify', '-o', join(out, 'tidemark.js'), ...protos],
  { cwd: root, stdio: 'inherit' },
);
execFileSync(cli('pbts'), ['-o', join(out, 'tidemark.d.ts'), join(out, 'tidemark.js')], {
  cwd: root,
  stdio: 'inherit',
});

if (check) {
  const stale = ['tidemark.js', 'tidemark.d.ts'].filter(
    (file) => readFileSafe(join(out, file)) !== readFileSafe(join(root, 'src/generated', file)),
  );
  rmSync(out, { recursive: true, force: true });
  if (stale.length > 0) {
    console.error(`generated code is stale (${stale.join(', ')}): run npm run generate -w @tidemark/proto`);
    process.exit(1);
  }
}

function readFileSafe(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
