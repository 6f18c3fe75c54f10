import { describe, expect, test } from 'vitest';
import {
  isClaimable,
  newReplayJob,
  nextRebuildGeneration,
  type ReplayJob,
  type ReplayRequest,
  replayRequestProblem,
} from './replay-job.ts';

const republish: ReplayRequest = {
  tenant: 'acme',
  mode: 'republish',
  from: Date.UTC(2026, 2, 1),
  to: Date.UTC(2026, 2, 2),
  startedBy: 'cli:ops',
};
const rebuild: ReplayRequest = {
  tenant: 'acme',
  mode: 'rebuild',
  view: 'signups',
  generation: 2,
  since: Date.UTC(2025, 0, 1),
  startedBy: 'cli:ops',
};

describe('replayRequestProblem', () => {
  test.each<[string, ReplayRequest, string | undefined]>([
    ['a republish range', republish, undefined],
    ['a republish with names and a rate', { ...republish, names: ['a', 'b'], rateLimit: 500 }, undefined],
    ['a rebuild', rebuild, undefined],
    ['an empty range', { ...republish, to: republish.from }, 'must lie before'],
    ['a reversed range', { ...republish, to: republish.from - 1 }, 'must lie before'],
    ['a time that is not one', { ...republish, from: Number.NaN }, 'must be times'],
    ['an empty name', { ...republish, names: ['a', ' '] }, 'must not be empty'],
    ['a zero rate', { ...republish, rateLimit: 0 }, 'positive whole number'],
    ['a fractional rate', { ...republish, rateLimit: 2.5 }, 'positive whole number'],
    ['the operator tenant', { ...republish, tenant: '*' }, 'one tenant'],
    ['a bad tenant', { ...republish, tenant: 'Acme Corp' }, 'invalid tenant'],
    ['nobody starting it', { ...republish, startedBy: ' ' }, 'who starts'],
    ['a bad view', { ...rebuild, view: 'Sign Ups' }, 'invalid view'],
    ['generation 0', { ...rebuild, generation: 0 }, 'generation'],
    ['no since', { ...rebuild, since: Number.NaN }, 'since'],
  ])('%s', (_, request, problem) => {
    const found = replayRequestProblem(request);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });
});

describe('newReplayJob', () => {
  test('a republish job starts pending with its names deduplicated and sorted', () => {
    expect(newReplayJob({ ...republish, names: ['b', 'a', 'b'], rateLimit: 100 }, 'id-1', 5)).toEqual({
      id: 'id-1',
      tenant: 'acme',
      scope: { mode: 'republish', from: republish.from, to: republish.to, names: ['a', 'b'] },
      rateLimit: 100,
      status: 'pending',
      progress: { emitted: 0, ratePerSecond: 0 },
      startedBy: 'cli:ops',
      createdAt: 5,
      updatedAt: 5,
    });
  });

  test('a rebuild job keeps its view, generation and history start; no names means every name', () => {
    expect(newReplayJob(rebuild, 'id-2', 7).scope).toEqual({
      mode: 'rebuild',
      view: 'signups',
      generation: 2,
      since: Date.UTC(2025, 0, 1),
    });
    expect(newReplayJob({ ...republish, names: [] }, 'id-3', 7).scope).not.toHaveProperty('names');
  });
});

describe('nextRebuildGeneration', () => {
  test('one past the highest generation of earlier rebuilds of the same tenant and view', () => {
    const jobs = [
      newReplayJob({ ...rebuild, generation: 3 }, 'a', 1),
      newReplayJob({ ...rebuild, generation: 9, view: 'other' }, 'b', 1),
      newReplayJob({ ...rebuild, generation: 7, tenant: 'globex' }, 'c', 1),
      newReplayJob(republish, 'd', 1),
    ];
    expect(nextRebuildGeneration(jobs, 'acme', 'signups')).toBe(4);
    expect(nextRebuildGeneration(jobs, 'acme', 'new-view')).toBe(1);
  });
});

describe('isClaimable', () => {
  const job = newReplayJob(republish, 'id', 0);
  const running = (owner?: string, leaseUntil?: number): ReplayJob => ({
    ...job,
    status: 'running',
    ...(owner ? { owner } : {}),
    ...(leaseUntil ? { leaseUntil } : {}),
  });
  test.each<[string, ReplayJob, boolean]>([
    ['pending', job, true],
    ['running with a live lease', running('w', 2000), false],
    ['running with an expired lease', running('w', 1000), true],
    ['running and released', running(), true],
    ['done', { ...job, status: 'done' }, false],
    ['cancelled', { ...job, status: 'cancelled' }, false],
    ['failed', { ...job, status: 'failed' }, false],
  ])('%s', (_, candidate, claimable) => {
    expect(isClaimable(candidate, 1000)).toBe(claimable);
  });
});
