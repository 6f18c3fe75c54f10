// bench/cpu-profile-top: the functions with the most self time in a V8 `.cpuprofile` (from `--cpu-prof`, for
// instance `node ingest.ts --server-node-args="--cpu-prof --cpu-prof-dir=/tmp/prof"`), as shares of all samples.
//   node cpu-profile-top.ts <file.cpuprofile> [count]
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}
const [file, count = '30'] = process.argv.slice(2);
if (!file) throw new Error('usage: node cpu-profile-top.ts <file.cpuprofile> [count]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[] };
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map<string, number>();
for (const id of profile.samples) {
  const frame = nodes.get(id)?.callFrame;
  if (!frame) continue;
  const name = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-3).join('/')}:${frame.lineNumber}`;
  self.set(name, (self.get(name) ?? 0) + 1);
}
for (const [name, samples] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(count)))
  console.log(`${((100 * samples) / profile.samples.length).toFixed(1).padStart(5)} %  ${name}`);
