// Aegis-format exports, automatic encrypted backups and restore.
// - exportAegis: every account (tags as groups), plain or encrypted, read back before it is handed out:
//   a backup that does not restore is worse than none, because the user deletes the old device trusting it.
// - Automatic backups: after every accounts.changed (debounced), an encrypted file in the chosen folder,
//   keeping the last N. The password is a keychain item (backup:password), never in settings.json.
// - restore: an Aegis vault file (ours or Aegis's own) through AccountsService.importAccounts, so
//   duplicates are skipped and it is all-or-nothing like every other import.
import { join } from 'node:path';
import { AppError } from '../../shared/api/errors';
import { SETTINGS_LIMITS, type BackupStatus } from '../../shared/api/settings-contract';
import type { ImportSummary } from '../../shared/api/types';
import type { ImportResult } from '../accounts/accounts-service';
import type { EventBus } from '../events';
import { writeFileAtomic } from '../fs/atomic-file';
import type { ImportedAccount } from '../import/types';
import { SerialQueue } from '../serial-queue';
import type { SettingsFile } from '../settings/settings-file';
import type { SecretStore } from '../vault/secret-store';
import { readAegisVault } from './aegis-reader';
import { writeAegisVault, type AegisWriteOptions, type BackupAccount } from './aegis-writer';
import { backupFileName, requireFolder, rotateBackups } from './backup-files';

/** Keychain item of the automatic backups' password. */
export const BACKUP_PASSWORD_KEY = 'backup:password';
export const BACKUP_DEBOUNCE_MS = 2_000;

export type TimerHandle = unknown;

export interface BackupServiceOptions {
  settings: SettingsFile;
  secrets: SecretStore;
  events: EventBus;
  /** Every account with its secret and tags, in display order. */
  accounts: () => Promise<BackupAccount[]>;
  importAccounts: (entries: ImportedAccount[]) => Promise<ImportResult>;
  now: () => number;
  /** Status warnings (shown in the UI's banner) for failed automatic backups; null clears. */
  warn: (message: string | null) => void;
  debounceMs?: number;
  setTimer?: (fn: () => void, ms: number) => TimerHandle;
  clearTimer?: (handle: TimerHandle) => void;
  /** Tests only: cheaper scrypt. */
  writeOptions?: Pick<AegisWriteOptions, 'scrypt'>;
}

export class BackupService {
  private timer: TimerHandle | undefined;
  private lastBackupAt: string | null = null;
  private lastFile: string | null = null;
  private lastError: string | null = null;
  private readonly runs = new SerialQueue();
  private readonly setTimer: (fn: () => void, ms: number) => TimerHandle;
  private readonly clearTimer: (handle: TimerHandle) => void;
  private disposed = false;

  constructor(private readonly options: BackupServiceOptions) {
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  }

  /** Starts following accounts.changed; returns the unsubscribe function. */
  watch(): () => void {
    return this.options.events.on((event) => {
      if (event === 'accounts.changed') this.schedule();
    });
  }

  /** Every account as an Aegis vault file, checked by reading it back. `password` null: plain. */
  async exportAegis(password: string | null): Promise<string> {
    if (password !== null && password.length < SETTINGS_LIMITS.backupPasswordMin) {
      throw new AppError('INVALID_ARGUMENT', `The backup password must have at least ${SETTINGS_LIMITS.backupPasswordMin} characters`);
    }
    const accounts = await this.options.accounts();
    const text = await writeAegisVault(accounts, { password, ...this.options.writeOptions });
    await verifyReadBack(text, password, accounts);
    return text;
  }

  async status(): Promise<BackupStatus> {
    const { backups } = (await this.options.settings.read()).settings;
    return {
      ...backups,
      hasPassword: (await this.options.secrets.get(BACKUP_PASSWORD_KEY)) !== null,
      lastBackupAt: this.lastBackupAt,
      lastFile: this.lastFile,
      lastError: this.lastError,
    };
  }

  async setPassword(password: string | null): Promise<BackupStatus> {
    if (password === null) await this.options.secrets.delete(BACKUP_PASSWORD_KEY);
    else if (password.length < SETTINGS_LIMITS.backupPasswordMin) {
      throw new AppError('INVALID_ARGUMENT', `The backup password must have at least ${SETTINGS_LIMITS.backupPasswordMin} characters`);
    } else await this.options.secrets.set(BACKUP_PASSWORD_KEY, password);
    return this.emitStatus();
  }

  /** Writes one backup now (the Settings screen's "Back up now"); fails with the reason. */
  async runNow(): Promise<BackupStatus> {
    await this.runs.run(() => this.write());
    return this.emitStatus();
  }

  async restore(text: string, password: string | null): Promise<ImportSummary> {
    const read = await readAegisVault(text, password);
    if (read.accounts.length === 0) {
      throw new AppError('IMPORT_UNREADABLE', read.skipped.length > 0 ? `No account in this file can be imported (${read.skipped[0]!.reason})` : 'This backup holds no accounts');
    }
    const result = await this.options.importAccounts(read.accounts);
    return { ...result, skipped: [...read.skipped.map((s) => ({ issuer: '', label: s.name, reason: s.reason })), ...result.skipped] };
  }

  /** On shutdown: a change made just before quitting still gets its backup. */
  async dispose(): Promise<void> {
    if (this.timer !== undefined) {
      this.clearTimer(this.timer);
      this.timer = undefined;
      await this.runs.run(() => this.automatic());
    }
    this.disposed = true;
    await this.runs.idle();
  }

  private schedule(): void {
    if (this.disposed) return;
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.timer = this.setTimer(() => {
      this.timer = undefined;
      void this.runs.run(() => this.automatic());
    }, this.options.debounceMs ?? BACKUP_DEBOUNCE_MS);
  }

  private async automatic(): Promise<void> {
    const { backups } = (await this.options.settings.read()).settings;
    if (!backups.enabled) return;
    try {
      await this.write();
    } catch {
      // write() recorded the error (status, warning banner); an automatic run has nobody to throw to.
    }
    await this.emitStatus();
  }

  private async write(): Promise<void> {
    try {
      const { folder, keep } = (await this.options.settings.read()).settings.backups;
      if (folder === null) throw new AppError('INVALID_ARGUMENT', 'Choose a backup folder first');
      const password = await this.options.secrets.get(BACKUP_PASSWORD_KEY);
      if (password === null) throw new AppError('INVALID_ARGUMENT', 'Set a backup password first');
      await requireFolder(folder);
      const text = await this.exportAegis(password);
      const at = this.options.now();
      const name = backupFileName(at);
      await writeFileAtomic(join(folder, name), text);
      await rotateBackups(folder, keep);
      this.lastBackupAt = new Date(at).toISOString();
      this.lastFile = name;
      this.lastError = null;
      this.options.warn(null);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.lastError = message;
      this.options.warn(`The automatic backup failed: ${message}`);
      throw error;
    }
  }

  private async emitStatus(): Promise<BackupStatus> {
    const status = await this.status();
    this.options.events.emit('backup.status', status);
    return status;
  }
}

/** Reads the file just written and compares every account with what was meant to go in. */
async function verifyReadBack(text: string, password: string | null, expected: BackupAccount[]): Promise<void> {
  const read = await readAegisVault(text, password);
  const same =
    read.skipped.length === 0 &&
    read.accounts.length === expected.length &&
    read.accounts.every((a, i) => {
      const e = expected[i]!;
      return (
        a.secret === e.secret && a.type === e.type && a.algorithm === e.algorithm && a.digits === e.digits &&
        a.issuer === e.issuer && a.label === e.label && (e.type === 'hotp' ? a.counter === e.counter : a.period === e.period) &&
        a.tags.join('\u0000') === e.tags.join('\u0000')
      );
    });
  if (!same) throw new AppError('INTERNAL', 'The Aegis backup did not read back correctly; nothing was exported');
}
