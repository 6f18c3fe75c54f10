import { describe, expect, test } from 'vitest';
import { createRefreshGate } from './refresh-gate.ts';

/** A refresh that the test finishes by hand, recording the keys of each call. */
function manualRefresh() {
  const calls: { keys: string[]; finish(error?: Error): void }[] = [];
  const refresh = (keys: string[]) =>
    new Promise<void>((resolve, reject) => {
      calls.push({ keys, finish: (error) => (error ? reject(error) : resolve()) });
    });
  return { calls, refresh };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('refresh gate', () => {
  test('callers that ask while a refresh runs share the next one, with their keys merged', async () => {
    const { calls, refresh } = manualRefresh();
    const gate = createRefreshGate({ refresh, idOf: (key: string) => key, minGapMs: 0 });
    const done: string[] = [];
    void gate.after(['a']);
    void gate.after(['a', 'b']).then(() => done.push('first'));
    void gate.after(['b', 'c']).then(() => done.push('second'));
    await settled();
    calls[0]?.finish();
    await settled();
    expect(calls.map((call) => call.keys)).toEqual([['a'], ['a', 'b', 'c']]);
    expect(done).toEqual([]);
    calls[1]?.finish();
    await settled();
    expect(done).toEqual(['first', 'second']);
  });

  test('a caller arriving during a refresh waits for the next one, which starts after it', async () => {
    const { calls, refresh } = manualRefresh();
    const gate = createRefreshGate({ refresh, idOf: (key: string) => key, minGapMs: 0 });
    const done: string[] = [];
    void gate.after(['a']).then(() => done.push('early'));
    await settled();
    void gate.after(['b']).then(() => done.push('late'));
    await settled();
    expect(calls).toHaveLength(1);
    calls[0]?.finish();
    await settled();
    expect(done).toEqual(['early']);
    expect(calls.map((call) => call.keys)).toEqual([['a'], ['b']]);
    calls[1]?.finish();
    await settled();
    expect(done).toEqual(['early', 'late']);
  });

  test('refreshes start at least minGapMs apart', async () => {
    const starts: number[] = [];
    const gate = createRefreshGate({
      refresh: async () => {
        starts.push(performance.now());
      },
      idOf: (key: string) => key,
      minGapMs: 60,
    });
    await gate.after(['a']);
    await gate.after(['a']);
    await gate.after(['a']);
    expect(starts).toHaveLength(3);
    // Node's timers may fire a millisecond or two early against performance.now(); without a gap these are ~0.
    expect((starts[1] ?? 0) - (starts[0] ?? 0)).toBeGreaterThanOrEqual(55);
    expect((starts[2] ?? 0) - (starts[1] ?? 0)).toBeGreaterThanOrEqual(55);
  });

  test('a failed refresh fails its callers, and the next caller gets a fresh attempt', async () => {
    const { calls, refresh } = manualRefresh();
    const gate = createRefreshGate({ refresh, idOf: (key: string) => key, minGapMs: 0 });
    const first = gate.after(['a']);
    await settled();
    calls[0]?.finish(new Error('refresh refused'));
    await expect(first).rejects.toThrow('refresh refused');
    const second = gate.after(['a']);
    await settled();
    calls[1]?.finish();
    await expect(second).resolves.toBeUndefined();
  });
});
