// TOTP codes as WAMP tickets. A code is accepted for the current time step and one step either side
// (clock drift between client and router), compared in constant time, and each accepted step is
// remembered per secret: a code — or any code of an earlier step — is refused once it has been used
// (RFC 6238 §5.2). Without that, anyone who sees one login (a log, a shoulder, a proxy) can replay it
// for up to 90 seconds. The history lives in a TotpReplayStore: the app and `authbahn router` share one
// file in the data folder (totp-replay-file.ts), so a restart or the other router refuses a used code too.
import { createHash } from 'node:crypto';
import { normalizeBase32 } from '../../../shared/otp/base32';
import { totpCode } from '../../../shared/otp/generate';
import { constantTimeEqual } from './constant-time';
import type { TotpParams } from './secret-refs';

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: 'invalid' | 'replayed' };

/** Steps either side of "now" that are accepted. */
export const TOTP_DRIFT_STEPS = 1;

/**
 * Where the last accepted step per secret is kept. The router's own default is memory; the app and
 * `authbahn router` pass a file in the data folder (totp-replay-file.ts) so that the history survives a
 * restart and is shared between the two routers: a code used at one is refused by the other.
 */
export interface TotpReplayStore {
  /**
   * Atomically: when `step` is later than the last step accepted for `key`, records it and returns true;
   * otherwise returns false (a replay). `expiresAtMs`: after this the entry protects nothing any more
   * (its step and all earlier ones are outside the accepted window), so a store may forget it once its
   * clock (`atMs`, the verifier's time) has passed it.
   */
  claim(key: string, step: number, atMs: number, expiresAtMs: number): Promise<boolean>;
}

/** In-process history (tests; a router composed without a data folder). */
export class MemoryTotpReplayStore implements TotpReplayStore {
  private readonly lastStep = new Map<string, { step: number; expiresAtMs: number }>();

  async claim(key: string, step: number, atMs: number, expiresAtMs: number): Promise<boolean> {
    for (const [k, entry] of this.lastStep) if (entry.expiresAtMs <= atMs) this.lastStep.delete(k);
    const last = this.lastStep.get(key);
    if (last !== undefined && step <= last.step) return false;
    this.lastStep.set(key, { step, expiresAtMs: Math.max(expiresAtMs, last?.expiresAtMs ?? 0) });
    return true;
  }
}

/**
 * Replay history per secret, over a TotpReplayStore (injected: the composition root passes the shared
 * file store). Keyed by a hash of the normalised secret, so one secret used by two principals or
 * transports shares one replay history, and no store ever holds a secret or a code.
 */
export class TotpReplayGuard {
  constructor(private readonly store: TotpReplayStore = new MemoryTotpReplayStore()) {}

  /** True when `step` is fresh for this secret (and is now recorded), false for a replay. */
  claim(params: TotpParams, step: number, atMs: number): Promise<boolean> {
    // The entry matters while `step` could still be accepted: until step + drift has passed.
    const expiresAtMs = (step + TOTP_DRIFT_STEPS + 1) * params.period * 1000;
    return this.store.claim(replayKey(params), step, atMs, expiresAtMs);
  }
}

export function replayKey(params: TotpParams): string {
  const result = normalizeBase32(params.secret);
  const normalized = result.ok ? result.value : params.secret;
  // Domain-separated: the value is written to a data file and must not double as a hash of the bare secret.
  return createHash('sha256').update(`authbahn-totp-replay\u0000${params.algorithm}:${params.period}:${normalized}`).digest('hex');
}

/**
 * Checks `code` against the steps around `atMs`. Every candidate step is compared (no early exit),
 * so the time taken does not say which step matched. A match at or before the last accepted step is
 * a replay; a fresh match is recorded in the guard (atomically, also across processes sharing the
 * guard's store) before returning.
 */
export async function verifyTotp(code: string, params: TotpParams, atMs: number, guard: TotpReplayGuard): Promise<TotpCheck> {
  const submitted = code.replace(/\s/g, '');
  const current = Math.floor(atMs / (params.period * 1000));
  let matched: number | undefined;
  for (let step = current - TOTP_DRIFT_STEPS; step <= current + TOTP_DRIFT_STEPS; step += 1) {
    if (step < 0) continue;
    const expected = totpCode(params.secret, step * params.period * 1000, params.period, params.algorithm, params.digits);
    if (constantTimeEqual(expected, submitted) && matched === undefined) matched = step;
  }
  if (matched === undefined) return { ok: false, reason: 'invalid' };
  if (!(await guard.claim(params, matched, atMs))) return { ok: false, reason: 'replayed' };
  return { ok: true, step: matched };
}
