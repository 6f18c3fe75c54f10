import { describe, expect, test } from 'vitest';
import { createRateLimiter } from './rate-limiter.ts';

describe('createRateLimiter', () => {
  const setup = () => {
    let now = 1_000_000;
    const limiter = createRateLimiter({ ratePerSecond: 100, burst: 500 }, () => now);
    return { limiter, advance: (ms: number) => (now += ms) };
  };

  test('a full bucket admits a burst, then refuses with the wait until enough tokens exist', () => {
    const { limiter } = setup();
    expect(limiter.take('t', 500)).toEqual({ allowed: true });
    expect(limiter.take('t', 50)).toEqual({ allowed: false, retryAfterMs: 500 });
  });

  test('tokens refill at the sustained rate and never beyond the burst', () => {
    const { limiter, advance } = setup();
    limiter.take('t', 500);
    advance(1000);
    expect(limiter.take('t', 100)).toEqual({ allowed: true });
    expect(limiter.take('t', 1)).toMatchObject({ allowed: false });
    advance(60_000);
    expect(limiter.take('t', 500)).toEqual({ allowed: true });
    expect(limiter.take('t', 1)).toMatchObject({ allowed: false });
  });

  test('keys are independent', () => {
    const { limiter } = setup();
    limiter.take('a', 500);
    expect(limiter.take('b', 500)).toEqual({ allowed: true });
  });

  test('a cost above the burst is refused with the time to fill the whole bucket', () => {
    const { limiter } = setup();
    limiter.take('t', 500);
    expect(limiter.take('t', 800)).toEqual({ allowed: false, retryAfterMs: 5000 });
  });

  test('idle full buckets are forgotten', () => {
    const { limiter, advance } = setup();
    limiter.take('a', 1);
    limiter.take('b', 1);
    advance(5001);
    limiter.take('c', 1);
    expect(limiter.size).toBe(1);
  });
});
