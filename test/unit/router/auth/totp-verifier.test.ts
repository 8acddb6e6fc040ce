import { describe, expect, it } from 'vitest';
import { totpCode } from '../../../../shared/otp/generate';
import { TotpReplayGuard, verifyTotp } from '../../../../main/router/auth/totp-verifier';
import type { TotpParams } from '../../../../main/router/auth/secret-refs';

const SECRET = 'JBSWY3DPEHPK3PXP';
const params: TotpParams = { secret: SECRET, algorithm: 'SHA1', digits: 6, period: 30 };
const at = (step: number) => step * 30_000 + 12_000;
const code = (step: number) => totpCode(SECRET, step * 30_000, 30, 'SHA1', 6);

describe('verifyTotp', () => {
  it('accepts the current code and one step either side, nothing further', () => {
    const now = at(55_000_000);
    expect(verifyTotp(code(55_000_000), params, now, new TotpReplayGuard())).toEqual({ ok: true, step: 55_000_000 });
    expect(verifyTotp(code(54_999_999), params, now, new TotpReplayGuard())).toEqual({ ok: true, step: 54_999_999 });
    expect(verifyTotp(code(55_000_001), params, now, new TotpReplayGuard())).toEqual({ ok: true, step: 55_000_001 });
    expect(verifyTotp(code(54_999_998), params, now, new TotpReplayGuard())).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyTotp(code(55_000_002), params, now, new TotpReplayGuard())).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyTotp('000000x', params, now, new TotpReplayGuard())).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a code that was already used, and older codes after a newer one', () => {
    const guard = new TotpReplayGuard();
    const now = at(60_000_000);
    expect(verifyTotp(code(60_000_000), params, now, guard).ok).toBe(true);
    expect(verifyTotp(code(60_000_000), params, now, guard)).toEqual({ ok: false, reason: 'replayed' });
    expect(verifyTotp(code(59_999_999), params, now, guard)).toEqual({ ok: false, reason: 'replayed' });
    // The next step's code is fresh.
    expect(verifyTotp(code(60_000_001), params, at(60_000_001), guard).ok).toBe(true);
  });

  it('shares the replay history between spellings of the same secret (case-insensitive base32)', () => {
    const guard = new TotpReplayGuard();
    const now = at(61_000_000);
    expect(verifyTotp(code(61_000_000), { ...params, secret: 'jbsw y3dp ehpk 3pxp' }, now, guard).ok).toBe(true);
    expect(verifyTotp(code(61_000_000), params, now, guard)).toEqual({ ok: false, reason: 'replayed' });
  });

  it('uses the configured digits and algorithm (RFC 6238 SHA256 vector)', () => {
    const rfc: TotpParams = { secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA', algorithm: 'SHA256', digits: 8, period: 30 };
    expect(verifyTotp('46119246', rfc, 59_000, new TotpReplayGuard()).ok).toBe(true);
  });
});
