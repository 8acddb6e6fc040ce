// Stratum / Authenticator Pro's internal SQLite database, read from the real file of a rooted phone.
import { createRequire } from 'node:module';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { stratumDb } from '../../../main/import/formats/stratum-db';
import { damagedVariants, expectAccounts, expectNoOtherFixtureDetected, fixture, plainAccounts, rejectionCode } from './support';

const FILE = 'stratum_internal.db';
let SQL: SqlJsStatic;

beforeAll(async () => {
  const wasm = createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm');
  SQL = await initSqlJs({ locateFile: () => wasm });
});

describe('Stratum database', () => {
  it('imports every account', async () => {
    const result = await stratumDb.parse(fixture(FILE), null);
    expect(result.skipped).toEqual([]);
    expectAccounts(result.accounts, plainAccounts());
  });

  it('detects its own file and no other fixture', () => {
    expect(stratumDb.detect(fixture(FILE))).toBe(100);
    expect(stratumDb.needsPassword(fixture(FILE))).toBe(false);
    expectNoOtherFixtureDetected(stratumDb, [FILE]);
  });

  it('keeps categories as tags', async () => {
    const db = new SQL.Database(fixture(FILE).bytes);
    db.run(`INSERT INTO category (id, name, ranking) VALUES ('a1', 'Work', 0), ('b2', 'Travel', 1);
      INSERT INTO authenticatorcategory (categoryId, authenticatorSecret, ranking) VALUES
        ('a1', '4SJHB4GSD43FZBAI7C2HLRJGPQ', 0), ('b2', 'KUVJJOM753IHTNDSZVCNKL7GII', 0), ('a1', 'KUVJJOM753IHTNDSZVCNKL7GII', 1);`);
    const file = { name: 'authenticator.db3', bytes: db.export() };
    db.close();
    const result = await stratumDb.parse(file, null);
    const tags = Object.fromEntries(result.accounts.map((a) => [a.issuer, a.tags]));
    expect(tags).toMatchObject({ Deno: ['Work'], 'Air Canada': ['Travel', 'Work'], WWE: [] });
  });

  it('throws IMPORT_UNREADABLE for a truncated or damaged database', async () => {
    const own = fixture(FILE);
    for (const { what, file } of [
      ...damagedVariants(own, 100),
      { what: 'first half', file: { name: FILE, bytes: own.bytes.slice(0, own.bytes.length / 2) } },
    ]) {
      expect(await rejectionCode(stratumDb.parse(file, null)), what).toBe('IMPORT_UNREADABLE');
    }
  });
});
