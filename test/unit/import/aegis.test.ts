import { describe, expect, it } from 'vitest';
import { aegisFormat } from '../../../main/import/formats/aegis';
import { expectAppError, expectReferenceAccounts, fixture, parseFixture, REFERENCE, textFile } from './support';

describe('Aegis vault', () => {
  it('reads the plain vault', async () => {
    expectReferenceAccounts(await parseFixture(aegisFormat, 'aegis_plain.json'), 7);
  });

  it('decrypts the encrypted vault (scrypt password slot, AES-256-GCM)', async () => {
    expectReferenceAccounts(await parseFixture(aegisFormat, 'aegis_encrypted.json', 'test'), 7);
  });

  it('a wrong password imports nothing and says so; no password asks for one', async () => {
    const file = fixture('aegis_encrypted.json');
    await expectAppError(aegisFormat.parse(file, 'Test'), 'IMPORT_WRONG_PASSWORD');
    await expectAppError(aegisFormat.parse(file, null), 'IMPORT_PASSWORD_REQUIRED');
  });

  it('a vault whose content was altered is unreadable, not a wrong password', async () => {
    const vault = JSON.parse(new TextDecoder().decode(fixture('aegis_encrypted.json').bytes)) as { db: string };
    vault.db = `${vault.db.slice(0, 10)}${vault.db[10] === 'A' ? 'B' : 'A'}${vault.db.slice(11)}`;
    await expectAppError(aegisFormat.parse(textFile(JSON.stringify(vault)), 'test'), 'IMPORT_UNREADABLE');
  });

  it('groups of a version 2 vault become tags', async () => {
    const groups: Record<string, string[]> = {
      '4SJHB4GSD43FZBAI7C2HLRJGPQ': ['group1'],
      '7ELGJSGXNCCTV3O6LKJWYFV2RA': ['group1'],
      YOOMIXWS5GN6RTBPUFFWKTW5M4: ['group2'],
    };
    expectReferenceAccounts(await parseFixture(aegisFormat, 'aegis_plain_grouped_v2.json'), 7, (a) => ({ tags: groups[a.secret] ?? [] }));
  });

  it('version 3 vaults: entries reference groups by uuid', async () => {
    const deno = REFERENCE.get('4SJHB4GSD43FZBAI7C2HLRJGPQ')!;
    const vault = {
      version: 1,
      header: { slots: null, params: null },
      db: {
        version: 3,
        groups: [
          { uuid: 'g1', name: 'Work' },
          { uuid: 'g2', name: 'Home' },
        ],
        entries: [
          { type: 'totp', name: deno.label, issuer: deno.issuer, groups: ['g2', 'g1', 'missing'], info: { secret: deno.secret, algo: 'SHA1', digits: 6, period: 30 } },
          { type: 'yandex', name: 'y', issuer: 'Yandex', info: { secret: deno.secret, pin: '1234' } },
        ],
      },
    };
    const result = await aegisFormat.parse(textFile(JSON.stringify(vault)), null);
    expect(result.accounts).toEqual([{ ...deno, tags: ['Home', 'Work'] }]);
    expect(result.skipped).toEqual([{ name: 'Yandex: y', reason: 'Unsupported OTP type "yandex"' }]);
  });

  it('a vault that only biometrics can open is unreadable with a reason', async () => {
    const vault = JSON.parse(new TextDecoder().decode(fixture('aegis_encrypted.json').bytes)) as { header: { slots: { type: number }[] } };
    for (const slot of vault.header.slots) slot.type = 2;
    const error = await expectAppError(aegisFormat.parse(textFile(JSON.stringify(vault)), 'test'), 'IMPORT_UNREADABLE');
    expect(error.message).toMatch(/biometric/);
  });

  it('rejects hostile scrypt parameters instead of allocating gigabytes', async () => {
    const vault = JSON.parse(new TextDecoder().decode(fixture('aegis_encrypted.json').bytes)) as { header: { slots: { n: number }[] } };
    vault.header.slots[0]!.n = 2 ** 30;
    await expectAppError(aegisFormat.parse(textFile(JSON.stringify(vault)), 'test'), 'IMPORT_UNREADABLE');
  });
});
