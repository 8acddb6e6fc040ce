// Stratum / Authenticator Pro backups: plain JSON, encrypted (Argon2id + AES-GCM) and legacy
// encrypted (PBKDF2 + AES-CBC), read from the real files the app wrote.
import { describe, expect, it } from 'vitest';
import { stratumBackup } from '../../../main/import/formats/stratum-backup';
import { damagedVariants, expectAccounts, expectNoOtherFixtureDetected, fixture, plainAccounts, rejectionCode } from './support';

const PLAIN = 'stratum_plain.json';
const ENCRYPTED = 'stratum_encrypted.bin';
const LEGACY = 'stratum_encrypted_legacy.bin';
/** Argon2id with 64 MiB in pure JavaScript takes seconds on a busy machine. */
const SLOW = 120_000;

const json = (value: unknown) => ({ name: 'backup.json', bytes: new TextEncoder().encode(JSON.stringify(value)) });

describe('Stratum backup', () => {
  it('imports every account of the plain JSON backup', async () => {
    expect(stratumBackup.needsPassword(fixture(PLAIN))).toBe(false);
    const result = await stratumBackup.parse(fixture(PLAIN), null);
    expect(result.skipped).toEqual([]);
    expectAccounts(result.accounts, plainAccounts());
  });

  it('decrypts the current encrypted backup (Argon2id + AES-GCM)', { timeout: SLOW }, async () => {
    expect(stratumBackup.needsPassword(fixture(ENCRYPTED))).toBe(true);
    const result = await stratumBackup.parse(fixture(ENCRYPTED), 'test');
    expect(result.skipped).toEqual([]);
    expectAccounts(result.accounts, plainAccounts());
  });

  it('rejects a wrong password for the current encrypted backup', { timeout: SLOW }, async () => {
    expect(await rejectionCode(stratumBackup.parse(fixture(ENCRYPTED), 'wrong'))).toBe('IMPORT_WRONG_PASSWORD');
  });

  it('decrypts the legacy encrypted backup (PBKDF2 + AES-CBC) and rejects a wrong password', async () => {
    expect(stratumBackup.needsPassword(fixture(LEGACY))).toBe(true);
    const result = await stratumBackup.parse(fixture(LEGACY), 'test');
    expect(result.skipped).toEqual([]);
    expectAccounts(result.accounts, plainAccounts());
    expect(await rejectionCode(stratumBackup.parse(fixture(LEGACY), 'wrong'))).toBe('IMPORT_WRONG_PASSWORD');
  });

  it('asks for the password instead of guessing', async () => {
    expect(await rejectionCode(stratumBackup.parse(fixture(ENCRYPTED), null))).toBe('IMPORT_PASSWORD_REQUIRED');
    expect(await rejectionCode(stratumBackup.parse(fixture(LEGACY), null))).toBe('IMPORT_PASSWORD_REQUIRED');
  });

  it('detects its own files (the encrypted ones by their header) and no other fixture', () => {
    expect(stratumBackup.detect(fixture(ENCRYPTED))).toBe(100);
    expect(stratumBackup.detect(fixture(LEGACY))).toBe(100);
    expect(stratumBackup.detect(fixture(PLAIN))).toBe(10);
    expectNoOtherFixtureDetected(stratumBackup, [PLAIN, ENCRYPTED, LEGACY]);
  });

  it('keeps categories as tags and skips the account types we cannot generate', async () => {
    const account = { Issuer: 'ACME', Username: 'alice', Secret: 'JBSWY3DPEHPK3PXP', Algorithm: 0, Digits: 6, Period: 30, Counter: 0 };
    const result = await stratumBackup.parse(
      json({
        Authenticators: [
          { ...account, Type: 2 },
          { ...account, Type: 3, Username: 'motp', Secret: 'MFRGGZDF' },
          { ...account, Type: 2, Username: 'bad algorithm', Algorithm: 7 },
          'not an object',
        ],
        Categories: [
          { Id: 'c1', Name: 'Work', Ranking: 0 },
          { Id: 'c2', Name: 'Servers', Ranking: 1 },
        ],
        AuthenticatorCategories: [
          { CategoryId: 'c1', AuthenticatorSecret: 'JBSWY3DPEHPK3PXP', Ranking: 0 },
          { CategoryId: 'c2', AuthenticatorSecret: 'JBSWY3DPEHPK3PXP', Ranking: 0 },
          { CategoryId: 'missing', AuthenticatorSecret: 'JBSWY3DPEHPK3PXP', Ranking: 0 },
        ],
      }),
      null,
    );
    expect(result.accounts.map((a) => [a.label, a.tags])).toEqual([['alice', ['Work', 'Servers']]]);
    expect(result.skipped.map((s) => [s.name, s.reason])).toEqual([
      ['ACME: motp', 'mOTP accounts are not supported'],
      ['ACME: bad algorithm', 'Unknown Stratum algorithm 7'],
      ['Entry 4', 'Not a Stratum account (no secret or type)'],
    ]);
  });

  it('throws IMPORT_UNREADABLE for truncated or damaged files, without deriving a key', async () => {
    for (const name of [ENCRYPTED, LEGACY]) {
      for (const { what, file } of damagedVariants(fixture(name), 16).filter((v) => v.what !== 'garbage after the magic')) {
        expect(await rejectionCode(stratumBackup.parse(file, 'test')), `${name} ${what}`).toBe('IMPORT_UNREADABLE');
      }
    }
    // Legacy: a cipher text that is not whole AES blocks.
    const legacy = fixture(LEGACY);
    expect(await rejectionCode(stratumBackup.parse({ name: LEGACY, bytes: legacy.bytes.slice(0, -3) }, 'test'))).toBe('IMPORT_UNREADABLE');
    for (const { what, file } of damagedVariants(fixture(PLAIN), 1)) {
      expect(await rejectionCode(stratumBackup.parse(file, null)), `plain ${what}`).toBe('IMPORT_UNREADABLE');
    }
    expect(await rejectionCode(stratumBackup.parse(json({ Authenticators: 'no' }), null))).toBe('IMPORT_UNREADABLE');
  });

  it('reports a damaged legacy backup that decrypts to garbage as a wrong password or damage, never as accounts', async () => {
    const legacy = fixture(LEGACY);
    const flipped = legacy.bytes.slice();
    flipped[60] = flipped[60]! ^ 0xff; // inside the first cipher block: the JSON no longer parses
    const code = await rejectionCode(stratumBackup.parse({ name: LEGACY, bytes: flipped }, 'test'));
    expect(['IMPORT_WRONG_PASSWORD', 'IMPORT_UNREADABLE']).toContain(code);
  });
});
