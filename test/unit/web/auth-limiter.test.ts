import { describe, expect, it } from 'vitest';
import { AuthLimiter } from '../../../main/web/auth-limiter';

describe('AuthLimiter', () => {
  const make = () => {
    let now = 1_000_000;
    const limiter = new AuthLimiter({ maxFailures: 3, windowMs: 10_000, lockoutMs: 1_000, maxLockoutMs: 3_000, now: () => now });
    return { limiter, advance: (ms: number) => (now += ms) };
  };

  it('locks a peer out after maxFailures and lets it retry afterwards', () => {
    const { limiter, advance } = make();
    limiter.recordFailure('a');
    limiter.recordFailure('a');
    expect(limiter.retryAfter('a')).toBe(0);
    limiter.recordFailure('a');
    expect(limiter.retryAfter('a')).toBe(1_000);
    expect(limiter.retryAfter('b')).toBe(0);
    advance(1_000);
    expect(limiter.retryAfter('a')).toBe(0);
  });

  it('doubles the lockout on repeat offences, up to the maximum', () => {
    const { limiter, advance } = make();
    const lockouts: number[] = [];
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 3; i++) limiter.recordFailure('a');
      lockouts.push(limiter.retryAfter('a'));
      advance(limiter.retryAfter('a'));
    }
    expect(lockouts).toEqual([1_000, 2_000, 3_000, 3_000]);
  });

  it('forgets failures outside the window and resets on success', () => {
    const { limiter, advance } = make();
    limiter.recordFailure('a');
    limiter.recordFailure('a');
    advance(10_000);
    limiter.recordFailure('a');
    expect(limiter.retryAfter('a')).toBe(0);
    limiter.recordFailure('a');
    limiter.recordSuccess('a');
    limiter.recordFailure('a');
    limiter.recordFailure('a');
    expect(limiter.retryAfter('a')).toBe(0);
  });
});
