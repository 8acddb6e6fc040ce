// What every importer of another authenticator's export file produces. One file per format under
// formats/, listed in formats/index.ts; detection is by content (the file name only breaks ties), and
// a format that needs a password says so before parsing, so callers can ask for it.
import type { OtpAccountData } from '../../shared/otp/types';

/** One account read from an export, as the source app stored it (normalised base32 secret). */
export interface ImportedAccount extends OtpAccountData {
  /** Tags, groups or folders of the source app; [] when it has none. */
  tags: string[];
}

/** An entry of the file that cannot become an account (e.g. an unsupported type), with why. */
export interface SkippedEntry {
  name: string;
  reason: string;
}

export interface ImportParseResult {
  accounts: ImportedAccount[];
  skipped: SkippedEntry[];
}

export interface ImportFile {
  /** Base name as the user picked it ("-" for standard input); only a hint, never trusted. */
  name: string;
  bytes: Uint8Array;
}

export interface ImportFormat {
  /** Stable id used by `authbahn accounts import --format ID`, e.g. "aegis", "2fas", "andotp". */
  id: string;
  /** What the user sees, e.g. "Aegis vault (JSON)". */
  label: string;
  /**
   * How sure this format is that the file is one of its own: 0 = not this format, 1 = the name
   * fits but the content is ambiguous, 10 = the content's structure matches, 100 = a magic marker.
   * Must be cheap and must never throw.
   */
  detect(file: ImportFile): number;
  /** True when parse() needs a password for this file. Must never throw. */
  needsPassword(file: ImportFile): boolean;
  /**
   * Reads every account. Throws AppError IMPORT_PASSWORD_REQUIRED when a password is needed and null
   * was given, IMPORT_WRONG_PASSWORD when it does not decrypt, IMPORT_UNREADABLE when the content is
   * damaged or not what detect() thought.
   */
  parse(file: ImportFile, password: string | null): Promise<ImportParseResult>;
}
