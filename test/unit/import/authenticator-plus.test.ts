// Authenticator Plus exports: a zip with traditional (ZipCrypto) encryption holding Accounts.txt.
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { authenticatorPlus } from '../../../main/import/formats/authenticator-plus';
import { crc32 } from '../../../main/import/zip-archive';
import { damagedVariants, expectAccounts, expectNoOtherFixtureDetected, fixture, plainAccounts, rejectionCode } from './support';

const FILE = 'authenticator_plus.zip';

describe('Authenticator Plus export', () => {
  it('decrypts the zip and imports every account', async () => {
    expect(authenticatorPlus.needsPassword(fixture(FILE))).toBe(true);
    const result = await authenticatorPlus.parse(fixture(FILE), 'testtesttest');
    expect(result.skipped).toEqual([]);
    expectAccounts(result.accounts, plainAccounts());
  });

  it('rejects a wrong password and asks for a missing one', async () => {
    for (const wrong of ['test', 'testtesttesu', '', 'TESTTESTTEST']) {
      expect(await rejectionCode(authenticatorPlus.parse(fixture(FILE), wrong)), wrong).toBe('IMPORT_WRONG_PASSWORD');
    }
    expect(await rejectionCode(authenticatorPlus.parse(fixture(FILE), null))).toBe('IMPORT_PASSWORD_REQUIRED');
  });

  it('detects its own file and no other fixture', () => {
    expect(authenticatorPlus.detect(fixture(FILE))).toBe(100);
    expectNoOtherFixtureDetected(authenticatorPlus, [FILE]);
  });

  it('reads an unencrypted Accounts.txt too, and skips lines that are not otpauth URIs', async () => {
    const text = 'otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME\n\nnot a uri\r\n';
    const file = { name: 'export.zip', bytes: zipSync({ 'Accounts.txt': new TextEncoder().encode(text) }) };
    expect(authenticatorPlus.detect(file)).toBe(10);
    expect(authenticatorPlus.needsPassword(file)).toBe(false);
    const result = await authenticatorPlus.parse(file, null);
    expect(result.accounts.map((a) => [a.issuer, a.label])).toEqual([['ACME', 'alice']]);
    expect(result.skipped.map((s) => s.name)).toEqual(['Line 2']);
  });

  it('is not fooled by other zip files', async () => {
    const other = { name: 'photos.zip', bytes: zipSync({ 'a.txt': new Uint8Array([1, 2, 3]) }) };
    expect(authenticatorPlus.detect(other)).toBe(0);
    expect(await rejectionCode(authenticatorPlus.parse(other, null))).toBe('IMPORT_UNREADABLE');
  });

  it('throws IMPORT_UNREADABLE for truncated or damaged files', async () => {
    const own = fixture(FILE);
    for (const { what, file } of [
      ...damagedVariants(own, 4),
      { what: 'first half', file: { name: FILE, bytes: own.bytes.slice(0, own.bytes.length / 2) } },
      { what: 'central directory cut', file: { name: FILE, bytes: own.bytes.slice(0, -10) } },
    ]) {
      expect(await rejectionCode(authenticatorPlus.parse(file, 'testtesttest')), what).toBe('IMPORT_UNREADABLE');
    }
  });

  it('computes the standard CRC-32 (check value of "123456789")', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});
