// Backoff for failed logins. Neither Crossbar nor Nexus nor Bondy does this; a local router reachable by
// every process on the machine (and maybe, when configured, the LAN) should.
//
// The policy (README "Security defaults" says the same):
// - Failures are counted per authid, per peer host and per peer network (IPv4 /24, IPv6 /64, all of
//   loopback as one). A failure counts for `windowMs`; reaching a key's maximum within the window locks
//   that key for `lockoutMs`, doubled for each further lockout of the key up to `maxLockoutMs`. The
//   doubling level drops by one for every `decayMs` without a failure, so an old burst stops mattering.
// - While a key is locked, logins it covers are refused before any secret is looked at.
// - Every secret check reserves a slot first (begin → fail/succeed/cancel), and a key whose failures plus
//   checks in flight reach its maximum refuses further checks. So N logins sent at once get no more
//   guesses than N sent one after another, and a lock reached meanwhile refuses the ones still waiting.
// - Authid lockouts do not lock the real user out from where they log in: an authid's failures are kept
//   in two buckets, one for networks from which this authid has logged in successfully ("familiar",
//   since the router started) and one for all others. Guessing from elsewhere exhausts and locks only
//   the "others" bucket. A peer earns familiarity only by a successful login, i.e. by knowing the secret,
//   so an attacker cannot pick a fresh address to get a fresh budget; only one who can send from a
//   network where the user has logged in gets the second bucket (at most 2 × the authid maximum per
//   lockout period). Host and network lockouts apply to everyone on that host/network.
// - A successful login clears the failures of its bucket (not the doubling level, which decays by time).
//
// Authids are keyed by a hash, so a peer sending huge authids cannot make the limiter hold them.
import { createHash } from 'node:crypto';
import { peerHost, peerNetwork } from './peer-network';

export { peerHost, peerNetwork } from './peer-network';

export interface RateLimitOptions {
  /** Failures per authid (per bucket, see above) within the window that trigger a lockout (default 5). */
  maxFailuresPerAuthid: number;
  /**
   * Failures per peer host (all authids) that trigger a lockout (default 20). Higher than the authid
   * limit because on a loopback router every local client shares the host 127.0.0.1.
   */
  maxFailuresPerPeer: number;
  /** Failures per peer network (/24, /64, loopback) that trigger a lockout (default 2 × maxFailuresPerPeer). */
  maxFailuresPerNetwork: number;
  /** Window in which failures are counted (default 60 s). */
  windowMs: number;
  /** First lockout duration (default 30 s); doubles per repeated lockout up to maxLockoutMs. */
  lockoutMs: number;
  /** Upper bound for the doubled lockout (default 15 min). */
  maxLockoutMs: number;
  /** The doubling level drops by one per this quiet time without failures (default 10 min). */
  decayMs: number;
  /** CHALLENGEs awaiting AUTHENTICATE per authid (default 4); more HELLOs for it are refused meanwhile. */
  maxPendingPerAuthid: number;
  /** CHALLENGEs awaiting AUTHENTICATE per peer host (default 8). */
  maxPendingPerPeer: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = {
  maxFailuresPerAuthid: 5,
  maxFailuresPerPeer: 20,
  maxFailuresPerNetwork: 40,
  windowMs: 60_000,
  lockoutMs: 30_000,
  maxLockoutMs: 15 * 60_000,
  decayMs: 10 * 60_000,
  maxPendingPerAuthid: 4,
  maxPendingPerPeer: 8,
};

/** Bounds memory when someone sprays random authids: the least recently failed records are dropped first. */
const MAX_TRACKED_KEYS = 10_000;
/** Authids whose familiar networks are remembered, and networks per authid. Only successes add to these. */
const MAX_FAMILIAR_AUTHIDS = 10_000;
const MAX_FAMILIAR_NETWORKS = 8;
/**
 * A pending-challenge slot is freed when its AUTHENTICATE arrives or its session ends; this only frees
 * a slot some session forgot. Longer than the longest configurable auth_timeout (1 h).
 */
const PENDING_SLOT_TTL_MS = 61 * 60_000;

export type LimitScope = 'authid' | 'peer' | 'network';

export type LimitCheck =
  | { ok: true }
  /** locked: a lockout is in force; busy: failures plus checks in flight already fill the budget. */
  | { ok: false; retryAfterMs: number; scope: LimitScope; cause: 'locked' | 'busy' };

/** One reserved secret check; settle it exactly once (later calls are ignored). */
export interface LoginAttempt {
  /** The secret was wrong (or the principal unknown): counts as a failure. */
  fail(): void;
  /** The secret was right: clears the bucket's failures and marks the peer's network familiar for the HELLO's authid. */
  succeed(): void;
  /** Nothing was decided about the secret (router-side error, timeout): frees the reservation only. */
  cancel(): void;
}

export type BeginResult = { ok: true; attempt: LoginAttempt } | Extract<LimitCheck, { ok: false }>;

/** A CHALLENGE awaiting its AUTHENTICATE; release it once (later calls are ignored). */
export interface PendingSlot {
  release(): void;
}

export type HoldResult = { ok: true; slot: PendingSlot } | { ok: false; scope: 'authid' | 'peer'; limit: number };

interface Entry {
  /** Times of failures within the window (pruned on use). */
  failures: number[];
  inflight: number;
  lockedUntil: number;
  /** Lockouts so far, before decay; see level(). */
  level: number;
  lastFailureAt: number;
}

interface KeySpec {
  key: string;
  max: number;
  scope: LimitScope;
}

export class LoginRateLimiter {
  private readonly entries = new Map<string, Entry>();
  /** authid hash → networks it has logged in from (most recent last). */
  private readonly familiar = new Map<string, string[]>();
  /** key → expiry times of its pending-challenge slots. */
  private readonly pending = new Map<string, number[]>();
  readonly options: RateLimitOptions;

  constructor(
    options: Partial<RateLimitOptions> = {},
    private readonly now: () => number = Date.now,
  ) {
    const merged = { ...DEFAULT_RATE_LIMIT, ...options };
    // A stricter per-peer limit given alone keeps the network limit above it, as by default.
    if (options.maxFailuresPerNetwork === undefined) merged.maxFailuresPerNetwork = 2 * merged.maxFailuresPerPeer;
    this.options = merged;
  }

  /** Whether a login for this authid from this peer may be attempted at all (reserves nothing). */
  check(authid: string | undefined, peer: string): LimitCheck {
    return this.refusal(this.keysFor(authid, peer), this.now()) ?? { ok: true };
  }

  /** Reserves one secret check, or says why not. Every credential check goes through here. */
  begin(authid: string | undefined, peer: string): BeginResult {
    const t = this.now();
    const keys = this.keysFor(authid, peer);
    const refused = this.refusal(keys, t);
    if (refused) return refused;
    for (const k of keys) this.entry(k.key).inflight += 1;
    let settled = false;
    const settle = (what: (k: KeySpec, entry: Entry | undefined, at: number) => void) => {
      if (settled) return;
      settled = true;
      const at = this.now();
      for (const k of keys) {
        const entry = this.entries.get(k.key);
        if (entry) entry.inflight = Math.max(0, entry.inflight - 1);
        what(k, entry, at);
        this.dropIfIdle(k.key, at);
      }
    };
    return {
      ok: true,
      attempt: {
        fail: () => settle((k, _entry, at) => this.fail(k, at)),
        succeed: () => {
          if (settled) return;
          settle((k, entry) => {
            if (k.scope === 'authid' && entry) entry.failures = [];
          });
          this.rememberFamiliar(authid, peer);
        },
        cancel: () => settle(() => undefined),
      },
    };
  }

  /** A failure decided without a reservation (kept for callers that check synchronously). */
  recordFailure(authid: string | undefined, peer: string): void {
    const t = this.now();
    for (const k of this.keysFor(authid, peer)) {
      this.fail(k, t);
      this.dropIfIdle(k.key, t);
    }
  }

  recordSuccess(authid: string, peer: string): void {
    const key = this.keysFor(authid, peer)[0]!;
    const entry = this.entries.get(key.key);
    if (entry) entry.failures = [];
    this.dropIfIdle(key.key, this.now());
    this.rememberFamiliar(authid, peer);
  }

  /**
   * Reserves a pending-challenge slot for a HELLO that is about to get a CHALLENGE. Refused past
   * maxPendingPerAuthid (for this authid) or maxPendingPerPeer (for this peer host).
   */
  holdChallenge(authid: string | undefined, peer: string): HoldResult {
    const t = this.now();
    const slots: { key: string; max: number; scope: 'authid' | 'peer' }[] = [];
    if (authid !== undefined) slots.push({ key: `a:${hashAuthid(authid)}`, max: this.options.maxPendingPerAuthid, scope: 'authid' });
    slots.push({ key: `h:${peerHost(peer)}`, max: this.options.maxPendingPerPeer, scope: 'peer' });
    for (const s of slots) {
      const live = (this.pending.get(s.key) ?? []).filter((expires) => expires > t);
      if (live.length > 0) this.pending.set(s.key, live);
      else this.pending.delete(s.key);
      if (live.length >= s.max) return { ok: false, scope: s.scope, limit: s.max };
    }
    const expires = t + PENDING_SLOT_TTL_MS;
    for (const s of slots) this.pending.set(s.key, [...(this.pending.get(s.key) ?? []), expires]);
    let released = false;
    return {
      ok: true,
      slot: {
        release: () => {
          if (released) return;
          released = true;
          for (const s of slots) {
            const list = this.pending.get(s.key);
            const i = list?.indexOf(expires) ?? -1;
            if (!list || i < 0) continue;
            list.splice(i, 1);
            if (list.length === 0) this.pending.delete(s.key);
          }
        },
      },
    };
  }

  /** What the limiter holds, for tests and benchmarks: record counts and the total length of their keys. */
  footprint(): { entries: number; keyChars: number; familiarAuthids: number; pendingKeys: number } {
    let keyChars = 0;
    for (const map of [this.entries, this.familiar, this.pending] as Map<string, unknown>[]) for (const key of map.keys()) keyChars += key.length;
    return { entries: this.entries.size, keyChars, familiarAuthids: this.familiar.size, pendingKeys: this.pending.size };
  }

  // ---- internals --------------------------------------------------------------------------------

  /** The keys one login counts against, authid bucket first. */
  private keysFor(authid: string | undefined, peer: string): KeySpec[] {
    const o = this.options;
    const network = peerNetwork(peer);
    const keys: KeySpec[] = [];
    if (authid !== undefined) {
      const hash = hashAuthid(authid);
      const bucket = this.familiar.get(hash)?.includes(network) ? 'f' : 'u';
      keys.push({ key: `a${bucket}:${hash}`, max: o.maxFailuresPerAuthid, scope: 'authid' });
    }
    keys.push({ key: `h:${peerHost(peer)}`, max: o.maxFailuresPerPeer, scope: 'peer' });
    keys.push({ key: `n:${network}`, max: o.maxFailuresPerNetwork, scope: 'network' });
    return keys;
  }

  private refusal(keys: KeySpec[], t: number): Extract<LimitCheck, { ok: false }> | undefined {
    for (const k of keys) {
      const entry = this.entries.get(k.key);
      if (entry && entry.lockedUntil > t) return { ok: false, retryAfterMs: entry.lockedUntil - t, scope: k.scope, cause: 'locked' };
    }
    for (const k of keys) {
      const entry = this.entries.get(k.key);
      if (!entry) continue;
      const recent = this.recentFailures(entry, t);
      if (recent.length + entry.inflight >= k.max) {
        // Busy until a check in flight settles, or until the oldest failure leaves the window.
        const retryAfterMs = recent.length > 0 ? recent[0]! + this.options.windowMs - t : 0;
        return { ok: false, retryAfterMs, scope: k.scope, cause: 'busy' };
      }
    }
    return undefined;
  }

  private recentFailures(entry: Entry, t: number): number[] {
    entry.failures = entry.failures.filter((at) => t - at < this.options.windowMs);
    return entry.failures;
  }

  /** The doubling level after decay: one step less per quiet decayMs since the last failure or lockout end. */
  private level(entry: Entry, t: number): number {
    if (entry.level === 0) return 0;
    const quietSince = Math.max(entry.lastFailureAt, entry.lockedUntil);
    const steps = t > quietSince ? Math.floor((t - quietSince) / this.options.decayMs) : 0;
    return Math.max(0, entry.level - steps);
  }

  private entry(key: string): Entry {
    let entry = this.entries.get(key);
    if (!entry) {
      if (this.entries.size >= MAX_TRACKED_KEYS) this.evictOne();
      entry = { failures: [], inflight: 0, lockedUntil: 0, level: 0, lastFailureAt: 0 };
      this.entries.set(key, entry);
    }
    return entry;
  }

  private evictOne(): void {
    // Map order is least-recently-failed first; records with checks in flight are kept.
    for (const [key, entry] of this.entries) {
      if (entry.inflight === 0) {
        this.entries.delete(key);
        return;
      }
    }
  }

  private fail(k: KeySpec, t: number): void {
    const entry = this.entry(k.key);
    this.entries.delete(k.key); // re-insert: Map order doubles as least-recently-failed order
    this.entries.set(k.key, entry);
    entry.level = this.level(entry, t);
    entry.lastFailureAt = t;
    const recent = this.recentFailures(entry, t);
    recent.push(t);
    if (recent.length >= k.max && entry.lockedUntil <= t) {
      const duration = Math.min(this.options.lockoutMs * 2 ** entry.level, this.options.maxLockoutMs);
      entry.lockedUntil = t + duration;
      entry.level += 1;
      entry.failures = [];
    }
  }

  private dropIfIdle(key: string, t: number): void {
    const entry = this.entries.get(key);
    if (entry && entry.inflight === 0 && entry.lockedUntil <= t && this.recentFailures(entry, t).length === 0 && this.level(entry, t) === 0) {
      this.entries.delete(key);
    }
  }

  private rememberFamiliar(authid: string | undefined, peer: string): void {
    if (authid === undefined) return;
    const hash = hashAuthid(authid);
    const network = peerNetwork(peer);
    const list = (this.familiar.get(hash) ?? []).filter((n) => n !== network);
    list.push(network);
    if (list.length > MAX_FAMILIAR_NETWORKS) list.shift();
    this.familiar.delete(hash);
    if (this.familiar.size >= MAX_FAMILIAR_AUTHIDS) this.familiar.delete(this.familiar.keys().next().value!);
    this.familiar.set(hash, list);
  }
}

/** A fixed-size key for an authid of any length (128 bits of SHA-256 are plenty to tell authids apart). */
function hashAuthid(authid: string): string {
  return createHash('sha256').update(authid, 'utf8').digest('base64url').slice(0, 22);
}
