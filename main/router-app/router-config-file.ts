// router.json in the data dir: the in-app router's Crossbar-style config (version 2), kept as the exact
// text the user wrote so comments-free JSON formatting, key order and unknown-but-valid keys survive.
//
// - Missing: restored from router.json.bak if that is readable, else created with defaultRouterConfig().
// - Not JSON at all (truncated, empty, binary): a corrupt file. It is never deleted: it is moved aside as
//   router.json.corrupt-<time>, and the backup (or the default) takes its place, with a notice.
// - Valid JSON that is not a valid router config: kept as is. That is a user's edit in progress (or a
//   config for a newer version), which the editor shows with its errors; the router refuses to start.
// Writes are atomic (see main/fs/atomic-file.ts); the previous readable version becomes router.json.bak.
// Loads and saves hold router.json.lock (in-process queue + cross-process lock, see main/fs/locked-queue.ts),
// so the app and a CLI process never interleave a repair or a save.
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { MAX_ROUTER_CONFIG_CHARS, type RouterConfigNotice } from '../../shared/api/router-contract';
import { writeFileAtomic } from '../fs/atomic-file';
import { isNotFound, readText, setAside, storageError } from '../fs/data-file';
import { defaultRouterConfigText } from './default-config';
import { LockedQueue } from '../fs/locked-queue';

export const ROUTER_CONFIG_FILE_NAME = 'router.json';

export interface RouterConfigFileOptions {
  dir: string;
  now: () => number;
  /** The default config's port (tests use 0). */
  defaultPort?: number;
}

export interface LoadedConfig {
  text: string;
  /** What happened while loading (restored, created, set aside); empty normally. */
  notices: RouterConfigNotice[];
}

export class RouterConfigFile {
  readonly path: string;
  readonly backupPath: string;
  private readonly queue: LockedQueue;

  constructor(private readonly options: RouterConfigFileOptions) {
    this.path = join(options.dir, ROUTER_CONFIG_FILE_NAME);
    this.backupPath = `${this.path}.bak`;
    this.queue = new LockedQueue(this.path);
  }

  /** The current text, repairing a missing or corrupt file first (see the file comment). */
  load(): Promise<LoadedConfig> {
    return this.queue.run(() => this.loadNow());
  }

  /** Replaces the file with `text` (already validated by the caller); the old text becomes the backup. */
  save(text: string): Promise<void> {
    return this.queue.run(async () => {
      const previous = await readText(this.path);
      try {
        if (previous !== null && isJson(previous)) await writeFileAtomic(this.backupPath, previous);
        await writeFileAtomic(this.path, text);
      } catch (error) {
        throw storageError(`Could not save ${this.path}`, error);
      }
    });
  }

  /** Resolves once queued writes have settled (for shutdown). */
  async idle(): Promise<void> {
    await this.queue.idle();
  }

  private async loadNow(): Promise<LoadedConfig> {
    const size = await fileSize(this.path);
    const raw = size === null ? null : size > MAX_ROUTER_CONFIG_CHARS ? undefined : await readText(this.path);
    if (typeof raw === 'string' && isJson(raw)) return { text: raw, notices: [] };

    const notices: RouterConfigNotice[] = [];
    if (raw === null) {
      const backup = await this.readableBackup();
      if (backup !== null) {
        await this.write(backup);
        notices.push({ level: 'warning', message: `${this.path} was missing; restored the router config from ${basename(this.backupPath)}.` });
        return { text: backup, notices };
      }
      const text = defaultRouterConfigText(this.options.defaultPort);
      await this.write(text);
      notices.push({ level: 'info', message: `Created ${this.path} with a default local router config (127.0.0.1, realm "realm1", anonymous access).` });
      return { text, notices };
    }

    const why = raw === undefined ? `larger than ${MAX_ROUTER_CONFIG_CHARS} bytes` : raw.trim() === '' ? 'the file is empty' : 'not valid JSON';
    const aside = await setAside(this.path, this.options.now());
    const backup = await this.readableBackup();
    const text = backup ?? defaultRouterConfigText(this.options.defaultPort);
    await this.write(text);
    notices.push({
      level: 'warning',
      message:
        `${this.path} could not be read (${why}); it was kept as ${aside} and ` +
        (backup !== null ? `the previous version was restored from ${basename(this.backupPath)}.` : 'a default config was written in its place.'),
    });
    return { text, notices };
  }

  private async readableBackup(): Promise<string | null> {
    const size = await fileSize(this.backupPath);
    if (size === null || size > MAX_ROUTER_CONFIG_CHARS) return null;
    const raw = await readText(this.backupPath);
    return raw !== null && isJson(raw) ? raw : null;
  }

  private async write(text: string): Promise<void> {
    try {
      await writeFileAtomic(this.path, text);
    } catch (error) {
      throw storageError(`Could not write ${this.path}`, error);
    }
  }
}

function isJson(text: string): boolean {
  if (text.trim() === '') return false;
  try {
    JSON.parse(text.replace(/^\uFEFF/, ''));
    return true;
  } catch {
    return false;
  }
}

async function fileSize(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw storageError(`Could not read ${path}`, error);
  }
}
