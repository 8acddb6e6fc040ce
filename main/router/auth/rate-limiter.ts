// Backoff for failed logins, per authid and per peer host. After `maxFailures` failures within
// `windowMs` a key is locked out; while locked, logins are refused before any secret is looked at,
// so guessing is throttled even when each guess is cheap. Each further lockout of the same key
// doubles the lockout time (capped), and a successful login clears the authid's record.
//
// Neither Crossbar nor Nexus nor Bondy does this; a local router reachable by every process on the
// machine (and maybe, when configured, the LAN) should.

export interface RateLimitOptions {
  /** Failures per authid within the window that trigger a lockout (default 5). */
  maxFailuresPerAuthid: number;
  /**
   * Failures per peer host (all authids) that trigger a lockout (default 20). Higher than the authid
   * limit because on a loopback router every local client shares the host 127.0.0.1.
   */
  maxFailuresPerPeer: number;
  /** Window in which failures are counted (default 60 s). */
  windowMs: number;
  /** First lockout duration (default 30 s); doubles per repeated lockout up to maxLockoutMs. */
  lockoutMs: number;
  /** Upper bound for the doubled lockout (default 15 min). */
  maxLockoutMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = {
  maxFailuresPerAuthid: 5,
  maxFailuresPerPeer: 20,
  windowMs: 60_000,
  lockoutMs: 30_000,
  maxLockoutMs: 15 * 60_000,
};

/** Bounds memory when someone sprays random authids: the oldest records are dropped first. */
const MAX_TRACKED_KEYS = 10_000;

interface Entry {
  failures: number[];
  lockedUntil: number;
  lockouts: number;
}

export type LimitCheck = { ok: true } | { ok: false; retryAfterMs: number; scope: 'authid' | 'peer' };

export class LoginRateLimiter {
  private readonly entries = new Map<string, Entry>();
  readonly options: RateLimitOptions;

  constructor(
    options: Partial<RateLimitOptions> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.options = { ...DEFAULT_RATE_LIMIT, ...options };
  }

  /** Whether a login for this authid from this peer may be attempted at all. */
  check(authid: string | undefined, peer: string): LimitCheck {
    const t = this.now();
    const byAuthid = authid === undefined ? 0 : this.remaining(authidKey(authid), t);
    if (byAuthid > 0) return { ok: false, retryAfterMs: byAuthid, scope: 'authid' };
    const byPeer = this.remaining(peerKey(peer), t);
    if (byPeer > 0) return { ok: false, retryAfterMs: byPeer, scope: 'peer' };
    return { ok: true };
  }

  recordFailure(authid: string | undefined, peer: string): void {
    const t = this.now();
    if (authid !== undefined) this.fail(authidKey(authid), t, this.options.maxFailuresPerAuthid);
    this.fail(peerKey(peer), t, this.options.maxFailuresPerPeer);
  }

  recordSuccess(authid: string): void {
    this.entries.delete(authidKey(authid));
  }

  private remaining(key: string, t: number): number {
    const entry = this.entries.get(key);
    return entry && entry.lockedUntil > t ? entry.lockedUntil - t : 0;
  }

  private fail(key: string, t: number, max: number): void {
    let entry = this.entries.get(key);
    if (!entry) {
      if (this.entries.size >= MAX_TRACKED_KEYS) this.entries.delete(this.entries.keys().next().value!);
      entry = { failures: [], lockedUntil: 0, lockouts: 0 };
    } else {
      this.entries.delete(key); // re-insert below: Map order doubles as least-recently-failed order
    }
    this.entries.set(key, entry);
    entry.failures = entry.failures.filter((at) => t - at < this.options.windowMs);
    entry.failures.push(t);
    if (entry.failures.length >= max) {
      const duration = Math.min(this.options.lockoutMs * 2 ** entry.lockouts, this.options.maxLockoutMs);
      entry.lockedUntil = t + duration;
      entry.lockouts += 1;
      entry.failures = [];
    }
  }
}

const authidKey = (authid: string) => `authid:${authid}`;

/** "tcp4:127.0.0.1:54321" → "tcp4:127.0.0.1": the source port changes with every connection. */
export function peerHost(peer: string): string {
  const i = peer.lastIndexOf(':');
  return i > peer.indexOf(':') ? peer.slice(0, i) : peer;
}

const peerKey = (peer: string) => `peer:${peerHost(peer)}`;
