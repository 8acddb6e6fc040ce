import { describe, expect, it } from 'vitest';
import { LoginRateLimiter, peerHost, peerNetwork } from '../../../../main/router/auth/rate-limiter';

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
    expect(limiter.check('joe', 'tcp4:127.0.0.1:5003')).toEqual({ ok: false, retryAfterMs: 30_000, scope: 'authid', cause: 'locked' });
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
    limiter.recordSuccess('joe', 'tcp4:127.0.0.1:1');
    limiter.recordFailure('joe', 'tcp4:127.0.0.1:1');
    expect(limiter.check('joe', 'tcp4:127.0.0.1:1').ok).toBe(true);
  });

  it('peerHost strips the port of IPv4 and IPv6 peers', () => {
    expect(peerHost('tcp4:127.0.0.1:54321')).toBe('tcp4:127.0.0.1');
    expect(peerHost('tcp6:::1:54321')).toBe('tcp6:::1');
    expect(peerHost('unix')).toBe('unix');
  });
});

// Issue 10 item 8: the lockout must not be a cheap DoS of the real user, must not be bypassed by spreading
// guesses over addresses of one network, must decay, and must not give an attacker more guesses.
describe('LoginRateLimiter policy: networks, decay, familiar networks', () => {
  it('counts failures per network: spreading over 127.x.y.z, a /24 or a /64 does not escape the limit', () => {
    const c = clock();
    const limiter = new LoginRateLimiter({ maxFailuresPerAuthid: 1000, maxFailuresPerPeer: 5, maxFailuresPerNetwork: 10 }, c.now);
    // Every failure from a different loopback address (and authid): no host ever reaches its limit of 5.
    for (let i = 0; i < 10; i += 1) limiter.recordFailure(`user${i}`, `tcp4:127.${i}.${i * 7}.${i + 1}:4000`);
    expect(limiter.check('someone', 'tcp4:127.200.0.1:1')).toMatchObject({ ok: false, scope: 'network', cause: 'locked' });
    expect(limiter.check('someone', 'tcp6:::1:1')).toMatchObject({ ok: false, scope: 'network' }); // ::1 is loopback too

    for (let i = 0; i < 10; i += 1) limiter.recordFailure(`user${i}`, `tcp4:10.1.2.${i + 1}:4000`);
    expect(limiter.check('someone', 'tcp4:10.1.2.200:1')).toMatchObject({ ok: false, scope: 'network' });
    expect(limiter.check('someone', 'tcp4:10.1.3.1:1').ok).toBe(true);

    for (let i = 0; i < 10; i += 1) limiter.recordFailure(`user${i}`, `tcp6:2001:db8:0:7:${i.toString(16)}::1:4000`);
    expect(limiter.check('someone', 'tcp6:2001:db8:0:7:ffff::2:1')).toMatchObject({ ok: false, scope: 'network' });
    expect(limiter.check('someone', 'tcp6:2001:db8:0:8::1:1').ok).toBe(true);
  });

  it('lets the doubling level decay after quiet periods instead of keeping it forever', () => {
    const c = clock();
    const limiter = new LoginRateLimiter(
      { maxFailuresPerAuthid: 2, maxFailuresPerPeer: 1000, lockoutMs: 30_000, maxLockoutMs: 15 * 60_000, decayMs: 10 * 60_000 },
      c.now,
    );
    const lockOnce = () => {
      limiter.recordFailure('joe', 'tcp4:10.0.0.1:1');
      limiter.recordFailure('joe', 'tcp4:10.0.0.1:1');
      const r = limiter.check('joe', 'tcp4:10.0.0.1:1');
      return r.ok ? 0 : r.retryAfterMs;
    };
    expect(lockOnce()).toBe(30_000);
    c.advance(30_000);
    expect(lockOnce()).toBe(60_000);
    c.advance(60_000);
    expect(lockOnce()).toBe(120_000);
    // 10 quiet minutes after the lock ended: one level less (120 s again, not 240 s).
    c.advance(120_000 + 10 * 60_000);
    expect(lockOnce()).toBe(120_000);
    // 30 quiet minutes: back to the first lockout.
    c.advance(120_000 + 30 * 60_000);
    expect(lockOnce()).toBe(30_000);
  });

  it('a failure counts for the window only', () => {
    const c = clock();
    const limiter = new LoginRateLimiter({ maxFailuresPerAuthid: 3, windowMs: 60_000 }, c.now);
    for (let i = 0; i < 10; i += 1) {
      limiter.recordFailure('joe', 'tcp4:10.0.0.1:1');
      c.advance(30_001); // never 3 within 60 s
      expect(limiter.check('joe', 'tcp4:10.0.0.1:1').ok).toBe(true);
    }
  });

  it('guessing from other networks does not lock the user out of a network they logged in from', () => {
    const c = clock();
    const limiter = new LoginRateLimiter({ maxFailuresPerAuthid: 5, maxFailuresPerPeer: 20 }, c.now);
    limiter.recordSuccess('alice', 'tcp4:127.0.0.1:5000'); // alice logged in from this machine
    for (let i = 0; i < 5; i += 1) limiter.recordFailure('alice', `tcp4:192.0.2.${i + 1}:6000`);
    // The attacker's side is locked for alice, from any network she never logged in from…
    expect(limiter.check('alice', 'tcp4:192.0.2.99:1')).toMatchObject({ ok: false, scope: 'authid', cause: 'locked' });
    expect(limiter.check('alice', 'tcp4:198.51.100.1:1')).toMatchObject({ ok: false, scope: 'authid' });
    // …alice herself is not.
    expect(limiter.check('alice', 'tcp4:127.0.0.1:5001')).toEqual({ ok: true });
    // An attacker on alice's own network shares her budget (documented): the lock then holds there too.
    for (let i = 0; i < 5; i += 1) limiter.recordFailure('alice', 'tcp4:127.0.0.9:7000');
    expect(limiter.check('alice', 'tcp4:127.0.0.1:5002')).toMatchObject({ ok: false, scope: 'authid' });
  });

  it('measured over a simulated day: fresh addresses give no fresh guesses, and the user on a familiar network always gets in', () => {
    const c = clock();
    const options = { maxFailuresPerAuthid: 5, maxFailuresPerPeer: 20, windowMs: 60_000, lockoutMs: 30_000, maxLockoutMs: 15 * 60_000, decayMs: 10 * 60_000 };
    const limiter = new LoginRateLimiter(options, c.now);
    limiter.recordSuccess('alice', 'tcp4:127.0.0.1:5000');
    let guesses = 0;
    let userRefused = 0;
    let address = 0;
    const day = 24 * 60 * 60_000;
    // Every second the attacker tries from a brand-new address in a brand-new /24 (never locked by host
    // or network); every minute the real user logs in from the machine.
    for (let t = 0; t < day; t += 1000) {
      address += 1;
      const peer = `tcp4:10.${(address >> 8) & 255}.${address & 255}.1:1`;
      const attempt = limiter.begin('alice', peer);
      if (attempt.ok) {
        guesses += 1;
        attempt.attempt.fail();
      }
      if (t % 60_000 === 0) {
        const user = limiter.begin('alice', 'tcp4:127.0.0.1:5000');
        if (user.ok) user.attempt.succeed();
        else userRefused += 1;
      }
      c.advance(1000);
    }
    // Budget: 5 guesses per lockout; lockouts reach 15 min after 5 doublings (30 s … 15 min) and stay
    // there while the attacker keeps failing: at most 5 × (5 + 24 h / 15 min) guesses.
    const bound = 5 * (5 + day / (15 * 60_000));
    expect(guesses).toBeLessThanOrEqual(bound);
    expect(guesses).toBeGreaterThan(0);
    expect(userRefused).toBe(0);
  });

  it('N concurrent checks get no more guesses than N sequential ones: checks in flight count against the budget', () => {
    const c = clock();
    const limiter = new LoginRateLimiter({ maxFailuresPerAuthid: 3, maxFailuresPerPeer: 1000 }, c.now);
    const started = Array.from({ length: 10 }, () => limiter.begin('joe', 'tcp4:10.0.0.1:1'));
    expect(started.filter((s) => s.ok)).toHaveLength(3);
    expect(started.find((s) => !s.ok)).toMatchObject({ ok: false, scope: 'authid', cause: 'busy' });
    for (const s of started) if (s.ok) s.attempt.fail();
    expect(limiter.check('joe', 'tcp4:10.0.0.1:1')).toMatchObject({ ok: false, cause: 'locked' });
  });

  it('caps pending challenges per authid and per peer host, and frees a slot once', () => {
    const limiter = new LoginRateLimiter({ maxPendingPerAuthid: 2, maxPendingPerPeer: 3 }, clock().now);
    const a = limiter.holdChallenge('joe', 'tcp4:10.0.0.1:1');
    const b = limiter.holdChallenge('joe', 'tcp4:10.0.0.1:2');
    expect(limiter.holdChallenge('joe', 'tcp4:10.0.0.2:1')).toEqual({ ok: false, scope: 'authid', limit: 2 });
    expect(limiter.holdChallenge('ann', 'tcp4:10.0.0.1:3').ok).toBe(true);
    expect(limiter.holdChallenge('bob', 'tcp4:10.0.0.1:4')).toEqual({ ok: false, scope: 'peer', limit: 3 });
    if (!a.ok || !b.ok) throw new Error('expected slots');
    a.slot.release();
    a.slot.release(); // idempotent: frees one slot, not two
    expect(limiter.holdChallenge('joe', 'tcp4:10.0.0.2:1').ok).toBe(true);
    expect(limiter.holdChallenge('joe', 'tcp4:10.0.0.2:1').ok).toBe(false);
  });

  it('keys authids by a hash: a spray of huge authids keeps the records small', () => {
    const limiter = new LoginRateLimiter({ maxFailuresPerAuthid: 1000 }, clock().now);
    const big = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 50; i += 1) {
      const authid = `${i}${big}`;
      limiter.recordFailure(authid, `tcp4:10.0.${i}.1:1`);
      limiter.holdChallenge(authid, `tcp4:10.0.${i}.1:1`);
    }
    const footprint = limiter.footprint();
    expect(footprint.entries).toBeGreaterThanOrEqual(50);
    expect(footprint.keyChars).toBeLessThan(50 * 5 * 40); // a few dozen characters per key, never the authid
  });
});

describe('peerNetwork', () => {
  it('maps hosts to /24, /64 and one loopback network', () => {
    expect(peerNetwork('tcp4:192.0.2.7:1')).toBe('net4:192.0.2.0/24');
    expect(peerNetwork('tcp4:127.45.6.7:1')).toBe('loopback');
    expect(peerNetwork('tcp6:::1:1')).toBe('loopback');
    expect(peerNetwork('tcp6:::ffff:10.1.2.3:1')).toBe('net4:10.1.2.0/24');
    expect(peerNetwork('tcp6:2001:db8::1:1')).toBe('net6:2001:db8:0:0::/64');
    expect(peerNetwork('tcp6:fe80::1%eth0:1')).toBe('net6:fe80:0:0:0::/64');
    expect(peerNetwork('unix')).toBe('host:unix');
  });
});
