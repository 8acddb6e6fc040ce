// settings.json in the data folder: the user's settings and the app lock's verifier. Holds no secret
// (the backup password lives in the keychain, the lock password is only a scrypt verifier). Every field
// is checked on read: a bad value falls back to its default rather than failing the app's start.
import { join } from 'node:path';
import { settingsPatchSchema, type AppSettings, type SettingsPatch } from '../../shared/api/settings-contract';
import { readText, setAside, storageError } from '../fs/data-file';
import { writeFileAtomic } from '../fs/atomic-file';
import { parseVerifier, type LockVerifier } from '../lock/lock-verifier';
import { SerialQueue } from '../serial-queue';

export const SETTINGS_FILE_NAME = 'settings.json';
const FORMAT_VERSION = 1;

export const DEFAULT_SETTINGS: Readonly<AppSettings> = Object.freeze({
  lockIdleMinutes: 5,
  clipboardClearSeconds: 30,
  hideCodes: false,
  blurOnFocusLoss: false,
  theme: 'system',
  backups: Object.freeze({ enabled: false, folder: null, keep: 10 }),
});

export interface StoredSettings {
  settings: AppSettings;
  lockVerifier: LockVerifier | null;
}

export interface SettingsFileOptions {
  dir: string;
  now: () => number;
  warn: (message: string) => void;
}

export class SettingsFile {
  readonly path: string;
  private cached: StoredSettings | undefined;
  private readonly queue = new SerialQueue();

  constructor(private readonly options: SettingsFileOptions) {
    this.path = join(options.dir, SETTINGS_FILE_NAME);
  }

  async read(): Promise<StoredSettings> {
    return (this.cached ??= await this.load());
  }

  /** Read-modify-write in one slot, so two quick changes never lose one another. */
  update(change: (current: StoredSettings) => StoredSettings | Promise<StoredSettings>): Promise<StoredSettings> {
    return this.queue.run(async () => {
      const next = await change(await this.read());
      const file = { version: FORMAT_VERSION, settings: next.settings, ...(next.lockVerifier ? { lockVerifier: next.lockVerifier } : {}) };
      try {
        await writeFileAtomic(this.path, `${JSON.stringify(file, null, 2)}\n`);
      } catch (error) {
        throw storageError(`Could not write ${this.path}`, error);
      }
      this.cached = next;
      return next;
    });
  }

  idle(): Promise<void> {
    return this.queue.run(async () => undefined);
  }

  private async load(): Promise<StoredSettings> {
    const text = await readText(this.path);
    if (text === null) return { settings: cloneDefaults(), lockVerifier: null };
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      const aside = await setAside(this.path, this.options.now());
      this.options.warn(`settings.json could not be read and was moved aside as ${aside}; the settings (and the app lock) are back to their defaults.`);
      return { settings: cloneDefaults(), lockVerifier: null };
    }
    const file = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    const verifier = file.lockVerifier === undefined ? null : parseVerifier(file.lockVerifier);
    if (file.lockVerifier !== undefined && verifier === null) {
      this.options.warn('The app lock in settings.json is not valid and was ignored: set a lock password again in Settings.');
    }
    return { settings: mergeSettings(cloneDefaults(), sanitize(file.settings)), lockVerifier: verifier };
  }
}

export function cloneDefaults(): AppSettings {
  return { ...DEFAULT_SETTINGS, backups: { ...DEFAULT_SETTINGS.backups } };
}

export function mergeSettings(current: AppSettings, patch: SettingsPatch): AppSettings {
  const { backups, ...rest } = patch;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  const backupsDefined = Object.fromEntries(Object.entries(backups ?? {}).filter(([, v]) => v !== undefined));
  return { ...current, ...defined, backups: { ...current.backups, ...backupsDefined } };
}

/** The valid fields of whatever the file holds; each invalid one is dropped (and so keeps its default). */
function sanitize(value: unknown): SettingsPatch {
  if (typeof value !== 'object' || value === null) return {};
  const out: Record<string, unknown> = {};
  const shape = settingsPatchSchema.shape;
  for (const [key, field] of Object.entries(shape)) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    if (key === 'backups') {
      if (typeof v !== 'object' || v === null) continue;
      const backups: Record<string, unknown> = {};
      for (const [bk, bField] of Object.entries(shape.backups.unwrap().shape)) {
        const bv = (v as Record<string, unknown>)[bk];
        if (bv !== undefined && bField.safeParse(bv).success) backups[bk] = bv;
      }
      out.backups = backups;
    } else if (field.safeParse(v).success) {
      out[key] = v;
    }
  }
  return out as SettingsPatch;
}
