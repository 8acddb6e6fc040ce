// Stratum / Authenticator Pro's internal database (databases/authenticator.db3, copied off a rooted
// phone): table "authenticator" (type, issuer, username, secret, algorithm, digits, period, counter),
// categories in "category" (id, name) linked by "authenticatorcategory" (categoryId, authenticatorSecret).
import { ImportCollector, MAX_IMPORT_ENTRIES } from '../imported-account';
import { unreadable } from '../errors';
import { numberCell, schemaMatches, textCell, withSqliteFile, type SqliteFile } from '../sqlite-file';
import type { ImportFile, ImportFormat, ImportParseResult } from '../types';
import { addStratumEntry, tagsBySecret } from './stratum-entries';

const WHAT = 'This Stratum database';
/** The accounts table; the word boundary keeps "authenticatorcategory" from matching. */
const SCHEMA = /^CREATE TABLE\s+(?:IF NOT EXISTS\s+)?["`]?authenticator["`]?\s*\([\s\S]*\bsecret\b/i;

/** Category names per secret; a database without the category tables simply has no tags. */
function readTags(db: SqliteFile): Map<string, string[]> {
  if (!db.hasTable('category') || !db.hasTable('authenticatorcategory')) return new Map();
  const categories = db.readTable('category', ['id', 'name']);
  const links = db.readTable('authenticatorcategory', ['categoryId', 'authenticatorSecret']);
  return tagsBySecret(
    categories.map((c) => ({ id: c.id, name: c.name })),
    links.map((l) => ({ categoryId: l.categoryId, secret: l.authenticatorSecret })),
  );
}

export const stratumDb: ImportFormat = {
  id: 'stratum-db',
  label: 'Stratum / Authenticator Pro database (SQLite)',

  detect(file: ImportFile): number {
    return schemaMatches(file.bytes, SCHEMA) ? 100 : 0;
  },

  needsPassword(): boolean {
    return false;
  },

  parse(file: ImportFile): Promise<ImportParseResult> {
    return withSqliteFile(file.bytes, WHAT, (db) => {
      const rows = db.readTable('authenticator', ['type', 'issuer', 'username', 'secret', 'algorithm', 'digits', 'period', 'counter']);
      if (rows.length > MAX_IMPORT_ENTRIES) throw unreadable(WHAT, `it has more than ${MAX_IMPORT_ENTRIES} accounts`);
      const tags = readTags(db);
      const out = new ImportCollector();
      for (const row of rows) {
        const secret = textCell(row.secret);
        addStratumEntry(
          out,
          {
            type: numberCell(row.type),
            issuer: textCell(row.issuer),
            username: textCell(row.username),
            secret,
            algorithm: row.algorithm === null ? 0 : numberCell(row.algorithm),
            digits: numberCell(row.digits),
            period: numberCell(row.period),
            counter: row.counter === null ? 0 : numberCell(row.counter),
          },
          tags.get(secret) ?? [],
        );
      }
      return out.result();
    });
  },
};
