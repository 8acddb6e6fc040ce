// detect() and needsPassword() of the database, zip and Java-serialized formats must never throw,
// whatever they are shown: they run on every file before the user has chosen a format.
import { describe, expect, it } from 'vitest';
import { authenticatorPlus } from '../../../main/import/formats/authenticator-plus';
import { freeOtpV2 } from '../../../main/import/formats/freeotp-v2';
import { googleAuthenticatorDb } from '../../../main/import/formats/google-authenticator-db';
import { microsoftAuthenticatorDb } from '../../../main/import/formats/microsoft-authenticator-db';
import { stratumBackup } from '../../../main/import/formats/stratum-backup';
import { stratumDb } from '../../../main/import/formats/stratum-db';
import { IMPORT_FORMATS } from '../../../main/import/formats';
import { allFixtureNames, fixture } from './support';

const FORMATS = [googleAuthenticatorDb, microsoftAuthenticatorDb, stratumBackup, stratumDb, freeOtpV2, authenticatorPlus];

describe('detect and needsPassword of the binary formats', () => {
  it('are all registered', () => {
    for (const format of FORMATS) expect(IMPORT_FORMATS).toContain(format);
  });

  it('never throw on prefixes of every fixture file or on random bytes', () => {
    let seed = 12345;
    const random = (n: number) =>
      Uint8Array.from({ length: n }, () => {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        return seed >>> 24;
      });
    const inputs: Uint8Array[] = [new Uint8Array(0), random(1), random(64), random(5000)];
    for (const name of allFixtureNames()) {
      const bytes = fixture(name).bytes;
      for (const cut of [1, 4, 16, 17, 30, 100, Math.floor(bytes.length / 2), bytes.length - 1]) inputs.push(bytes.slice(0, cut));
    }
    for (const format of FORMATS) {
      for (const bytes of inputs) {
        const file = { name: 'x', bytes };
        const score = format.detect(file);
        expect(score >= 0 && score <= 100, format.id).toBe(true);
        expect(typeof format.needsPassword(file)).toBe('boolean');
      }
    }
  });
});
