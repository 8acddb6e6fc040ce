// FreeOTP 2 encrypted backups (serialized Java HashMap; PBKDF2 + AES-GCM master key), read from the
// real files written by FreeOTP on Android API levels 23, 25, 27 and 34.
import { describe, expect, it } from 'vitest';
import { freeOtpV2 } from '../../../main/import/formats/freeotp-v2';
import { decodeModifiedUtf8 } from '../../../main/import/java-serialized-map';
import { damagedVariants, expectAccounts, expectNoOtherFixtureDetected, fixture, plainAccounts, rejectionCode } from './support';

const FULL = ['freeotp_v2_api23.xml', 'freeotp_v2_api25.xml', 'freeotp_v2_api27.xml', 'freeotp_v2_api34.xml'];
const NULL_ALGO = 'freeotp_v2_null_algo.xml';

describe('FreeOTP 2 backup', () => {
  // FreeOTP has no Steam type, and these backups hold the six other accounts.
  const expected = () => plainAccounts().filter((a) => a.type !== 'steam');

  it.each(FULL)('decrypts %s with every account', async (name) => {
    expect(freeOtpV2.needsPassword(fixture(name))).toBe(true);
    const result = await freeOtpV2.parse(fixture(name), 'test');
    expect(result.skipped).toEqual([]);
    expectAccounts(result.accounts, expected());
  });

  it('reads a token whose algorithm, digits and period were left out as SHA1/6/30', async () => {
    const result = await freeOtpV2.parse(fixture(NULL_ALGO), 'test');
    expect(result.skipped).toEqual([]);
    expectAccounts(
      result.accounts,
      plainAccounts().filter((a) => a.issuer === 'Deno'),
    );
  });

  it('rejects a wrong password and asks for a missing one', async () => {
    expect(await rejectionCode(freeOtpV2.parse(fixture(FULL[3]!), 'wrong'))).toBe('IMPORT_WRONG_PASSWORD');
    expect(await rejectionCode(freeOtpV2.parse(fixture(NULL_ALGO), 'tset'))).toBe('IMPORT_WRONG_PASSWORD');
    expect(await rejectionCode(freeOtpV2.parse(fixture(FULL[0]!), null))).toBe('IMPORT_PASSWORD_REQUIRED');
  });

  it('detects its own files and no other fixture (FreeOTP 1 XML included)', () => {
    for (const name of [...FULL, NULL_ALGO]) expect(freeOtpV2.detect(fixture(name)), name).toBe(100);
    expectNoOtherFixtureDetected(freeOtpV2, [...FULL, NULL_ALGO]);
  });

  it('throws IMPORT_UNREADABLE for truncated or damaged files', async () => {
    const own = fixture(FULL[3]!);
    for (const { what, file } of [
      ...damagedVariants(own, 40),
      { what: 'first half', file: { name: own.name, bytes: own.bytes.slice(0, own.bytes.length / 2) } },
      { what: 'last byte cut', file: { name: own.name, bytes: own.bytes.slice(0, -1) } },
    ]) {
      expect(await rejectionCode(freeOtpV2.parse(file, 'test')), what).toBe('IMPORT_UNREADABLE');
    }
  });

  it('skips a token whose secret was damaged and keeps the others', async () => {
    const own = fixture(FULL[3]!);
    const text = Buffer.from(own.bytes).toString('latin1');
    // The first number of the first token key's cipher text (the master key's is not "\"mCipherText\\\":[").
    const at = text.indexOf('mCipherText\\":[') + 'mCipherText\\":['.length;
    const bytes = own.bytes.slice();
    bytes[at] = bytes[at] === 0x31 ? 0x32 : 0x31; // one digit changed: same length, different byte
    const result = await freeOtpV2.parse({ name: own.name, bytes }, 'test');
    expect(result.accounts).toHaveLength(5);
    expect(result.skipped).toHaveLength(1);
    expect(result.skipped[0]!.reason).toMatch(/does not decrypt/);
  });
});

describe('modified UTF-8 (Java serialization strings)', () => {
  it('decodes NUL as C0 80 and characters outside the BMP as surrogate pairs', () => {
    expect(decodeModifiedUtf8(Uint8Array.from([0x41, 0xc0, 0x80, 0xc3, 0xa9, 0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80]))).toBe('A\u0000é😀');
    expect(() => decodeModifiedUtf8(Uint8Array.from([0xff]))).toThrow();
  });
});
