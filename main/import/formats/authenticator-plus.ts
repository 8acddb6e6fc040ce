// Authenticator Plus exports: a password-protected zip (traditional zip encryption) holding
// "Accounts.txt", one otpauth:// URI per line. The app's tags ("categories") are not in the export.
import { parseOtpauthUri } from '../../../shared/otp/otpauth-uri';
import { ImportCollector, MAX_IMPORT_ENTRIES } from '../imported-account';
import { passwordRequired, unreadable, wrongPassword } from '../errors';
import type { ImportFile, ImportFormat, ImportParseResult } from '../types';
import { ZipFormatError, ZipPasswordError, isZipFile, listZipEntries, readZipEntry, type ZipEntry } from '../zip-archive';

const WHAT = 'This Authenticator Plus export';
const ACCOUNTS_FILE = 'accounts.txt';

/** The Accounts.txt entry (in any folder, any case), or undefined. Never throws. */
function accountsEntry(bytes: Uint8Array): ZipEntry | undefined {
  if (!isZipFile(bytes)) return undefined;
  try {
    return listZipEntries(bytes).find((e) => e.name.split('/').pop()?.toLowerCase() === ACCOUNTS_FILE);
  } catch {
    return undefined;
  }
}

export const authenticatorPlus: ImportFormat = {
  id: 'authenticator-plus',
  label: 'Authenticator Plus export (zip)',

  detect(file: ImportFile): number {
    const entry = accountsEntry(file.bytes);
    // An encrypted Accounts.txt is exactly what the app writes; an open one could be anyone's zip.
    return entry === undefined ? 0 : entry.encrypted ? 100 : 10;
  },

  needsPassword(file: ImportFile): boolean {
    return accountsEntry(file.bytes)?.encrypted ?? false;
  },

  async parse(file: ImportFile, password: string | null): Promise<ImportParseResult> {
    if (!isZipFile(file.bytes)) throw unreadable(WHAT, 'it is not a zip file');
    let text: string;
    try {
      const entry = listZipEntries(file.bytes).find((e) => e.name.split('/').pop()?.toLowerCase() === ACCOUNTS_FILE);
      if (entry === undefined) throw unreadable(WHAT, 'the zip file holds no Accounts.txt');
      if (entry.encrypted && password === null) throw passwordRequired(WHAT);
      text = new TextDecoder().decode(readZipEntry(file.bytes, entry, password));
    } catch (error) {
      if (error instanceof ZipPasswordError) throw wrongPassword(WHAT);
      if (error instanceof ZipFormatError) throw unreadable(WHAT, error.message);
      throw error;
    }
    const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
    if (lines.length > MAX_IMPORT_ENTRIES) throw unreadable(WHAT, `it has more than ${MAX_IMPORT_ENTRIES} accounts`);
    const out = new ImportCollector();
    for (const [index, line] of lines.entries()) {
      const parsed = parseOtpauthUri(line);
      if (parsed.ok) out.add(parsed.value);
      else out.skip(`Line ${index + 1}`, parsed.error.message);
    }
    return out.result();
  },
};
