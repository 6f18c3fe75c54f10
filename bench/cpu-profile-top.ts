// bench/cpu-profile-top: the functions with the most self time in a V8 `.cpuprofile` (from `--cpu-prof`, for
// instance `node ingest.ts --server-node-args="--cpu-prof --cpu-prof-dir=/tmp/prof"`), as shares of all samples.
// With --inclusive: time in each function and everything it called, as shares of the busy (non-idle) samples.
//   node cpu-profile-top.ts <file.cpuprofile> [count] [--inclusive]
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}
const args = process.argv.slice(2);
const inclusive = args.includes('--inclusive');
const [file, count = '30'] = args.filter((arg) => arg !== '--inclusive');
if (!file) throw new Error('usage: node cpu-profile-top.ts <file.cpuprofile> [count] [--inclusive]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[] };
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parents = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
const nameOf = ({ callFrame: frame }: ProfileNode) =>
  `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-3).join('/')}:${frame.lineNumber}`;

const totals = new Map<string, number>();
let counted = 0;
for (const id of profile.samples) {
  const node = nodes.get(id);
  if (!node) continue;
  if (!inclusive) {
    counted++;
    totals.set(nameOf(node), (totals.get(nameOf(node)) ?? 0) + 1);
    continue;
  }
  if (node.callFrame.functionName === '(idle)') continue;
  counted++;
  // Each function once per sample, however often it recurs on the stack.
  const onStack = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
    const frame = nodes.get(at);
    if (frame) onStack.add(nameOf(frame));
  }
  for (const name of onStack) totals.set(name, (totals.get(name) ?? 0) + 1);
}
for (const [name, samples] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, Number(count)))
  console.log(`${((100 * samples) / counted).toFixed(1).padStart(5)} %  ${name}`);
