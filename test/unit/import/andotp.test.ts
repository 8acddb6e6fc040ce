import { describe, expect, it } from 'vitest';
import { andOtpFormat } from '../../../main/import/formats/andotp';
import { expectAppError, expectReferenceAccounts, fixture, parseFixture } from './support';

describe('andOTP backup', () => {
  it('reads the plain JSON backup', async () => {
    expectReferenceAccounts(await parseFixture(andOtpFormat, 'andotp_plain.json'), 7);
  });

  it('decrypts the new format (PBKDF2 iterations + salt, AES-GCM)', async () => {
    expectReferenceAccounts(await parseFixture(andOtpFormat, 'andotp_encrypted.bin', 'test'), 7);
  });

  it('decrypts the old format (SHA-256 of the password); its names hold "issuer:name"', async () => {
    expectReferenceAccounts(await parseFixture(andOtpFormat, 'andotp_encrypted_old.bin', 'test'), 6, (a) => ({ label: `${a.issuer}:${a.label}` }));
  });

  it('a wrong password imports nothing and says so, for both layouts', async () => {
    await expectAppError(andOtpFormat.parse(fixture('andotp_encrypted.bin'), 'wrong'), 'IMPORT_WRONG_PASSWORD');
    await expectAppError(andOtpFormat.parse(fixture('andotp_encrypted_old.bin'), 'wrong'), 'IMPORT_WRONG_PASSWORD');
    await expectAppError(andOtpFormat.parse(fixture('andotp_encrypted.bin'), null), 'IMPORT_PASSWORD_REQUIRED');
  });

  it('an implausible iteration count is not run (only the old layout is tried)', async () => {
    const bytes = fixture('andotp_encrypted.bin').bytes.slice();
    bytes.set([0x7f, 0xff, 0xff, 0xff], 0);
    expect(andOtpFormat.detect({ name: 'x', bytes })).toBe(2);
    await expectAppError(andOtpFormat.parse({ name: 'x', bytes }, 'test'), 'IMPORT_WRONG_PASSWORD');
  });

  it('never claims a file with another binary format’s magic number', () => {
    for (const name of ['authenticator_plus.zip', 'google_authenticator.sqlite', 'freeotp_v2_api23.xml', 'stratum_encrypted.bin', 'stratum_encrypted_legacy.bin']) {
      expect(andOtpFormat.detect(fixture(name)), name).toBe(0);
    }
  });
});
