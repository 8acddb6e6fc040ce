import { describe, expect, it } from 'vitest';
import { bytesToBase32 } from '../../../shared/otp/base32';
import { freeOtpPlusFormat } from '../../../main/import/formats/freeotp-plus';
import { freeOtpXmlFormat } from '../../../main/import/formats/freeotp-xml';
import type { ImportedAccount } from '../../../main/import/types';
import { expectReferenceAccounts, parseFixture, textFile } from './support';

/** FreeOTP stores HOTP counters one lower than the URI they came from. */
const counterOneLower = (a: ImportedAccount): Partial<ImportedAccount> => (a.type === 'hotp' ? { counter: a.counter - 1 } : {});

describe('FreeOTP v1 and FreeOTP+', () => {
  it('reads FreeOTP v1 tokens.xml (signed byte secrets), in the app’s token order', async () => {
    const result = await parseFixture(freeOtpXmlFormat, 'freeotp.xml');
    expectReferenceAccounts(result, 4, counterOneLower);
    expect(result.accounts.map((a) => `${a.issuer}:${a.label}`)).toEqual(['WWE:Mason', 'Issuu:James', 'Airbnb:Elijah', 'Deno:Mason']);
  });

  it('reads FreeOTP+ internal XML and its JSON export', async () => {
    expectReferenceAccounts(await parseFixture(freeOtpXmlFormat, 'freeotp_plus_internal.xml'), 6, counterOneLower);
    expectReferenceAccounts(await parseFixture(freeOtpPlusFormat, 'freeotp_plus.json'), 6, counterOneLower);
  });

  it('a Steam token (TOTP, issuer Steam, 5 digits) becomes a Steam account; unknown types are skipped', async () => {
    const token = (type: string, issuer: string, digits: number) => ({ algo: 'SHA1', counter: 0, digits, issuerExt: issuer, label: 'me', period: 30, secret: [1, -2, 3, -4, 5, -6, 7, -8, 9, -10], type });
    const result = await freeOtpPlusFormat.parse(textFile(JSON.stringify({ tokens: [token('TOTP', 'Steam', 5), token('MOTP', 'X', 6)] })), null);
    // Java's signed bytes: -2 is 0xfe.
    expect(result.accounts.map((a) => [a.type, a.secret])).toEqual([['steam', bytesToBase32(Uint8Array.from([1, 254, 3, 252, 5, 250, 7, 248, 9, 246]))]]);
    expect(result.skipped).toEqual([{ name: 'X: me', reason: 'Unsupported OTP type "MOTP"' }]);
  });
});
