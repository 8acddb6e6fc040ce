// The `lock`, `settings` and `backup` namespaces of the API contract: app lock, user settings and
// automatic encrypted backups. Passwords go to main and never come back; the lock verifier and the
// backup password stay in main (settings.json and the keychain) and are never part of a result.
import { z } from 'zod';
import type { MethodSpec } from './contract';
import type { ImportSummary } from './types';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** Limits shared by the UI's fields and main's validation. */
export const SETTINGS_LIMITS = {
  lockIdleMinutes: { min: 0, max: 24 * 60 },
  clipboardClearSeconds: { min: 0, max: 3600 },
  backupKeep: { min: 1, max: 1000 },
  /** Lock passwords guard a screen; backup passwords guard a file anyone may copy, so they must be longer. */
  lockPasswordMin: 4,
  backupPasswordMin: 8,
  passwordMax: 1024,
} as const;

export interface BackupSettings {
  enabled: boolean;
  /** Absolute folder the backups go to; null until chosen. */
  folder: string | null;
  /** How many backup files to keep (the oldest beyond this are deleted). */
  keep: number;
}

/** What the UI may read and change (no verifier, no password). */
export interface AppSettings {
  /** Lock after this many minutes without user activity; 0 = never (lock on demand / system lock only). */
  lockIdleMinutes: number;
  /** Clear a copied code from the clipboard after this many seconds; 0 = never. */
  clipboardClearSeconds: number;
  /** Show codes as dots until clicked. */
  hideCodes: boolean;
  /** Blur the codes while the window does not have the focus. */
  blurOnFocusLoss: boolean;
  theme: Theme;
  backups: BackupSettings;
}

export type SettingsPatch = Partial<Omit<AppSettings, 'backups'>> & { backups?: Partial<BackupSettings> };

export interface LockStatus {
  /** A lock password is set. */
  enabled: boolean;
  locked: boolean;
  idleMinutes: number;
}

export interface BackupStatus {
  enabled: boolean;
  folder: string | null;
  keep: number;
  /** A backup password is stored in the keychain. */
  hasPassword: boolean;
  /** ISO time and file name of the last backup written in this session. */
  lastBackupAt: string | null;
  lastFile: string | null;
  /** Why the last automatic backup failed, if it did. */
  lastError: string | null;
}

const method =
  <R>() =>
  <S extends z.ZodType<unknown[]>>(args: S): MethodSpec<z.infer<S>, R> => ({ args }) as unknown as MethodSpec<z.infer<S>, R>;

const password = z.string().min(1).max(SETTINGS_LIMITS.passwordMax);
const wholeNumber = (limits: { min: number; max: number }) => z.number().int().min(limits.min).max(limits.max);

export const settingsPatchSchema = z
  .object({
    lockIdleMinutes: wholeNumber(SETTINGS_LIMITS.lockIdleMinutes),
    clipboardClearSeconds: wholeNumber(SETTINGS_LIMITS.clipboardClearSeconds),
    hideCodes: z.boolean(),
    blurOnFocusLoss: z.boolean(),
    theme: z.enum(THEMES),
    backups: z
      .object({
        enabled: z.boolean(),
        folder: z.string().min(1).max(4096).nullable(),
        keep: wholeNumber(SETTINGS_LIMITS.backupKeep),
      })
      .partial()
      .strict(),
  })
  .partial()
  .strict();

/** Largest backup file the UI may hand to restore (an Aegis vault with icons can be a few MiB). */
export const MAX_RESTORE_CHARS = 16 * 1024 * 1024;

export const lockContract = {
  status: method<LockStatus>()(z.tuple([])),
  /** Lock now (the header's Lock button). No-op without a lock password. */
  lock: method<LockStatus>()(z.tuple([])),
  /** Wrong password: WRONG_PASSWORD; too many wrong tries: LOCKED with a retry time. */
  unlock: method<LockStatus>()(z.tuple([password])),
  /** Set, change (current required) or remove (next null) the lock password. */
  setPassword: method<LockStatus>()(z.tuple([password.nullable(), password.nullable()])),
  /**
   * Confirms the lock password while unlocked: calls that reveal secrets (export, Show QR) answer
   * REAUTH_REQUIRED unless the password was entered within the last few minutes. Wrong password:
   * WRONG_PASSWORD (counted with unlock's failures); without a lock password there is nothing to confirm.
   */
  confirm: method<LockStatus>()(z.tuple([password])),
  /** The user did something (typed, clicked): restarts the idle timer. The UI sends it throttled. */
  activity: method<void>()(z.tuple([])),
} as const;

export const settingsContract = {
  get: method<AppSettings>()(z.tuple([])),
  update: method<AppSettings>()(z.tuple([settingsPatchSchema])),
} as const;

export const backupContract = {
  status: method<BackupStatus>()(z.tuple([])),
  /** Stores (or with null removes) the password of the automatic backups in the keychain. */
  setPassword: method<BackupStatus>()(z.tuple([password.nullable()])),
  /** Writes a backup now, whatever the enabled flag says (folder and password must be set). */
  runNow: method<BackupStatus>()(z.tuple([])),
  /** Imports every account of an Aegis vault file (ours or Aegis's); existing ones are skipped. */
  restore: method<ImportSummary>()(z.tuple([z.string().max(MAX_RESTORE_CHARS), password.nullable()])),
} as const;

export interface SettingsEvents {
  'lock.changed': LockStatus;
  'settings.changed': AppSettings;
  'backup.status': BackupStatus;
}
