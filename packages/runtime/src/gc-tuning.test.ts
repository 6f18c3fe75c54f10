import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// A fresh process, tuned, allocates 1 GB of short-lived 50 KB Buffers, like request bodies and Kafka records, and
// counts its collections by kind (perf_hooks: 1 minor, 4 major).
const churn = `
  import { PerformanceObserver } from 'node:perf_hooks';
  import { tuneGarbageCollector } from ${JSON.stringify(join(import.meta.dirname, 'gc-tuning.ts'))};
  tuneGarbageCollector();
  const kinds = { minor: 0, major: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.detail.kind === 1) kinds.minor++;
      if (entry.detail.kind === 4) kinds.major++;
    }
  }).observe({ entryTypes: ['gc'] });
  const live = [];
  for (let i = 0; i < 20_000; i++) {
    live.push(Buffer.allocUnsafe(50_000).fill(i));
    if (live.length > 64) live.shift();
  }
  setTimeout(() => console.log(JSON.stringify(kinds)), 50);
`;

function collections(...nodeFlags: string[]): { minor: number; major: number } {
  const out = execFileSync(process.execPath, [...nodeFlags, '--input-type=module', '-e', churn], {
    encoding: 'utf8',
  });
  return JSON.parse(out) as { minor: number; major: number };
}

describe('tuneGarbageCollector', () => {
  it('lets short-lived Buffers be reclaimed by scavenges rather than full mark-compacts', () => {
    const { minor, major } = collections();
    expect(minor).toBeGreaterThan(0);
    expect(major).toBeLessThan(minor);
  });

  it('leaves the choice to the command line when the flag is there', () => {
    const { minor, major } = collections('--no-external-memory-accounted-in-global-limit');
    expect(major).toBeGreaterThan(minor);
  });
});
