import { describe, expect, it } from 'vitest';
import { duoFormat } from '../../../main/import/formats/duo';
import { parseFixture, expected, textFile } from './support';

describe('Duo Mobile accounts.json', () => {
  it('reads both accounts: no issuer, SHA1/6, and the counter Duo holds', async () => {
    const result = await parseFixture(duoFormat, 'duo.json');
    expect(result.skipped).toEqual([]);
    expect(result.accounts).toEqual([
      expected('4SJHB4GSD43FZBAI7C2HLRJGPQ', () => ({ issuer: '' })),
      // Duo stores the counter it has reached (3); the reference URI started at 1.
      expected('YOOMIXWS5GN6RTBPUFFWKTW5M4', () => ({ issuer: '', counter: 3 })),
    ]);
  });

  it('a Duo push account without an OTP generator is skipped', async () => {
    const result = await duoFormat.parse(textFile(JSON.stringify([{ name: 'Duo Admin', accountType: 'DuoAccount', pkey: 'p' }])), null);
    expect(result.skipped).toEqual([{ name: 'Duo Admin', reason: 'A Duo push account has no code secret' }]);
  });
});
