import { describe, expect, it } from 'vitest';
import { protonFormat } from '../../../main/import/formats/proton';
import { expectReferenceAccounts, parseFixture, textFile } from './support';

describe('Proton Authenticator export', () => {
  it('reads the three TOTP accounts from their otpauth:// URIs', async () => {
    expectReferenceAccounts(await parseFixture(protonFormat, 'proton_authenticator.json'), 3);
  });

  it('an entry with a broken URI is skipped; the name shown in the app wins', async () => {
    const file = textFile(
      JSON.stringify({
        version: 1,
        entries: [
          { content: { uri: 'otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno', name: 'Mason (work)' } },
          { content: { uri: 'otpauth://totp/x?secret=!', name: 'Broken' } },
        ],
      }),
    );
    const result = await protonFormat.parse(file, null);
    expect(result.accounts.map((a) => [a.issuer, a.label])).toEqual([['Deno', 'Mason (work)']]);
    expect(result.skipped.map((s) => s.name)).toEqual(['Broken']);
  });
});
