// Microsoft Authenticator's SQLite database, read from the real file of a rooted phone.
import { createRequire } from 'node:module';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { microsoftAuthenticatorDb } from '../../../main/import/formats/microsoft-authenticator-db';
import { bytesToBase32 } from '../../../shared/otp/base32';
import { damagedVariants, expectAccounts, expectNoOtherFixtureDetected, fixture, plainAccounts, rejectionCode } from './support';

const FILE = 'microsoft_authenticator.sqlite';
let SQL: SqlJsStatic;

beforeAll(async () => {
  const wasm = createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm');
  SQL = await initSqlJs({ locateFile: () => wasm });
});

describe('Microsoft Authenticator database', () => {
  it('imports every account as the app keeps it: TOTP, SHA1, 6 digits, 30 s (no HOTP, no Steam)', async () => {
    const expected = plainAccounts().map((a) => ({ ...a, type: 'totp' as const, algorithm: 'SHA1' as const, digits: 6, period: 30, counter: 0 }));
    const result = await microsoftAuthenticatorDb.parse(fixture(FILE), null);
    expect(result.skipped).toEqual([]);
    expectAccounts(result.accounts, expected);
  });

  it('detects its own file and no other fixture', () => {
    expect(microsoftAuthenticatorDb.detect(fixture(FILE))).toBe(100);
    expect(microsoftAuthenticatorDb.needsPassword(fixture(FILE))).toBe(false);
    expectNoOtherFixtureDetected(microsoftAuthenticatorDb, [FILE]);
  });

  it('reads personal Microsoft accounts (base64 secret, 8 digits) and skips sign-in-only accounts', async () => {
    const key = Uint8Array.from({ length: 20 }, (_, i) => i * 13 + 1);
    const db = new SQL.Database();
    db.run(`CREATE TABLE accounts (_id INTEGER PRIMARY KEY, name TEXT NOT NULL, username TEXT NOT NULL, oath_secret_key TEXT NOT NULL, account_type INTEGER NOT NULL);
      INSERT INTO accounts (name, username, oath_secret_key, account_type) VALUES ('Microsoft', 'me@outlook.com', '${Buffer.from(key).toString('base64')}', 1);
      INSERT INTO accounts (name, username, oath_secret_key, account_type) VALUES ('Contoso', 'me@contoso.com', '', 2);
      INSERT INTO accounts (name, username, oath_secret_key, account_type) VALUES ('Broken', 'x', '%%%', 1);`);
    const file = { name: 'PhoneFactor', bytes: db.export() };
    db.close();
    const result = await microsoftAuthenticatorDb.parse(file, null);
    expect(result.accounts).toEqual([
      { type: 'totp', issuer: 'Microsoft', label: 'me@outlook.com', secret: bytesToBase32(key), algorithm: 'SHA1', digits: 8, period: 30, counter: 0, tags: [] },
    ]);
    expect(result.skipped.map((s) => s.name)).toEqual(['Contoso: me@contoso.com', 'Broken: x']);
  });

  it('throws IMPORT_UNREADABLE for a truncated or damaged database', async () => {
    const own = fixture(FILE);
    for (const { what, file } of [
      ...damagedVariants(own, 100),
      { what: 'first half', file: { name: FILE, bytes: own.bytes.slice(0, own.bytes.length / 2) } },
    ]) {
      expect(await rejectionCode(microsoftAuthenticatorDb.parse(file, null)), what).toBe('IMPORT_UNREADABLE');
    }
  });
});
