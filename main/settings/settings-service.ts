// The `settings` handlers: read and change settings.json, then tell the parts that act on a setting
// (clipboard clearing, idle lock, backups) and the UI (settings.changed).
import { isAbsolute } from 'node:path';
import { AppError } from '../../shared/api/errors';
import type { AppSettings, SettingsPatch } from '../../shared/api/settings-contract';
import type { EventBus } from '../events';
import { mergeSettings, type SettingsFile } from './settings-file';

export type SettingsListener = (settings: AppSettings) => void;

export class SettingsService {
  private readonly listeners = new Set<SettingsListener>();

  constructor(
    private readonly file: SettingsFile,
    private readonly events: EventBus,
  ) {}

  async get(): Promise<AppSettings> {
    return structuredClone((await this.file.read()).settings);
  }

  async update(patch: SettingsPatch): Promise<AppSettings> {
    const folder = patch.backups?.folder;
    // The backup folder is written to without a dialog: only a full path says unambiguously where.
    if (typeof folder === 'string' && !isAbsolute(folder)) {
      throw new AppError('INVALID_ARGUMENT', `The backup folder must be a full path (got "${folder}")`);
    }
    const stored = await this.file.update((current) => ({ ...current, settings: mergeSettings(current.settings, patch) }));
    const settings = structuredClone(stored.settings);
    this.apply(settings);
    this.events.emit('settings.changed', settings);
    return settings;
  }

  /** Registers a part that acts on the settings; it is called now (once read) and after every change. */
  async watch(listener: SettingsListener): Promise<void> {
    this.listeners.add(listener);
    listener(await this.get());
  }

  private apply(settings: AppSettings): void {
    for (const listener of this.listeners) {
      try {
        listener(settings);
      } catch {
        // One part failing to adjust must not stop the others (or the saved change).
      }
    }
  }
}
