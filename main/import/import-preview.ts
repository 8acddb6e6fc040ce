// One import preview being built up from any mix of sources: scanned images, export files of other
// apps (or our own backups) and pasted text. It holds the accounts found (with their secrets, which
// stay in main, and their tags), Google Authenticator export parts collected across images by batch
// id, codes that are not OTP payloads, and what could not be read. The API sends `view()` to the
// renderer: the same content without any secret.
import type { AppErrorData } from '../../shared/api/errors';
import type { ImportPreview as ImportPreviewView, ImportPreviewAccount, ImportPreviewSource } from '../../shared/api/import-contract';
import { secretBits } from '../../shared/otp/base32';
import type { OtpAccountData } from '../../shared/otp/types';
import { validateAccountInput } from '../../shared/otp/validate';
import { classifyQrText } from '../../shared/qr/classify';
import { describeBatchStatus, formatBatchId, MigrationCollector } from '../../shared/qr/migration-collector';
import type { QrCodeFound } from '../../shared/qr/types';

export interface PreviewLimits {
  /** Most accounts one preview holds (the rest are reported as skipped). */
  maxAccounts: number;
  /** Most images one preview takes. */
  maxSources: number;
  /** Most "other" codes kept, and their longest shown text. */
  maxOthers: number;
  maxOtherText: number;
}

export const DEFAULT_PREVIEW_LIMITS: PreviewLimits = { maxAccounts: 1000, maxSources: 100, maxOthers: 200, maxOtherText: 2000 };

/** What the accounts service says about one entry (see AccountsService.previewMatches). */
export interface EntryMatch {
  duplicateOf?: string;
  conflictOf?: string;
}

export interface PreviewEntry {
  key: string;
  account: OtpAccountData & { tags: string[] };
  source: string;
  batch?: { id: string; index: number; size: number };
}

export class ImportPreview {
  private readonly sources: ImportPreviewView['sources'] = [];
  private readonly entries: PreviewEntry[] = [];
  private readonly others: ImportPreviewView['others'] = [];
  private readonly skipped: ImportPreviewView['skipped'] = [];
  private readonly errors: ImportPreviewView['errors'] = [];
  private readonly collector = new MigrationCollector<string>();
  private readonly seenAccounts = new Set<string>();
  private readonly seenOthers = new Set<string>();
  private nextKey = 1;

  constructor(private readonly limits: PreviewLimits = DEFAULT_PREVIEW_LIMITS) {}

  /** True when another image, file or text may still be added. */
  hasRoom(): boolean {
    return this.sources.length < this.limits.maxSources;
  }

  /** Adds what one image held. The same account or export part seen again (another screenshot) is kept once. */
  addCodes(source: string, codes: QrCodeFound[]): void {
    this.sources.push({ name: source, kind: 'image', codes: codes.length });
    for (const code of codes) {
      const c = classifyQrText(code.text);
      switch (c.kind) {
        case 'otpauth':
          this.addAccount({ ...c.account, tags: [] }, source);
          break;
        case 'migration': {
          if (!this.collector.add(c.batch, source)) break;
          const size = Math.max(1, c.batch.batchSize, c.batch.batchIndex + 1);
          const batch = { id: formatBatchId(c.batch.batchId), index: c.batch.batchIndex, size };
          for (const account of c.batch.accounts) this.addAccount({ ...account, tags: [] }, source, batch);
          for (const s of c.batch.skipped) this.skipped.push({ issuer: s.issuer, label: s.name, reason: s.reason, source });
          break;
        }
        case 'invalid-otp':
          // Only the parser's message: the text of a broken otpauth URI may still hold a secret.
          this.errors.push({ source, code: c.error.code, message: c.error.message });
          break;
        case 'other':
          this.addOther(c.text, source);
          break;
      }
    }
  }

  /** An image that could not be read at all. */
  addError(source: string, error: AppErrorData): void {
    this.sources.push({ name: source, kind: 'image', codes: 0 });
    this.errors.push({ source, code: error.code, message: error.message });
  }

  /**
   * What an export file (or pasted text, read the same way) held: its accounts with their tags, and
   * its entries that cannot be imported. Only called once the whole file was read: a wrong password
   * or a damaged file adds nothing.
   */
  addImported(
    source: { name: string; kind: 'file' | 'text'; format?: string },
    accounts: readonly (OtpAccountData & { tags: string[] })[],
    skipped: readonly { name: string; reason: string }[],
  ): void {
    this.sources.push({ ...source, codes: accounts.length });
    for (const account of accounts) this.addAccount(account, source.name);
    for (const s of skipped) this.skipped.push({ issuer: '', label: s.name, reason: s.reason, source: source.name });
  }

  /** Entries for the given keys, in preview order; throws on none, reports unknown keys. */
  select(keys: readonly string[]): { entries: PreviewEntry[]; unknown: string[] } {
    const wanted = new Set(keys);
    const entries = this.entries.filter((e) => wanted.has(e.key));
    const known = new Set(this.entries.map((e) => e.key));
    return { entries, unknown: [...wanted].filter((k) => !known.has(k)) };
  }

  accounts(): readonly PreviewEntry[] {
    return this.entries;
  }

  /** What the renderer sees. `matches[i]` says what the i-th entry duplicates or conflicts with. */
  view(previewId: string, expiresAt: number, matches: readonly EntryMatch[]): ImportPreviewView {
    const accounts = this.entries.map((e, i): ImportPreviewAccount => {
      const a = e.account;
      const { duplicateOf, conflictOf } = matches[i] ?? {};
      return {
        key: e.key,
        type: a.type,
        issuer: a.issuer,
        label: a.label,
        algorithm: a.algorithm,
        digits: a.digits,
        period: a.period,
        counter: a.counter,
        secretBits: secretBits(a.secret),
        tags: [...a.tags],
        source: e.source,
        ...(duplicateOf === undefined ? {} : { duplicateOf }),
        ...(conflictOf === undefined ? {} : { conflictOf }),
        ...(e.batch ? { batch: { ...e.batch } } : {}),
      };
    });
    return {
      previewId,
      expiresAt,
      sources: this.sources.map((s): ImportPreviewSource => ({ ...s })),
      accounts,
      others: this.others.map((o) => ({ ...o })),
      migration: this.collector.status().map((s) => ({
        id: formatBatchId(s.batchId),
        size: s.size,
        have: [...s.have],
        missing: [...s.missing],
        description: describeBatchStatus(s),
      })),
      skipped: this.skipped.map((s) => ({ ...s })),
      errors: this.errors.map((e) => ({ ...e })),
    };
  }

  private addAccount(raw: OtpAccountData & { tags: string[] }, source: string, batch?: PreviewEntry['batch']): void {
    // Validated like the add form, so the preview shows only what the import will accept, with the
    // parameters it will store (e.g. Steam forced to 5 characters) and tags cleaned.
    const check = validateAccountInput(raw);
    if (!check.ok) {
      this.skipped.push({ issuer: raw.issuer, label: raw.label, reason: Object.values(check.errors).join('; '), source });
      return;
    }
    const account = check.value;
    // The same account seen again (another screenshot, a second copy of the file) is kept once; tags
    // do not make it another account.
    const fingerprint = JSON.stringify([account.type, account.secret, account.issuer, account.label, account.algorithm, account.digits, account.period, account.counter]);
    if (this.seenAccounts.has(fingerprint)) return;
    if (this.entries.length >= this.limits.maxAccounts) {
      this.skipped.push({ issuer: account.issuer, label: account.label, reason: `More than ${this.limits.maxAccounts} accounts in one import`, source });
      return;
    }
    this.seenAccounts.add(fingerprint);
    this.entries.push({ key: `a${this.nextKey++}`, account, source, ...(batch ? { batch } : {}) });
  }

  private addOther(text: string, source: string): void {
    const id = `${source}\n${text}`;
    if (this.seenOthers.has(id) || this.others.length >= this.limits.maxOthers) return;
    this.seenOthers.add(id);
    const max = this.limits.maxOtherText;
    this.others.push({ text: text.length > max ? `${text.slice(0, max)}…` : text, source });
  }
}
