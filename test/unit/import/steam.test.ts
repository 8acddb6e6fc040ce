import { describe, expect, it } from 'vitest';
import { steamFormat } from '../../../main/import/formats/steam';
import { expectReferenceAccounts, parseFixture, textFile } from './support';

describe('Steam Desktop Authenticator maFile', () => {
  for (const name of ['steam.json', 'steam_old.json']) {
    it(`reads ${name}: shared_secret (base64) as a Steam account, issuer "Steam"`, async () => {
      expectReferenceAccounts(await parseFixture(steamFormat, name), 1, () => ({ issuer: 'Steam' }));
    });
  }

  it('a shared_secret that is not base64 is skipped with a reason', async () => {
    const result = await steamFormat.parse(textFile(JSON.stringify({ shared_secret: '***', account_name: 'me' })), null);
    expect(result).toEqual({ accounts: [], skipped: [{ name: 'Steam: me', reason: 'The shared secret is not base64' }] });
  });
});
