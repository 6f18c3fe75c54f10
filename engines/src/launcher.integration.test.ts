import { expect, test } from 'vitest';
import { parseEnginesEnv } from './env.ts';
import { createLauncher } from './launcher.ts';

const launcher = createLauncher(parseEnginesEnv(), () => {});

test('up is idempotent: with every engine healthy it starts nothing and reports all three healthy', async () => {
  expect(await launcher.up()).toEqual([]);
  const statuses = await launcher.status();
  expect(statuses.map((s) => [s.name, s.healthy])).toEqual([
    ['kafka', true],
    ['cassandra', true],
    ['opensearch', true],
  ]);
});
