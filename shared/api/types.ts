// Data shapes that cross the API boundary. Plain JSON only: no classes, no Dates, no Uint8Arrays,
// so the same values travel over Electron IPC (structured clone) and the web bridge (JSON).
import type { AppErrorData } from './errors';
import type { HashAlgorithm, OtpType } from '../otp/types';

/** Input for creating or fully editing an account. `secret` is base32 in any common spelling. */
export interface AccountInput {
  type: OtpType;
  issuer: string;
  label: string;
  secret: string;
  algorithm: HashAlgorithm;
  digits: number;
  period: number;
  counter: number;
  tags?: string[];
}

/** Edit: any subset. An absent or empty `secret` keeps the stored one. */
export type AccountPatch = Partial<AccountInput>;

/** An account as the UI sees it: metadata only, never the secret. */
export interface AccountView {
  id: string;
  type: OtpType;
  issuer: string;
  label: string;
  algorithm: HashAlgorithm;
  digits: number;
  period: number;
  counter: number;
  tags: string[];
  order: number;
  /** Bits of entropy in the stored secret, so the UI can warn about short secrets without seeing them. */
  secretBits: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * A keychain secret that no account references (an add or remove that was interrupted, or entries of a
 * damaged accounts.json that were set aside). Never the secret itself.
 */
export interface OrphanSecret {
  /** The account id of the keychain item `account:<id>`. */
  id: string;
  secretBits: number;
  /** True when this data folder recorded the secret; false for items found only by a keychain scan. */
  recorded: boolean;
  /** The account's name when accounts.json.bak still knows the id. */
  knownAs?: { issuer: string; label: string };
}

/** The current code of one account. Times are Unix milliseconds. */
export interface CodeView {
  id: string;
  code: string;
  /** Code of the next time step (TOTP/Steam) or next counter (HOTP). */
  next: string;
  /** Start and end of the validity window of `code`; both null for HOTP. */
  validFrom: number | null;
  validUntil: number | null;
  period: number;
  counter: number;
}

export interface CopyResult {
  code: string;
  /**
   * Who put the code on the clipboard: 'main' (Electron: the main process wrote it and will clear it)
   * or 'renderer' (web mode: the browser tab must write it, since the server may not share its clipboard).
   */
  writer: 'main' | 'renderer';
  /** The clipboard is cleared after this many ms if it still holds the code; 0 = never. */
  clearAfterMs: number;
  /**
   * HOTP only: copying uses the code up, so the counter was advanced (like Aegis). `counter` is the one
   * the copied code belongs to; codes.hotpUndo(id, counter) puts it back if the code was not used.
   */
  hotp?: { counter: number; next: CodeView };
}

export interface AccountQr {
  uri: string;
  /** Standalone SVG markup of the QR code. */
  svg: string;
}

export interface MigrationQr {
  uri: string;
  svg: string;
  batchIndex: number;
  batchSize: number;
  accountIds: string[];
}

export interface ImportSummary {
  added: AccountView[];
  /** Entries skipped because an identical account exists. */
  duplicates: { issuer: string; label: string }[];
  /** Stored accounts that took an imported entry's new secret ("replace" in the import preview). */
  replaced?: AccountView[];
  /** Entries that cannot be imported at all (an export's MD5 entry, an invalid parameter), with the reason. */
  skipped?: { issuer: string; label: string; reason: string }[];
  /** For one otpauth-migration:// QR code: its place in a multi-QR export (index is 0-based). */
  batch?: { index: number; size: number };
}

export interface AppInfo {
  name: string;
  version: string;
  mode: 'desktop' | 'web';
  platform: string;
  dataDir: string;
  keychainService: string;
}

export interface AppStatus {
  keychain: { ok: true; backend: string } | { ok: false; error: AppErrorData };
  /** Non-fatal start-up problems worth showing, e.g. a corrupt metadata file that was set aside. */
  warnings: string[];
}
