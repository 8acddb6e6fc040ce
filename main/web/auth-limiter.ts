// Throttles wrong credentials per peer address: unknown, malformed or reused login codes and unknown session
// cookies. A 256-bit code cannot be guessed anyway; this keeps a misbehaving local process from hammering
// the login (CPU, log noise) and mirrors what DESIGN.md asks of every login surface in Authbahn. All
// loopback clients share one address, so the web server lets a correct credential through even during a
// lockout (see web-server.ts) — the lockout only turns wrong attempts into cheap, unlogged 429s.
export interface AuthLimiterOptions {
  /** Wrong tokens tolerated per window before the peer is locked out. */
  maxFailures?: number;
  windowMs?: number;
  /** First lockout; each further lockout doubles it, up to maxLockoutMs. */
  lockoutMs?: number;
  maxLockoutMs?: number;
  now?: () => number;
}

interface PeerState {
  failures: number[];
  lockedUntil: number;
  lockouts: number;
}

export class AuthLimiter {
  private readonly peers = new Map<string, PeerState>();
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly lockoutMs: number;
  private readonly maxLockoutMs: number;
  private readonly now: () => number;

  constructor(options: AuthLimiterOptions = {}) {
    this.maxFailures = options.maxFailures ?? 10;
    this.windowMs = options.windowMs ?? 60_000;
    this.lockoutMs = options.lockoutMs ?? 5_000;
    this.maxLockoutMs = options.maxLockoutMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Milliseconds the peer must still wait; 0 when it may try. */
  retryAfter(peer: string): number {
    const state = this.peers.get(peer);
    if (!state) return 0;
    return Math.max(0, state.lockedUntil - this.now());
  }

  recordFailure(peer: string): void {
    const now = this.now();
    const state = this.peers.get(peer) ?? { failures: [], lockedUntil: 0, lockouts: 0 };
    state.failures = state.failures.filter((t) => now - t < this.windowMs);
    state.failures.push(now);
    if (state.failures.length >= this.maxFailures) {
      state.lockedUntil = now + Math.min(this.maxLockoutMs, this.lockoutMs * 2 ** state.lockouts);
      state.lockouts += 1;
      state.failures = [];
    }
    this.peers.set(peer, state);
    this.prune(now);
  }

  recordSuccess(peer: string): void {
    this.peers.delete(peer);
  }

  /** Forget peers with nothing pending, so the map cannot grow without bound. */
  private prune(now: number): void {
    if (this.peers.size < 1024) return;
    for (const [peer, state] of this.peers) {
      if (state.lockedUntil <= now && state.failures.every((t) => now - t >= this.windowMs)) this.peers.delete(peer);
    }
  }
}
