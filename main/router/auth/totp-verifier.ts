// TOTP codes as WAMP tickets. A code is accepted for the current time step and one step either side
// (clock drift between client and router), compared in constant time, and each accepted step is
// remembered per secret: a code — or any code of an earlier step — is refused once it has been used
// (RFC 6238 §5.2). Without that, anyone who sees one login (a log, a shoulder, a proxy) can replay it
// for up to 90 seconds.
import { createHash } from 'node:crypto';
import { normalizeBase32 } from '../../../shared/otp/base32';
import { totpCode } from '../../../shared/otp/generate';
import { constantTimeEqual } from './constant-time';
import type { TotpParams } from './secret-refs';

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: 'invalid' | 'replayed' };

/** Steps either side of "now" that are accepted. */
export const TOTP_DRIFT_STEPS = 1;

/**
 * Last accepted time step per secret. Keyed by a hash of the normalised secret, so one secret used by
 * two principals or transports shares one replay history, and the map holds no secret.
 */
export class TotpReplayGuard {
  private readonly lastStep = new Map<string, number>();

  lastAccepted(key: string): number | undefined {
    return this.lastStep.get(key);
  }

  accept(key: string, step: number): void {
    this.lastStep.set(key, Math.max(step, this.lastStep.get(key) ?? -1));
  }
}

export function replayKey(params: TotpParams): string {
  const result = normalizeBase32(params.secret);
  const normalized = result.ok ? result.value : params.secret;
  return createHash('sha256').update(`${params.algorithm}:${params.period}:${normalized}`).digest('hex');
}

/**
 * Checks `code` against the steps around `atMs`. Every candidate step is compared (no early exit),
 * so the time taken does not say which step matched. A match at or before the last accepted step is
 * a replay; a fresh match is recorded in the guard before returning.
 */
export function verifyTotp(code: string, params: TotpParams, atMs: number, guard: TotpReplayGuard): TotpCheck {
  const submitted = code.replace(/\s/g, '');
  const current = Math.floor(atMs / (params.period * 1000));
  let matched: number | undefined;
  for (let step = current - TOTP_DRIFT_STEPS; step <= current + TOTP_DRIFT_STEPS; step += 1) {
    if (step < 0) continue;
    const expected = totpCode(params.secret, step * params.period * 1000, params.period, params.algorithm, params.digits);
    if (constantTimeEqual(expected, submitted) && matched === undefined) matched = step;
  }
  if (matched === undefined) return { ok: false, reason: 'invalid' };
  const key = replayKey(params);
  const last = guard.lastAccepted(key);
  if (last !== undefined && matched <= last) return { ok: false, reason: 'replayed' };
  guard.accept(key, matched);
  return { ok: true, step: matched };
}
