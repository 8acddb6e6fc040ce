// What a scanned QR text means for an import: one otpauth account, one part of a Google
// Authenticator export, a broken OTP payload (worth a clear message), or anything else (shown to
// the user, never imported). Pure: used by the CLI in main and later by the import preview UI.
import type { AppErrorData } from '../api/errors';
import { parseMigrationUri, type MigrationBatch } from '../otp/migration';
import { parseOtpauthUri } from '../otp/otpauth-uri';
import type { OtpAccountData } from '../otp/types';

export type QrClassification =
  | { kind: 'otpauth'; account: OtpAccountData }
  | { kind: 'migration'; batch: MigrationBatch }
  | { kind: 'invalid-otp'; error: AppErrorData; text: string }
  | { kind: 'other'; text: string };

const OTPAUTH = /^otpauth:\/\//i;
const MIGRATION = /^otpauth-migration:\/\//i;

export function classifyQrText(text: string): QrClassification {
  // Some generators append a newline or pad with spaces; the URI parsers want the URI alone.
  const uri = text.trim();
  if (MIGRATION.test(uri)) {
    const parsed = parseMigrationUri(uri);
    return parsed.ok ? { kind: 'migration', batch: parsed.value } : { kind: 'invalid-otp', error: parsed.error, text };
  }
  if (OTPAUTH.test(uri)) {
    const parsed = parseOtpauthUri(uri);
    return parsed.ok ? { kind: 'otpauth', account: parsed.value } : { kind: 'invalid-otp', error: parsed.error, text };
  }
  return { kind: 'other', text };
}
