import { describe, expect, it } from 'vitest';
import { twofasFormat } from '../../../main/import/formats/twofas';
import type { ImportedAccount } from '../../../main/import/types';
import { expectAppError, expectReferenceAccounts, fixture, parseFixture, REFERENCE, textFile } from './support';

/** Schema 2 has no token type: HOTP entries were exported as TOTP, with period 30 where they had none. */
const schema2 = (a: ImportedAccount): Partial<ImportedAccount> => ({ type: 'totp', counter: 0, period: a.type === 'hotp' ? 30 : a.period });

describe('2FAS backup', () => {
  it('schema 1 keeps only secrets and names: every account is TOTP SHA1/6/30', async () => {
    expectReferenceAccounts(await parseFixture(twofasFormat, '2fas_authenticator.json'), 6, () => ({
      type: 'totp',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
    }));
  });

  it('schema 2, plain and encrypted', async () => {
    expectReferenceAccounts(await parseFixture(twofasFormat, '2fas_authenticator_plain.2fas'), 4, schema2);
    expectReferenceAccounts(await parseFixture(twofasFormat, '2fas_authenticator_encrypted.2fas', 'test'), 4, schema2);
  });

  it('schemas 3 and 4, plain and encrypted, keep HOTP and Steam', async () => {
    expectReferenceAccounts(await parseFixture(twofasFormat, '2fas_authenticator_plain_v3.2fas'), 6);
    expectReferenceAccounts(await parseFixture(twofasFormat, '2fas_authenticator_encrypted_v3.2fas', 'test'), 6);
    expectReferenceAccounts(await parseFixture(twofasFormat, '2fas_authenticator_plain_v4.2fas'), 5);
    expectReferenceAccounts(await parseFixture(twofasFormat, '2fas_authenticator_encrypted_v4.2fas', 'test'), 5);
  });

  it('a wrong password imports nothing and says so', async () => {
    for (const name of ['2fas_authenticator_encrypted.2fas', '2fas_authenticator_encrypted_v3.2fas', '2fas_authenticator_encrypted_v4.2fas']) {
      await expectAppError(twofasFormat.parse(fixture(name), 'tset'), 'IMPORT_WRONG_PASSWORD');
      await expectAppError(twofasFormat.parse(fixture(name), null), 'IMPORT_PASSWORD_REQUIRED');
    }
  });

  it('groups become tags', async () => {
    const deno = REFERENCE.get('4SJHB4GSD43FZBAI7C2HLRJGPQ')!;
    const backup = {
      schemaVersion: 4,
      groups: [{ id: 'g-1', name: 'Work' }],
      services: [{ name: deno.issuer, secret: deno.secret, groupId: 'g-1', otp: { account: deno.label, tokenType: 'TOTP', digits: 6, period: 30, algorithm: 'SHA1' } }],
    };
    const result = await twofasFormat.parse(textFile(JSON.stringify(backup)), null);
    expect(result.accounts).toEqual([{ ...deno, tags: ['Work'] }]);
  });

  it('damaged encrypted data is unreadable', async () => {
    const backup = JSON.parse(new TextDecoder().decode(fixture('2fas_authenticator_encrypted_v4.2fas').bytes)) as { servicesEncrypted: string };
    backup.servicesEncrypted = 'not:base64!:x';
    await expectAppError(twofasFormat.parse(textFile(JSON.stringify(backup)), 'test'), 'IMPORT_UNREADABLE');
  });
});
