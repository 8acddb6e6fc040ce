// The barrel is what main/ and the renderer import: it must expose the whole public API.
import { describe, expect, it } from 'vitest';
import * as otp from '../../../shared/otp';

describe('shared/otp public API', () => {
  it('exports every function other modules rely on', () => {
    const functions = [
      'normalizeBase32', 'base32ToBytes', 'bytesToBase32', 'secretBits',
      'hotpCode', 'totpCode', 'steamCode', 'codeWindow',
      'parseOtpauthUri', 'formatOtpauthUri',
      'parseMigrationUri', 'formatMigrationUris', 'migrationUnsupportedReason',
      'validateAccountInput', 'parseAlgorithmName', 'isHashAlgorithm', 'isOtpType',
    ] as const;
    for (const name of functions) expect(typeof otp[name], name).toBe('function');
    expect(otp.OTP_TYPES).toEqual(['totp', 'hotp', 'steam']);
    expect(otp.MAX_PERIOD).toBe(86_400);
  });

  it('works end to end: URI → validation → code → export → import', () => {
    const parsed = otp.parseOtpauthUri('otpauth://totp/ACME:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8');
    if (!parsed.ok) throw new Error(parsed.error.message);
    const checked = otp.validateAccountInput({ ...parsed.value, tags: ['work'] });
    expect(checked).toMatchObject({ ok: true, warnings: [] });
    expect(otp.codeWindow(parsed.value, 59_000).code).toBe('94287082');
    const { uris } = otp.formatMigrationUris([parsed.value], { batchId: 5 });
    const batch = otp.parseMigrationUri(uris[0]!);
    expect(batch.ok && batch.value.accounts).toEqual([parsed.value]);
  });
});
