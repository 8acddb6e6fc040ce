// Current codes for the account list, HOTP counter advance and copy-to-clipboard.
import { AppError } from '../../shared/api/errors';
import type { CodeView, CopyResult } from '../../shared/api/types';
import { codeWindow } from '../../shared/otp/generate';
import type { ClipboardGuard } from '../clipboard/clipboard-guard';
import type { EventBus } from '../events';
import { accountSecretKey, type SecretStore } from '../vault/secret-store';
import { byOrder, type AccountRecord } from './account-record';
import { displayName, requireSecret } from './account-secrets';
import type { MetadataFile } from './metadata-file';
import type { Warnings } from './warnings';

export interface CodesServiceOptions {
  metadata: MetadataFile;
  secrets: SecretStore;
  clipboard: ClipboardGuard;
  events: EventBus;
  now: () => number;
  warnings: Warnings;
}

export class CodesService {
  constructor(private readonly options: CodesServiceOptions) {}

  /**
   * Codes of all accounts at `atMs` (default now), in display order. An account whose keychain item
   * has disappeared is left out and reported once in the status warnings: one broken entry must not
   * blank the whole list. A keychain that cannot be reached at all fails the call (KEYCHAIN_UNAVAILABLE).
   */
  async list(atMs?: number): Promise<CodeView[]> {
    const at = atMs ?? this.options.now();
    const records = (await this.options.metadata.read()).sort(byOrder);
    const views: CodeView[] = [];
    for (const record of records) {
      const view = await this.codeOf(record, at);
      if (view) views.push(view);
    }
    // Warnings about accounts that are gone (removed here or by another process) go with them.
    this.options.warnings.retain('codes:', new Set(records.map((r) => `codes:${r.id}`)));
    return views;
  }

  /**
   * The code of one account (`authbahn code ACCOUNT`): reads only that account's secret, where list()
   * reads every one. Undefined, with the same warning as list(), when the secret is missing or unusable.
   */
  async one(id: string, atMs?: number): Promise<CodeView | undefined> {
    const record = (await this.options.metadata.read()).find((a) => a.id === id);
    if (!record) throw new AppError('NOT_FOUND', `No account with id "${id}"`, { id });
    return this.codeOf(record, atMs ?? this.options.now());
  }

  private async codeOf(record: AccountRecord, at: number): Promise<CodeView | undefined> {
    const secret = await this.options.secrets.get(accountSecretKey(record.id));
    const key = `codes:${record.id}`;
    if (secret === null) {
      this.options.warnings.set(key, `The secret of ${displayName(record)} is missing from the keychain; edit the account and enter it again, or remove it.`);
      return undefined;
    }
    try {
      const view = toCodeView(record, secret, at);
      this.options.warnings.set(key, null);
      return view;
    } catch (error) {
      this.options.warnings.set(key, `Cannot compute codes for ${displayName(record)}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  /** HOTP: counter + 1, stored before the code is shown (a shown code may be used, so it must never repeat). */
  async hotpNext(id: string): Promise<CodeView> {
    const view = await this.options.metadata.mutate(async (accounts) => {
      const record = accounts.find((a) => a.id === id);
      if (!record) throw new AppError('NOT_FOUND', `No account with id "${id}"`, { id });
      if (record.type !== 'hotp') throw new AppError('INVALID_ARGUMENT', `${displayName(record)} is not an HOTP (counter-based) account`);
      if (!Number.isSafeInteger(record.counter + 2)) throw new AppError('INVALID_ARGUMENT', `The counter of ${displayName(record)} cannot be advanced further`);
      const secret = await requireSecret(this.options.secrets, record);
      const next: AccountRecord = { ...record, counter: record.counter + 1, updatedAt: new Date(this.options.now()).toISOString() };
      return { accounts: accounts.map((a) => (a.id === id ? next : a)), result: toCodeView(next, secret, this.options.now()) };
    });
    this.options.events.emit('accounts.changed', { reason: 'counter' });
    return view;
  }

  /**
   * Copies the current code. HOTP: a copied code is as good as used (the user pastes it somewhere), and
   * showing it again would invite re-using it, so the counter advances in the same step — stored before
   * the code reaches the clipboard, like hotpNext. hotpUndo takes it back if the code was not used.
   */
  async copy(id: string): Promise<CopyResult> {
    const record = (await this.options.metadata.read()).find((a) => a.id === id);
    if (!record) throw new AppError('NOT_FOUND', `No account with id "${id}"`, { id });
    if (record.type === 'hotp') return this.copyHotp(id);
    const secret = await requireSecret(this.options.secrets, record);
    const { code } = toCodeView(record, secret, this.options.now());
    return this.options.clipboard.copy(id, code);
  }

  /** Puts the counter back to `counter` after a copy, but only if nothing advanced it further meanwhile. */
  async hotpUndo(id: string, counter: number): Promise<CodeView> {
    const view = await this.options.metadata.mutate(async (accounts) => {
      const record = hotpRecord(accounts, id);
      if (record.counter !== counter + 1) {
        throw new AppError('INVALID_ARGUMENT', `The counter of ${displayName(record)} has moved on since that copy (now ${record.counter}); nothing was undone`);
      }
      const secret = await requireSecret(this.options.secrets, record);
      const back: AccountRecord = { ...record, counter, updatedAt: new Date(this.options.now()).toISOString() };
      return { accounts: accounts.map((a) => (a.id === id ? back : a)), result: toCodeView(back, secret, this.options.now()) };
    });
    this.options.events.emit('accounts.changed', { reason: 'counter' });
    return view;
  }

  private async copyHotp(id: string): Promise<CopyResult> {
    const { code, used, next } = await this.options.metadata.mutate(async (accounts) => {
      const record = hotpRecord(accounts, id);
      if (!Number.isSafeInteger(record.counter + 2)) throw new AppError('INVALID_ARGUMENT', `The counter of ${displayName(record)} cannot be advanced further`);
      const secret = await requireSecret(this.options.secrets, record);
      const at = this.options.now();
      const advanced: AccountRecord = { ...record, counter: record.counter + 1, updatedAt: new Date(at).toISOString() };
      return {
        accounts: accounts.map((a) => (a.id === id ? advanced : a)),
        result: { code: toCodeView(record, secret, at).code, used: record.counter, next: toCodeView(advanced, secret, at) },
      };
    });
    this.options.events.emit('accounts.changed', { reason: 'counter' });
    const copied = await this.options.clipboard.copy(id, code);
    return { ...copied, hotp: { counter: used, next } };
  }
}

function hotpRecord(accounts: AccountRecord[], id: string): AccountRecord {
  const record = accounts.find((a) => a.id === id);
  if (!record) throw new AppError('NOT_FOUND', `No account with id "${id}"`, { id });
  if (record.type !== 'hotp') throw new AppError('INVALID_ARGUMENT', `${displayName(record)} is not an HOTP (counter-based) account`);
  return record;
}

export function toCodeView(record: AccountRecord, secret: string, atMs: number): CodeView {
  const window = codeWindow({ ...record, secret }, atMs);
  return {
    id: record.id,
    code: window.code,
    next: window.next,
    validFrom: window.validFrom,
    validUntil: window.validUntil,
    period: record.period,
    counter: record.counter,
  };
}
