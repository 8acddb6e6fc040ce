// Google Authenticator's SQLite database, read from the real file of a rooted phone.
import { createRequire } from 'node:module';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { googleAuthenticatorDb } from '../../../main/import/formats/google-authenticator-db';
import { damagedVariants, expectAccounts, expectNoOtherFixtureDetected, fixture, plainAccounts, rejectionCode } from './support';

const FILE = 'google_authenticator.sqlite';
let SQL: SqlJsStatic;

beforeAll(async () => {
  const wasm = createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm');
  SQL = await initSqlJs({ locateFile: () => wasm });
});

/** A database made in memory with the given SQL, as the bytes of a file. */
function database(sql: string): { name: string; bytes: Uint8Array } {
  const db = new SQL.Database();
  db.run(sql);
  const bytes = db.export();
  db.close();
  return { name: 'made.sqlite', bytes };
}

describe('Google Authenticator database', () => {
  it('imports every account; the app stores no algorithm, digits or period (SHA1/6/30) and no Steam', async () => {
    const expected = plainAccounts()
      .filter((a) => a.type !== 'steam')
      .map((a) => ({ ...a, algorithm: 'SHA1' as const, digits: 6, period: 30 }));
    const result = await googleAuthenticatorDb.parse(fixture(FILE), null);
    expect(result.skipped).toEqual([]);
    expectAccounts(result.accounts, expected);
    expect(result.accounts.map((a) => a.counter).sort((x, y) => x - y)).toEqual([0, 0, 0, 1, 50, 10300]);
  });

  it('detects its own file and no other fixture', () => {
    expect(googleAuthenticatorDb.detect(fixture(FILE))).toBe(100);
    expect(googleAuthenticatorDb.needsPassword(fixture(FILE))).toBe(false);
    expectNoOtherFixtureDetected(googleAuthenticatorDb, [FILE]);
  });

  it('takes the issuer from the email prefix when the issuer column is empty (older app versions)', async () => {
    const file = database(`CREATE TABLE accounts (_id INTEGER PRIMARY KEY, email TEXT NOT NULL, secret TEXT NOT NULL, counter INTEGER DEFAULT 0, type INTEGER, issuer TEXT);
      INSERT INTO accounts (email, secret, counter, type, issuer) VALUES ('ACME:alice', 'jbsw y3dp ehpk 3pxp', 0, 0, NULL);
      INSERT INTO accounts (email, secret, counter, type, issuer) VALUES ('bob@example.com', 'JBSWY3DPEHPK3PXP', 7, 1, '');
      INSERT INTO accounts (email, secret, counter, type, issuer) VALUES ('carol', 'JBSWY3DPEHPK3PXP', 0, 5, 'X');
      INSERT INTO accounts (email, secret, counter, type, issuer) VALUES ('dave', 'not base32!', 0, 0, 'Y');`);
    expect(googleAuthenticatorDb.detect(file)).toBe(100);
    const result = await googleAuthenticatorDb.parse(file, null);
    expect(result.accounts.map((a) => [a.issuer, a.label, a.type, a.counter, a.secret])).toEqual([
      ['ACME', 'alice', 'totp', 0, 'JBSWY3DPEHPK3PXP'],
      ['', 'bob@example.com', 'hotp', 7, 'JBSWY3DPEHPK3PXP'],
    ]);
    expect(result.skipped.map((s) => s.name)).toEqual(['X: carol', 'Y: dave']);
    expect(result.skipped[0]!.reason).toMatch(/type 5/);
  });

  it('does not read a view named accounts (an endless recursive query would hang the import)', async () => {
    // One row whose value needs an endless recursion: a row limit alone would not stop it.
    const file = database(`CREATE VIEW accounts AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)
      SELECT (SELECT max(i) FROM n) AS email, 'JBSWY3DPEHPK3PXP' AS secret, 0 AS type, 0 AS counter, '' AS issuer;`);
    expect(await rejectionCode(googleAuthenticatorDb.parse(file, null))).toBe('IMPORT_UNREADABLE');
  });

  it('refuses generated columns, whose expressions would run while reading (defence in depth)', async () => {
    const file = database(`CREATE TABLE accounts (email TEXT, type INTEGER, secret TEXT GENERATED ALWAYS AS (hex(zeroblob(10))) VIRTUAL);
      INSERT INTO accounts (email, type) VALUES ('a', 0);`);
    expect(await rejectionCode(googleAuthenticatorDb.parse(file, null))).toBe('IMPORT_UNREADABLE');
  });

  it('throws IMPORT_UNREADABLE for a truncated or damaged database', async () => {
    const own = fixture(FILE);
    for (const { what, file } of [
      ...damagedVariants(own, 100),
      { what: 'first half', file: { name: FILE, bytes: own.bytes.slice(0, own.bytes.length / 2) } },
    ]) {
      expect(await rejectionCode(googleAuthenticatorDb.parse(file, null)), what).toBe('IMPORT_UNREADABLE');
    }
    const noTable = database('CREATE TABLE other (x);');
    expect(await rejectionCode(googleAuthenticatorDb.parse(noTable, null))).toBe('IMPORT_UNREADABLE');
  });
});
