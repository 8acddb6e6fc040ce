// The `import` API namespace: export files, pasted text and (through the `qr` namespace) scanned images
// all go into the same kind of short-lived preview held here in main, and the user's picks are stored
// all or nothing. Secrets never leave main: the renderer gets `view()`s, which carry none.
import { AppError } from '../../shared/api/errors';
import type { ImportPick, ImportPreview as ImportPreviewView } from '../../shared/api/import-contract';
import type { ImportSummary } from '../../shared/api/types';
import type { OtpAccountData } from '../../shared/otp/types';
import type { AppliedImport, ImportItem } from '../accounts/accounts-service';
import { IMPORT_FORMATS } from './formats';
import { importFile } from './import-file';
import { DEFAULT_PREVIEW_LIMITS, ImportPreview, type EntryMatch, type PreviewLimits } from './import-preview';
import { PreviewStore } from './preview-store';
import type { ImportFormat } from './types';

/** What the preview needs from the accounts service. */
export interface PreviewAccounts {
  previewMatches(entries: OtpAccountData[]): Promise<EntryMatch[]>;
  applyImport(items: ImportItem[]): Promise<AppliedImport>;
}

export interface ImportPreviewServiceOptions {
  accounts: PreviewAccounts;
  store?: PreviewStore<ImportPreview>;
  limits?: PreviewLimits;
  formats?: readonly ImportFormat[];
}

/** Where pasted text shows up as a source. */
export const PASTED_TEXT_SOURCE = 'Pasted text';

export class ImportPreviewService {
  readonly store: PreviewStore<ImportPreview>;

  constructor(private readonly options: ImportPreviewServiceOptions) {
    this.store = options.store ?? new PreviewStore<ImportPreview>();
  }

  /**
   * An export file into a (new or given) preview. The file is read completely before anything is
   * added, so a password prompt, a wrong password or a damaged file leaves the preview as it was.
   */
  async previewFile(base64: string, name: string, password: string | null, previewId?: string): Promise<ImportPreviewView> {
    const bytes = decodeBase64(base64);
    const target = this.target(previewId);
    const read = await importFile({ name, bytes }, { password, formats: this.options.formats ?? IMPORT_FORMATS });
    const { id, preview } = this.open(target);
    preview.addImported({ name, kind: 'file', format: read.format.label }, read.accounts, read.skipped);
    return this.view(id);
  }

  /**
   * Pasted text: read like a file, so every otpauth:// and otpauth-migration:// line counts (the
   * otpauth URI list format; broken lines are listed by number) and a pasted JSON export works too.
   */
  async previewText(text: string, previewId?: string): Promise<ImportPreviewView> {
    const target = this.target(previewId);
    const bytes = new TextEncoder().encode(text);
    let read;
    try {
      read = await importFile({ name: PASTED_TEXT_SOURCE, bytes }, { password: null, formats: this.options.formats ?? IMPORT_FORMATS });
    } catch (error) {
      if (error instanceof AppError && error.code === 'IMPORT_UNKNOWN_FORMAT') {
        throw new AppError('INVALID_URI', 'Paste otpauth:// or otpauth-migration:// links (one per line), or the text of an export file');
      }
      if (error instanceof AppError && error.code === 'IMPORT_PASSWORD_REQUIRED') {
        throw new AppError('IMPORT_PASSWORD_REQUIRED', 'The pasted text is an encrypted export: save it as a file and use “Import file”, which asks for its password');
      }
      throw error;
    }
    const { id, preview } = this.open(target);
    preview.addImported({ name: PASTED_TEXT_SOURCE, kind: 'text', format: read.format.label }, read.accounts, read.skipped);
    return this.view(id);
  }

  /**
   * Stores the picked entries, all or nothing (AccountsService.applyImport). A conflict (same name,
   * another secret) is replaced only when its pick says "replace"; without an action both are kept.
   * On success the preview (and its secrets) is forgotten; after a failure it stays for a retry.
   */
  async commit(previewId: string, picks: readonly ImportPick[]): Promise<ImportSummary> {
    const found = this.store.get(previewId);
    if (!found) throw expired();
    const preview = found.value;
    const keys = picks.map((p) => p.key);
    if (new Set(keys).size !== keys.length) throw new AppError('INVALID_ARGUMENT', 'An entry is named more than once');
    const { entries, unknown } = preview.select(keys);
    if (unknown.length > 0) {
      throw new AppError('INVALID_ARGUMENT', `Not in this preview: ${unknown.slice(0, 5).join(', ')}`, { unknown });
    }
    if (entries.length === 0) throw new AppError('INVALID_ARGUMENT', 'Choose at least one account to import');
    // Conflicts are worked out again now: the list may have changed since the preview was shown.
    const matches = await this.options.accounts.previewMatches(entries.map((e) => e.account));
    const actions = new Map(picks.map((p) => [p.key, p.action]));
    const items = entries.map((entry, i): ImportItem => {
      const conflictOf = matches[i]?.conflictOf;
      if (conflictOf === undefined) return { account: entry.account, action: 'add' };
      return actions.get(entry.key) === 'replace'
        ? { account: entry.account, action: 'replace', id: conflictOf }
        : { account: entry.account, action: 'keep-both' };
    });
    const result = await this.options.accounts.applyImport(items);
    this.store.delete(previewId);
    return result;
  }

  async discard(previewId: string): Promise<void> {
    this.store.delete(previewId);
  }

  /** Forgets every preview (and the secrets in them). */
  dispose(): void {
    this.store.clear();
  }

  /**
   * The preview a new source goes into: a given one (which must still exist and have room) or a new
   * one. A new one is only created once the source was read, so a failed read leaves nothing behind.
   */
  target(previewId: string | undefined): { id: string; preview: ImportPreview } | undefined {
    if (previewId === undefined) return undefined;
    const found = this.store.get(previewId);
    if (!found) throw expired();
    if (!found.value.hasRoom()) throw new AppError('INVALID_ARGUMENT', 'Too many files or images in one import; import these first');
    return { id: previewId, preview: found.value };
  }

  open(target: { id: string; preview: ImportPreview } | undefined): { id: string; preview: ImportPreview } {
    if (target) return target;
    const preview = new ImportPreview(this.options.limits ?? DEFAULT_PREVIEW_LIMITS);
    return { id: this.store.create(preview).id, preview };
  }

  async view(previewId: string): Promise<ImportPreviewView> {
    const found = this.store.get(previewId);
    if (!found) throw expired();
    const matches = await this.options.accounts.previewMatches(found.value.accounts().map((e) => e.account));
    return found.value.view(previewId, found.expiresAt, matches);
  }
}

export function expired(): AppError {
  return new AppError('NOT_FOUND', 'This import preview has expired or was already imported; add the file, text or image again');
}

/** Base64 (validated by the contract) to bytes; the size limit is the contract's and importFile's. */
function decodeBase64(base64: string): Uint8Array {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) throw new AppError('IMPORT_UNREADABLE', 'The file is empty');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
