// Format detection over every fixture, from content alone (every file is passed as "x"), and the
// promise that no input — garbage, truncated or bit-flipped exports — makes an importer crash.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { detectFormat, formatById, rankFormats } from '../../../main/import/detect';
import { aegisFormat } from '../../../main/import/formats/aegis';
import { andOtpFormat } from '../../../main/import/formats/andotp';
import { authyFormat } from '../../../main/import/formats/authy';
import { battleNetFormat } from '../../../main/import/formats/battle-net';
import { bitwardenFormat } from '../../../main/import/formats/bitwarden';
import { duoFormat } from '../../../main/import/formats/duo';
import { freeOtpPlusFormat } from '../../../main/import/formats/freeotp-plus';
import { freeOtpXmlFormat } from '../../../main/import/formats/freeotp-xml';
import { otpauthUrisFormat } from '../../../main/import/formats/otpauth-uris';
import { protonFormat } from '../../../main/import/formats/proton';
import { steamFormat } from '../../../main/import/formats/steam';
import { totpAuthenticatorFormat } from '../../../main/import/formats/totp-authenticator';
import { twofasFormat } from '../../../main/import/formats/twofas';
import { importFile } from '../../../main/import/import-file';
import type { ImportFile } from '../../../main/import/types';
import { expectAppError, fixture, FIXTURES, textFile } from './support';

/** The formats of this file's scope (the SQLite and other binary formats have their own tests). */
const FORMATS = [
  otpauthUrisFormat,
  aegisFormat,
  twofasFormat,
  andOtpFormat,
  bitwardenFormat,
  freeOtpXmlFormat,
  freeOtpPlusFormat,
  steamFormat,
  duoFormat,
  protonFormat,
  battleNetFormat,
  authyFormat,
  totpAuthenticatorFormat,
];

const EXPECTED: Record<string, string> = {
  'plain.txt': 'uris',
  'ente_auth.txt': 'uris',
  'aegis_plain.json': 'aegis',
  'aegis_encrypted.json': 'aegis',
  'aegis_plain_grouped_v2.json': 'aegis',
  '2fas_authenticator.json': '2fas',
  '2fas_authenticator_plain.2fas': '2fas',
  '2fas_authenticator_encrypted.2fas': '2fas',
  '2fas_authenticator_plain_v3.2fas': '2fas',
  '2fas_authenticator_encrypted_v3.2fas': '2fas',
  '2fas_authenticator_plain_v4.2fas': '2fas',
  '2fas_authenticator_encrypted_v4.2fas': '2fas',
  'andotp_plain.json': 'andotp',
  'andotp_encrypted.bin': 'andotp',
  'andotp_encrypted_old.bin': 'andotp',
  'bitwarden.json': 'bitwarden',
  'bitwarden.csv': 'bitwarden',
  'freeotp.xml': 'freeotp-xml',
  'freeotp_plus_internal.xml': 'freeotp-xml',
  'freeotp_plus.json': 'freeotp-plus',
  'steam.json': 'steam',
  'steam_old.json': 'steam',
  'duo.json': 'duo',
  'proton_authenticator.json': 'proton',
  'battle_net_authenticator.xml': 'battlenet',
  'authy_plain.xml': 'authy',
  'authy_encrypted.xml': 'authy',
  'totp_authenticator.bin': 'totp-authenticator',
  'totp_authenticator_internal.xml': 'totp-authenticator',
};

/** Fixtures of formats outside this scope: none of ours may claim them. */
const OTHERS = [
  'authenticator_plus.zip',
  'freeotp_v2_api23.xml',
  'freeotp_v2_api25.xml',
  'freeotp_v2_api27.xml',
  'freeotp_v2_api34.xml',
  'freeotp_v2_null_algo.xml',
  'google_authenticator.sqlite',
  'microsoft_authenticator.sqlite',
  'stratum_plain.json',
  'stratum_encrypted.bin',
  'stratum_encrypted_legacy.bin',
  'stratum_internal.db',
];

const PASSWORDS: Record<string, string> = { 'authy_encrypted.xml': 'testtest', 'totp_authenticator.bin': 'Testtest1' };

describe('format detection', () => {
  it('every fixture of these formats is detected from its content alone', () => {
    for (const [name, id] of Object.entries(EXPECTED)) expect(detectFormat(fixture(name), FORMATS).id, name).toBe(id);
  });

  it('the table covers every fixture file', () => {
    const files = readdirSync(FIXTURES).filter((f) => f !== 'README.md');
    expect(files.filter((f) => !(f in EXPECTED) && !OTHERS.includes(f))).toEqual([]);
  });

  it('no format here claims another format’s fixture', () => {
    for (const name of OTHERS) expect(rankFormats(fixture(name), FORMATS), name).toEqual([]);
  });

  it('the file name breaks ties between equal content scores, and only then', () => {
    const a = { ...aegisFormat, id: 'first', detect: () => 10 };
    const b = { ...aegisFormat, id: 'aegis', detect: () => 10 };
    const c = { ...aegisFormat, id: 'best', detect: () => 11 };
    expect(detectFormat(textFile('{}', 'x'), [a, b]).id).toBe('first');
    expect(detectFormat(textFile('{}', 'my-aegis-backup.json'), [a, b]).id).toBe('aegis');
    expect(detectFormat(textFile('{}', 'my-aegis-backup.json'), [a, b, c]).id).toBe('best');
  });

  it('unknown content is IMPORT_UNKNOWN_FORMAT; a detector that throws does not claim the file', () => {
    const throwing = { ...aegisFormat, id: 'broken', detect: () => { throw new Error('bug'); } };
    for (const file of [textFile('hello world'), textFile('{"a":1}'), textFile('[1,2,3]'), textFile('<map></map>'), textFile('a,b\n1,2')]) {
      expect(() => detectFormat(file, [...FORMATS, throwing])).toThrow(expect.objectContaining({ code: 'IMPORT_UNKNOWN_FORMAT' }));
    }
  });

  it('--format names are checked', () => {
    expect(formatById('AEGIS', FORMATS).id).toBe('aegis');
    expect(() => formatById('keepass', FORMATS)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

/** A small deterministic PRNG (mulberry32), so failures reproduce. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const IMPORT_CODES = new Set(['IMPORT_UNREADABLE', 'IMPORT_UNKNOWN_FORMAT', 'IMPORT_WRONG_PASSWORD', 'IMPORT_PASSWORD_REQUIRED']);

/** Imports the file; it may work or fail, but only ever with one of the import error codes. */
async function importsOrFailsCleanly(file: ImportFile, password: string | null): Promise<string> {
  try {
    await importFile(file, { password, formats: FORMATS });
    return 'ok';
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect(IMPORT_CODES.has((error as AppError).code), (error as AppError).message).toBe(true);
    return (error as AppError).code;
  }
}

describe('garbage and damaged files', () => {
  it('empty input and text garbage: unreadable or unknown, never a crash', async () => {
    await expectAppError(importFile({ name: 'x', bytes: new Uint8Array() }, { password: null }), 'IMPORT_UNREADABLE');
    await expectAppError(importFile(textFile('lorem ipsum dolor'), { password: null, formats: FORMATS }), 'IMPORT_UNKNOWN_FORMAT');
    await expectAppError(importFile(textFile('{"services": "nope", "schemaVersion": 2}'), { password: null, formats: FORMATS }), 'IMPORT_UNKNOWN_FORMAT');
  });

  it('binary garbage has no magic number, so it may be an old-style andOTP backup: it asks for a password, and no password opens it', async () => {
    const next = random(1);
    const bytes = Uint8Array.from({ length: 300 }, () => Math.floor(next() * 256));
    await expectAppError(importFile({ name: 'x', bytes }, { password: null, formats: FORMATS }), 'IMPORT_PASSWORD_REQUIRED');
    await expectAppError(importFile({ name: 'x', bytes }, { password: 'test', formats: FORMATS }), 'IMPORT_WRONG_PASSWORD');
  });

  it('a structurally right file with wrong field types imports nothing but says why', async () => {
    const vault = { version: 1, header: { slots: null, params: null }, db: { version: 1, entries: [{ type: 'totp', name: 7, info: { secret: 12, digits: 'x' } }, 'junk'] } };
    const result = await importFile(textFile(JSON.stringify(vault)), { password: null, formats: FORMATS });
    expect(result.accounts).toEqual([]);
    expect(result.skipped).toHaveLength(2);
  });

  it('truncated and bit-flipped fixtures fail with an import error or import, never crash', async () => {
    const next = random(42);
    for (const name of Object.keys(EXPECTED)) {
      const original = fixture(name).bytes;
      const password = PASSWORDS[name] ?? 'test';
      const variants: Uint8Array[] = [original.slice(0, Math.floor(original.length / 2)), original.slice(0, 17), original.slice(0, original.length - 1)];
      for (let i = 0; i < 4; i += 1) {
        const flipped = original.slice();
        const at = Math.floor(next() * flipped.length);
        flipped[at] = flipped[at]! ^ (1 << Math.floor(next() * 8));
        variants.push(flipped);
      }
      for (const bytes of variants) await importsOrFailsCleanly({ name: 'x', bytes }, password);
    }
  }, 60_000);
});
