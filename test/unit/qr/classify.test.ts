import { describe, expect, it } from 'vitest';
import { classifyQrText } from '../../../shared/qr/classify';
import { formatMigrationUris } from '../../../shared/otp/migration';
import type { OtpAccountData } from '../../../shared/otp/types';

const account = (n: number, overrides: Partial<OtpAccountData> = {}): OtpAccountData => ({
  type: 'totp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  secret: 'JBSWY3DPEHPK3PXP',
  issuer: 'ACME',
  label: `user${n}@example.com`,
  ...overrides,
});

describe('classifyQrText', () => {
  it('reads an otpauth URI as one account', () => {
    const c = classifyQrText('otpauth://totp/ACME:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME&digits=8&algorithm=SHA256');
    expect(c).toEqual({
      kind: 'otpauth',
      account: { type: 'totp', issuer: 'ACME', label: 'alice@example.com', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA256', digits: 8, period: 30, counter: 0 },
    });
  });

  it('accepts HOTP and Steam URIs, any scheme case, and surrounding whitespace from generators', () => {
    const hotp = classifyQrText('  OTPAUTH://hotp/Bank:bob?secret=JBSWY3DPEHPK3PXP&counter=7\n');
    expect(hotp.kind).toBe('otpauth');
    if (hotp.kind === 'otpauth') expect([hotp.account.type, hotp.account.counter, hotp.account.label]).toEqual(['hotp', 7, 'bob']);
    const steam = classifyQrText('otpauth://steam/Steam:gamer?secret=JBSWY3DPEHPK3PXP');
    expect(steam.kind === 'otpauth' && steam.account.type).toBe('steam');
  });

  it('reads a Google Authenticator export as a migration batch (round trip through the exporter)', () => {
    const accounts = [account(1), account(2, { type: 'hotp', counter: 42, issuer: 'Bank' }), account(3, { digits: 8, algorithm: 'SHA512' })];
    const { uris } = formatMigrationUris(accounts, { batchId: 1234 });
    expect(uris).toHaveLength(1);
    const c = classifyQrText(uris[0]!);
    expect(c.kind).toBe('migration');
    if (c.kind !== 'migration') return;
    expect(c.batch.batchId).toBe(1234);
    expect([c.batch.batchIndex, c.batch.batchSize]).toEqual([0, 1]);
    expect(c.batch.accounts).toEqual(accounts);
  });

  it('reports broken OTP payloads with the parser error instead of calling them "other"', () => {
    const noSecret = classifyQrText('otpauth://totp/ACME:alice?issuer=ACME');
    expect(noSecret.kind).toBe('invalid-otp');
    if (noSecret.kind === 'invalid-otp') {
      expect(noSecret.error.code).toMatch(/^INVALID_(URI|SECRET)$/);
      expect(noSecret.error.message).not.toBe('');
      expect(noSecret.text).toBe('otpauth://totp/ACME:alice?issuer=ACME');
    }
    const badSecret = classifyQrText('otpauth://totp/ACME:alice?secret=not*base32');
    expect(badSecret.kind === 'invalid-otp' && badSecret.error.code).toBe('INVALID_SECRET');
    const badExport = classifyQrText('otpauth-migration://offline?data=%%%');
    expect(badExport.kind === 'invalid-otp' && badExport.error.code).toBe('INVALID_URI');
    const damagedExport = classifyQrText('otpauth-migration://offline?data=AAAA');
    expect(damagedExport.kind).toBe('invalid-otp');
  });

  it('leaves every other text alone, including look-alikes', () => {
    for (const text of ['https://example.com/setup', 'WIFI:T:WPA;S:home;P:secret;;', 'otpauth', 'otpauth:/totp/x?secret=AA', 'xotpauth://totp/a?secret=JBSWY3DPEHPK3PXP', '']) {
      expect(classifyQrText(text)).toEqual({ kind: 'other', text });
    }
  });
});
