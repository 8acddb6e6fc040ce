import { describe, expect, it } from 'vitest';
import { LoginRateLimiter, peerHost } from '../../../../main/router/auth/rate-limiter';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('LoginRateLimiter', () => {
  it('locks an authid out after N failures within the window, then lets it try again', () => {
    const c = clock();
    const limiter = new LoginRateLimiter({ maxFailuresPerAuthid: 3, maxFailuresPerPeer: 100, windowMs: 60_000, lockoutMs: 30_000 }, c.now);
    for (let i = 0; i < 2; i += 1) limiter.recordFailure('joe', 'tcp4:127.0.0.1:5000');
    expect(limiter.check('joe', 'tcp4:127.0.0.1:5001')).toEqual({ ok: true });
    limiter.recordFailure('joe', 'tcp4:127.0.0.1:5002');
    expect(limiter.check('joe', 'tcp4:127.0.0.1:5003')).toEqual({ ok: false, retryAfterMs: 30_000, scope: 'authid' });
    expect(limiter.check('alice', 'tcp4:127.0.0.1:5003')).toEqual({ ok: true });
    c.advance(30_000);
    expect(limiter.check('joe', 'tcp4:127.0.0.1:5004')).toEqual({ ok: true });
  });

  it('doubles the lockout on repeated lockouts', () => {
    const c = clock();
    const limiter = new LoginRateLimiter({ maxFailuresPerAuthid: 2, maxFailuresPerPeer: 100, lockoutMs: 10_000, maxLockoutMs: 25_000 }, c.now);
    const lockOnce = () => {
      limiter.recordFailure('joe', 'tcp4:10.0.0.1:1');
      limiter.recordFailure('joe', 'tcp4:10.0.0.1:1');
    };
    lockOnce();
    expect(limiter.check('joe', 'tcp4:10.0.0.2:1')).toMatchObject({ ok: false, retryAfterMs: 10_000 });
    c.advance(10_000);
    lockOnce();
    expect(limiter.check('joe', 'tcp4:10.0.0.2:1')).toMatchObject({ ok: false, retryAfterMs: 20_000 });
    c.advance(20_000);
    lockOnce();
    expect(limiter.check('joe', 'tcp4:10.0.0.2:1')).toMatchObject({ ok: false, retryAfterMs: 25_000 });
  });

  it('forgets failures older than the window', () => {
    const c = clock();
    const limiter = new LoginRateLimiter({ maxFailuresPerAuthid: 2, windowMs: 1_000 }, c.now);
    limiter.recordFailure('joe', 'tcp4:127.0.0.1:1');
    c.advance(1_500);
    limiter.recordFailure('joe', 'tcp4:127.0.0.1:1');
    expect(limiter.check('joe', 'tcp4:127.0.0.1:1').ok).toBe(true);
  });

  it('locks a peer host out across authids and ignores the source port', () => {
    const c = clock();
    const limiter = new LoginRateLimiter({ maxFailuresPerAuthid: 100, maxFailuresPerPeer: 3 }, c.now);
    limiter.recordFailure('a', 'tcp4:192.0.2.7:1000');
    limiter.recordFailure('b', 'tcp4:192.0.2.7:1001');
    limiter.recordFailure('c', 'tcp4:192.0.2.7:1002');
    expect(limiter.check('d', 'tcp4:192.0.2.7:2000')).toMatchObject({ ok: false, scope: 'peer' });
    expect(limiter.check('d', 'tcp4:192.0.2.8:2000').ok).toBe(true);
  });

  it('clears the authid record on success', () => {
    const limiter = new LoginRateLimiter({ maxFailuresPerAuthid: 2 }, clock().now);
    limiter.recordFailure('joe', 'tcp4:127.0.0.1:1');
    limiter.recordSuccess('joe');
    limiter.recordFailure('joe', 'tcp4:127.0.0.1:1');
    expect(limiter.check('joe', 'tcp4:127.0.0.1:1').ok).toBe(true);
  });

  it('peerHost strips the port of IPv4 and IPv6 peers', () => {
    expect(peerHost('tcp4:127.0.0.1:54321')).toBe('tcp4:127.0.0.1');
    expect(peerHost('tcp6:::1:54321')).toBe('tcp6:::1');
    expect(peerHost('unix')).toBe('unix');
  });
});
