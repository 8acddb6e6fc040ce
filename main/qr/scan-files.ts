// The engine of `authbahn scan IMAGE... [--json] [--import]`: reads image files, finds every QR
// code, classifies them and aggregates the result across files (accounts, Google Authenticator
// export parts with what is missing, other codes, broken OTP payloads). One unreadable file does
// not stop the others; its error is reported next to its path.
import { toAppErrorData, type AppErrorData } from '../../shared/api/errors';
import { classifyQrText } from '../../shared/qr/classify';
import { MigrationCollector, type MigrationBatchStatus } from '../../shared/qr/migration-collector';
import type { QrCodeFound } from '../../shared/qr/types';
import type { OtpAccountData } from '../../shared/otp/types';
import { readImageFile, type DecodedImage, type ReadOptions } from './image-decode';
import { scanWithBackgrounds, type ImageScanner } from './scan-image';

export interface ScanFilesDeps {
  scanner: ImageScanner;
  /** Defaults to readImageFile; injectable so tests can count reads or simulate failures. */
  readImage?: (path: string, options: ReadOptions) => Promise<DecodedImage>;
  /** Limits passed to the image reader (pixels, bytes). */
  limits?: Pick<ReadOptions, 'maxPixels' | 'maxBytes'>;
}

export interface ScannedFile {
  path: string;
  codes: QrCodeFound[];
  error?: AppErrorData;
}

export type SourcedAccount = OtpAccountData & { source: string };

export interface ScanFilesResult {
  files: ScannedFile[];
  /** Every distinct account found, in file order; the same account seen twice is listed once. */
  accounts: SourcedAccount[];
  /** One entry per Google Authenticator export seen, with the 1-based parts present and missing. */
  migration: MigrationBatchStatus[];
  /** Codes that are not OTP payloads (shown, never imported). */
  other: { source: string; text: string }[];
  /** otpauth:// or otpauth-migration:// codes that could not be parsed, with the parser's error. */
  invalid: { source: string; text: string; error: AppErrorData }[];
  /** Entries inside exports that cannot be imported (e.g. an unsupported algorithm). */
  skipped: { source: string; name: string; issuer: string; reason: string }[];
}

export async function scanFiles(paths: string[], deps: ScanFilesDeps): Promise<ScanFilesResult> {
  const read = deps.readImage ?? readImageFile;
  const collector = new MigrationCollector<string>();
  const result: ScanFilesResult = { files: [], accounts: [], migration: [], other: [], invalid: [], skipped: [] };
  const seenAccounts = new Set<string>();
  const seenOther = new Set<string>();

  // One file at a time: a decoded 4K screenshot is 33 MB of RGBA, and the wasm engine is
  // single-threaded anyway, so parallel decoding would only raise peak memory.
  for (const path of paths) {
    let codes: QrCodeFound[];
    try {
      codes = await scanOne(path, read, deps);
    } catch (error) {
      result.files.push({ path, codes: [], error: toAppErrorData(error) });
      continue;
    }
    result.files.push({ path, codes });
    for (const code of codes) {
      const c = classifyQrText(code.text);
      switch (c.kind) {
        case 'otpauth':
          addAccount(c.account, path);
          break;
        case 'migration':
          if (collector.add(c.batch, path)) for (const account of c.batch.accounts) addAccount(account, path);
          break;
        case 'invalid-otp':
          result.invalid.push({ source: path, text: c.text, error: c.error });
          break;
        case 'other':
          if (!seenOther.has(`${path}\n${c.text}`)) {
            seenOther.add(`${path}\n${c.text}`);
            result.other.push({ source: path, text: c.text });
          }
          break;
      }
    }
  }
  result.migration = collector.status();
  result.skipped = collector.skipped();
  return result;

  function addAccount(account: OtpAccountData, source: string): void {
    const key = JSON.stringify([account.type, account.secret, account.issuer, account.label, account.algorithm, account.digits, account.period, account.counter]);
    if (seenAccounts.has(key)) return;
    seenAccounts.add(key);
    result.accounts.push({ ...account, source });
  }
}

function scanOne(path: string, read: NonNullable<ScanFilesDeps['readImage']>, deps: ScanFilesDeps): Promise<QrCodeFound[]> {
  const limits = deps.limits ?? {};
  return scanWithBackgrounds((background) => read(path, { ...limits, background }), deps.scanner);
}
