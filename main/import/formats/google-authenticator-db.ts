// Google Authenticator's own database (databases/databases, copied off a rooted Android phone).
// Table `accounts`: email ("Issuer:name" or just the name), secret (base32), counter, type (0 = TOTP,
// 1 = HOTP), issuer (NULL in old versions). The app stores no algorithm, digits or period: every
// account is SHA1, 6 digits, 30 s.
import { splitLabel } from '../../../shared/otp/label';
import { DEFAULT_PARAMS } from '../../../shared/otp/types';
import { ImportCollector, MAX_IMPORT_ENTRIES, entryName } from '../imported-account';
import { unreadable } from '../errors';
import { numberCell, schemaMatches, textCell, withSqliteFile } from '../sqlite-file';
import type { ImportFile, ImportFormat, ImportParseResult } from '../types';

const WHAT = 'This Google Authenticator database';
/** The accounts table as Google Authenticator creates it (Microsoft's also has `accounts`, but no `email`). */
const SCHEMA = /^CREATE TABLE\s+["`]?accounts["`]?\s*\([\s\S]*\bemail\b[\s\S]*\bsecret\b/i;

const TYPE_TOTP = 0;
const TYPE_HOTP = 1;

export const googleAuthenticatorDb: ImportFormat = {
  id: 'google-authenticator-db',
  label: 'Google Authenticator database (SQLite)',

  detect(file: ImportFile): number {
    return schemaMatches(file.bytes, SCHEMA) ? 100 : 0;
  },

  needsPassword(): boolean {
    return false;
  },

  parse(file: ImportFile): Promise<ImportParseResult> {
    return withSqliteFile(file.bytes, WHAT, (db) => {
      const rows = db.readTable('accounts', ['email', 'secret', 'type'], ['counter', 'issuer']);
      if (rows.length > MAX_IMPORT_ENTRIES) throw unreadable(WHAT, `it has more than ${MAX_IMPORT_ENTRIES} accounts`);
      const out = new ImportCollector();
      for (const row of rows) {
        const issuerColumn = textCell(row.issuer).trim();
        // An empty issuer column means "take it from the email prefix", as the app itself does.
        const names = splitLabel(textCell(row.email), issuerColumn === '' ? undefined : issuerColumn);
        const type = numberCell(row.type);
        if (type !== TYPE_TOTP && type !== TYPE_HOTP) {
          out.skip(entryName(names.issuer, names.label), `Unknown Google Authenticator account type ${textCell(row.type) || 'NULL'}`);
          continue;
        }
        out.add({
          type: type === TYPE_HOTP ? 'hotp' : 'totp',
          issuer: names.issuer,
          label: names.label,
          secret: textCell(row.secret),
          algorithm: DEFAULT_PARAMS.algorithm,
          digits: DEFAULT_PARAMS.digits,
          period: DEFAULT_PARAMS.period,
          counter: type === TYPE_HOTP ? (row.counter === null ? 0 : numberCell(row.counter)) : 0,
        });
      }
      return out.result();
    });
  },
};
