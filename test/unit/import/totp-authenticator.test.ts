import { createCipheriv, createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { totpAuthenticatorFormat } from '../../../main/import/formats/totp-authenticator';
import type { ImportedAccount } from '../../../main/import/types';
import { expectAppError, expectReferenceAccounts, fixture, parseFixture, textFile } from './support';

/** TOTP Authenticator has no algorithm field (SHA1) and stores names in lower case. */
const limits = (a: ImportedAccount): Partial<ImportedAccount> => ({ algorithm: 'SHA1', label: a.label.toLowerCase() });

describe('TOTP Authenticator', () => {
  it('decrypts the backup (AES-CBC under SHA-256 of the password)', async () => {
    expectReferenceAccounts(await parseFixture(totpAuthenticatorFormat, 'totp_authenticator.bin', 'Testtest1'), 3, limits);
  });

  it('reads the internal preferences XML', async () => {
    expectReferenceAccounts(await parseFixture(totpAuthenticatorFormat, 'totp_authenticator_internal.xml'), 3, limits);
  });

  it('a wrong password imports nothing and says so', async () => {
    await expectAppError(totpAuthenticatorFormat.parse(fixture('totp_authenticator.bin'), 'testtest1'), 'IMPORT_WRONG_PASSWORD');
    await expectAppError(totpAuthenticatorFormat.parse(fixture('totp_authenticator.bin'), null), 'IMPORT_PASSWORD_REQUIRED');
  });

  it('a backup under the app’s default password needs none, and is detected for sure', async () => {
    const entries = JSON.stringify([JSON.stringify({ base: 32, key: 'JBSWY3DPEHPK3PXP', issuer: 'Example', name: 'me', digits: '6', period: '30' })]);
    const cipher = createCipheriv('aes-256-cbc', createHash('sha256').update('TotpAuthenticator').digest(), Buffer.alloc(16));
    const file = textFile(Buffer.concat([cipher.update(JSON.stringify({ [entries]: '1608293023' })), cipher.final()]).toString('base64'));
    expect(totpAuthenticatorFormat.detect(file)).toBe(100);
    expect(totpAuthenticatorFormat.needsPassword(file)).toBe(false);
    const result = await totpAuthenticatorFormat.parse(file, null);
    expect(result.accounts.map((a) => [a.issuer, a.label, a.secret])).toEqual([['Example', 'me', 'JBSWY3DPEHPK3PXP']]);
  });
});
