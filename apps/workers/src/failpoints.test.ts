import { expect, test } from 'vitest';
import { createFailpoints } from './failpoints.ts';

test('only the active failpoint fires', () => {
  const fired: string[] = [];
  const failpoints = createFailpoints('after-write', () => fired.push('killed'));
  failpoints.hit('before-write');
  expect(fired).toEqual([]);
  failpoints.hit('after-write');
  expect(fired).toEqual(['killed']);
  createFailpoints(undefined, () => fired.push('never')).hit('after-write');
  expect(fired).toEqual(['killed']);
});
