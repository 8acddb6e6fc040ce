// One export file → the accounts in it. Reading, format choice, password handling and parsing in one
// place, so the CLI, IPC and the web bridge behave alike. All-or-nothing starts here: a wrong password
// or a damaged file throws before anything is returned, never a partial list.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../../shared/api/errors';
import { IMPORT_MAX_FILE_BYTES } from '../../shared/api/import-contract';
import { detectFormat, formatById } from './detect';
import { IMPORT_FORMATS } from './formats';
import type { ImportedAccount, ImportFile, ImportFormat, SkippedEntry } from './types';

/** Far larger than any real export (the biggest are SQLite databases of a few hundred KiB). */
export const MAX_IMPORT_FILE_BYTES = IMPORT_MAX_FILE_BYTES;

export interface ImportFileResult {
  format: { id: string; label: string };
  accounts: ImportedAccount[];
  skipped: SkippedEntry[];
}

export interface ImportFileOptions {
  /** "auto" (default) or a format id. */
  format?: string;
  password: string | null;
  formats?: readonly ImportFormat[];
}

function checkSize(file: ImportFile): void {
  if (file.bytes.length === 0) throw new AppError('IMPORT_UNREADABLE', `${describe(file)} is empty`);
  if (file.bytes.length > MAX_IMPORT_FILE_BYTES) {
    throw new AppError('IMPORT_UNREADABLE', `${describe(file)} is larger than ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MiB; no authenticator export is that big`);
  }
}

function describe(file: ImportFile): string {
  return file.name === '-' ? 'Standard input' : `"${file.name}"`;
}

/** The format to parse the file with: the requested one, or the detected one. */
export function chooseFormat(file: ImportFile, requested: string | undefined, formats: readonly ImportFormat[] = IMPORT_FORMATS): ImportFormat {
  checkSize(file);
  return requested === undefined || requested === 'auto' ? detectFormat(file, formats) : formatById(requested, formats);
}

/** needsPassword() that cannot throw. */
export function formatNeedsPassword(format: ImportFormat, file: ImportFile): boolean {
  try {
    return format.needsPassword(file);
  } catch {
    return false;
  }
}

/** Parse with a chosen format; anything but an AppError (a parser bug on hostile input) becomes IMPORT_UNREADABLE. */
export async function parseWith(format: ImportFormat, file: ImportFile, password: string | null): Promise<ImportFileResult> {
  try {
    const result = await format.parse(file, password);
    return { format: { id: format.id, label: format.label }, accounts: result.accounts, skipped: result.skipped };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('IMPORT_UNREADABLE', `${describe(file)} cannot be read as ${format.label}: the content is damaged`, { format: format.id });
  }
}

export async function importFile(file: ImportFile, options: ImportFileOptions): Promise<ImportFileResult> {
  const format = chooseFormat(file, options.format, options.formats);
  return parseWith(format, file, options.password);
}

/** Reads a file from disk as an ImportFile; a missing or unreadable file is IMPORT_UNREADABLE. */
export async function readImportPath(path: string): Promise<ImportFile> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new AppError('IMPORT_UNREADABLE', `"${path}" is not a file`);
    if (info.size > MAX_IMPORT_FILE_BYTES) {
      throw new AppError('IMPORT_UNREADABLE', `"${path}" is larger than ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MiB; no authenticator export is that big`);
    }
    return { name: basename(path), bytes: new Uint8Array(await readFile(path)) };
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: unknown }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : 'it cannot be read';
    throw new AppError('IMPORT_UNREADABLE', `Cannot read "${path}": ${why}`);
  }
}
