import { describe, expect, it } from 'vitest';
import { authyFormat } from '../../../main/import/formats/authy';
import { expectAppError, expectReferenceAccounts, fixture, parseFixture } from './support';

/** Authy stores neither algorithm nor period: SHA1 and 30 s. */
const authyLimits = () => ({ algorithm: 'SHA1' as const, period: 30 });

describe('Authy token list', () => {
  it('reads the plain list', async () => {
    expectReferenceAccounts(await parseFixture(authyFormat, 'authy_plain.xml'), 3, authyLimits);
  });

  it('decrypts the encrypted list (PBKDF2-SHA1 per token salt, AES-CBC)', async () => {
    expectReferenceAccounts(await parseFixture(authyFormat, 'authy_encrypted.xml', 'testtest'), 3, authyLimits);
  });

  it('a wrong password imports nothing and says so', async () => {
    await expectAppError(authyFormat.parse(fixture('authy_encrypted.xml'), 'testtes'), 'IMPORT_WRONG_PASSWORD');
    await expectAppError(authyFormat.parse(fixture('authy_encrypted.xml'), null), 'IMPORT_PASSWORD_REQUIRED');
  });

  it('does not claim other apps’ shared_prefs files', () => {
    expect(authyFormat.detect(fixture('battle_net_authenticator.xml'))).toBe(0);
    expect(authyFormat.detect(fixture('freeotp.xml'))).toBe(0);
  });
});
