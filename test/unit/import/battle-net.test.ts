import { describe, expect, it } from 'vitest';
import { battleNetFormat } from '../../../main/import/formats/battle-net';
import { parseFixture } from './support';

describe('Battle.net Authenticator', () => {
  it('unmasks the serial and the device secret: TOTP SHA1, 8 digits, 30 s', async () => {
    // Battle.net cannot scan QR codes, so its file holds its own account (the one Aegis's tests expect).
    expect(await parseFixture(battleNetFormat, 'battle_net_authenticator.xml')).toEqual({
      accounts: [
        { type: 'totp', issuer: 'Battle.net', label: 'US-2211-2050-3346', secret: 'BMGRXPGFARQQF4GMT25JATL2VYLAHDBI', algorithm: 'SHA1', digits: 8, period: 30, counter: 0, tags: [] },
      ],
      skipped: [],
    });
  });
});
