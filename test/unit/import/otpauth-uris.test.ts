import { describe, expect, it } from 'vitest';
import { formatMigrationUris } from '../../../shared/otp/migration';
import { otpauthUrisFormat } from '../../../main/import/formats/otpauth-uris';
import { expectAppError, expectReferenceAccounts, parseFixture, REFERENCE, textFile } from './support';

describe('otpauth URI list', () => {
  it('reads plain.txt: all seven accounts exactly', async () => {
    expectReferenceAccounts(await parseFixture(otpauthUrisFormat, 'plain.txt'), 7);
  });

  it("reads Ente Auth's plain export, its codeDisplay data ignored except tags", async () => {
    expectReferenceAccounts(await parseFixture(otpauthUrisFormat, 'ente_auth.txt'), 7);
  });

  it('keeps Ente Auth tags and skips entries in its trash', async () => {
    const display = (d: object) => encodeURIComponent(JSON.stringify(d));
    const result = await otpauthUrisFormat.parse(
      textFile(
        [
          `otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP&codeDisplay=${display({ tags: ['Work', 'Mail'], trashed: false })}`,
          `otpauth://totp/B:b?secret=JBSWY3DPEHPK3PXQ&codeDisplay=${display({ tags: [], trashed: true })}`,
        ].join('\n'),
      ),
      null,
    );
    expect(result.accounts.map((a) => [a.issuer, a.tags])).toEqual([['A', ['Work', 'Mail']]]);
    expect(result.skipped).toEqual([{ name: 'B: b', reason: expect.stringMatching(/trash/) }]);
  });

  it('reads Google Authenticator export lines among otpauth:// lines; broken lines are skipped, not fatal', async () => {
    const reference = [...REFERENCE.values()].filter((a) => a.type !== 'steam' && a.digits !== 7 && (a.type === 'hotp' || a.period === 30));
    const migration = formatMigrationUris(reference, { maxPerQr: 2 }).uris;
    expect(migration).toHaveLength(2);
    const result = await otpauthUrisFormat.parse(textFile([...migration, 'otpauth://totp/X:y?secret=!!', '# comment', 'hello'].join('\r\n')), null);
    expect(result.accounts.map((a) => a.secret).sort()).toEqual(reference.map((a) => a.secret).sort());
    expect(result.skipped.map((s) => s.name)).toEqual(['Line 3', 'Line 5']);
    // The message never repeats the line: a broken URI may still hold a secret.
    for (const s of result.skipped) expect(s.reason).not.toContain('!!');
  });

  it('detects by content, not name; text that is not a URI list is not claimed', () => {
    expect(otpauthUrisFormat.detect(textFile('otpauth://totp/a?secret=JBSWY3DPEHPK3PXP\n'))).toBe(100);
    expect(otpauthUrisFormat.detect(textFile('just some notes\nand more', 'list.txt'))).toBe(0);
    expect(otpauthUrisFormat.detect({ name: 'x', bytes: new Uint8Array([0xff, 0xfe, 0x00, 0x80]) })).toBe(0);
  });

  it('a file of only blank lines is unreadable', async () => {
    await expectAppError(otpauthUrisFormat.parse(textFile('\n\n'), null), 'IMPORT_UNREADABLE');
  });
});
