import { describe, expect, it } from 'vitest';
import { bitwardenFormat } from '../../../main/import/formats/bitwarden';
import { expectAppError, expectReferenceAccounts, parseFixture, textFile } from './support';

const STEAM_SECRET = 'JRZCL47CMXVOQMNPZR2F7J4RGI';

describe('Bitwarden export', () => {
  for (const [name, steamLabel] of [
    ['bitwarden.json', 'Test Steam'],
    ['bitwarden.csv', 'Test 4'],
  ] as const) {
    it(`reads ${name}: otpauth:// values as is, steam:// as a Steam account named after the item`, async () => {
      expectReferenceAccounts(await parseFixture(bitwardenFormat, name), 4, (a) =>
        a.secret === STEAM_SECRET ? { issuer: 'Steam', label: steamLabel } : {},
      );
    });
  }

  it('a bare base32 secret is TOTP SHA1/6/30 under the item name; folders become tags; items without TOTP are ignored', async () => {
    const vault = {
      encrypted: false,
      folders: [{ id: 'f1', name: 'Work' }],
      items: [
        { type: 1, name: 'Example', folderId: 'f1', login: { username: 'alice', totp: 'jbsw y3dp ehpk 3pxp' } },
        { type: 1, name: 'Password only', folderId: null, login: { username: 'bob', totp: null } },
        { type: 2, name: 'A note', notes: 'x' },
      ],
    };
    const result = await bitwardenFormat.parse(textFile(JSON.stringify(vault)), null);
    expect(result).toEqual({
      accounts: [{ type: 'totp', issuer: 'Example', label: 'alice', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, tags: ['Work'] }],
      skipped: [],
    });
  });

  it('CSV fields with quotes, commas and line breaks', async () => {
    const csv = 'folder,favorite,type,name,notes,fields,login_uri,login_username,login_password,login_totp\n"Fin, private",,login,"Bank ""A""","multi\nline",,,me,,JBSWY3DPEHPK3PXP\n';
    const result = await bitwardenFormat.parse(textFile(csv), null);
    expect(result.accounts.map((a) => [a.issuer, a.label, a.tags])).toEqual([['Bank "A"', 'me', ['Fin, private']]]);
  });

  it('a password-protected export is unreadable, with what to do instead', async () => {
    const error = await expectAppError(bitwardenFormat.parse(textFile(JSON.stringify({ encrypted: true, passwordProtected: true, items: [] })), null), 'IMPORT_UNREADABLE');
    expect(error.message).toMatch(/unencrypted/);
  });
});
