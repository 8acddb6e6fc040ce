// Microsoft Authenticator's database (databases/PhoneFactor, copied off a rooted Android phone).
// Table `accounts`: name (the issuer), username, oath_secret_key, account_type. Type 0 is an ordinary
// TOTP account with a base32 secret; type 1 a personal Microsoft account, whose secret is base64 and
// whose codes have 8 digits. The app keeps no algorithm, period or HOTP counter: every account is a
// SHA1, 30-second TOTP. Other types (work or school sign-in approvals) carry no code secret.
import { decodeBase64Lenient } from '../../../shared/otp/base64';
import { DEFAULT_PARAMS } from '../../../shared/otp/types';
import { ImportCollector, MAX_IMPORT_ENTRIES, entryName } from '../imported-account';
import { unreadable } from '../errors';
import { numberCell, schemaMatches, textCell, withSqliteFile } from '../sqlite-file';
import type { ImportFile, ImportFormat, ImportParseResult } from '../types';

const WHAT = 'This Microsoft Authenticator database';
const SCHEMA = /^CREATE TABLE\s+["`]?accounts["`]?\s*\([\s\S]*\boath_secret_key\b/i;

const TYPE_TOTP = 0;
const TYPE_MICROSOFT = 1;
const MICROSOFT_DIGITS = 8;

export const microsoftAuthenticatorDb: ImportFormat = {
  id: 'microsoft-authenticator-db',
  label: 'Microsoft Authenticator database (SQLite)',

  detect(file: ImportFile): number {
    return schemaMatches(file.bytes, SCHEMA) ? 100 : 0;
  },

  needsPassword(): boolean {
    return false;
  },

  parse(file: ImportFile): Promise<ImportParseResult> {
    return withSqliteFile(file.bytes, WHAT, (db) => {
      const rows = db.readTable('accounts', ['name', 'username', 'oath_secret_key', 'account_type']);
      if (rows.length > MAX_IMPORT_ENTRIES) throw unreadable(WHAT, `it has more than ${MAX_IMPORT_ENTRIES} accounts`);
      const out = new ImportCollector();
      for (const row of rows) {
        const issuer = textCell(row.name);
        const label = textCell(row.username);
        const type = numberCell(row.account_type);
        const secretText = textCell(row.oath_secret_key);
        if (type !== TYPE_TOTP && type !== TYPE_MICROSOFT) {
          out.skip(entryName(issuer, label), `Microsoft Authenticator account type ${textCell(row.account_type) || 'NULL'} has no one-time-code secret`);
          continue;
        }
        let secret: string | Uint8Array = secretText;
        if (type === TYPE_MICROSOFT) {
          const decoded = decodeBase64Lenient(secretText.trim());
          if (!decoded.ok) {
            out.skip(entryName(issuer, label), `The secret is not valid base64: ${decoded.message}`);
            continue;
          }
          secret = decoded.bytes;
        }
        out.add({
          type: 'totp',
          issuer,
          label,
          secret,
          algorithm: DEFAULT_PARAMS.algorithm,
          digits: type === TYPE_MICROSOFT ? MICROSOFT_DIGITS : DEFAULT_PARAMS.digits,
          period: DEFAULT_PARAMS.period,
          counter: 0,
        });
      }
      return out.result();
    });
  },
};
