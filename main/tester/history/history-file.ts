// The one place that reads and writes tester-history.json. Every change is a read-modify-write of the
// whole file, atomically replaced (temp file, fsync, rename), under tester-history.json.lock: the CLI
// records runs into the same file, so the app and a CLI process must not drop each other's runs.
// An unreadable file is moved aside (never overwritten) and the history starts empty.
import { join } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { writeFileAtomic } from '../../fs/atomic-file';
import { readText, setAside, storageError } from '../../fs/data-file';
import { LockedQueue } from '../../fs/locked-queue';
import { historyFileSchema, HISTORY_FILE_VERSION, type HistoryData } from './history-model';

export const HISTORY_FILE_NAME = 'tester-history.json';

export interface HistoryFileOptions {
  dir: string;
  now: () => number;
  /** A corrupt file set aside, for the app status. */
  warn: (message: string) => void;
}

export class HistoryFile {
  readonly path: string;
  private readonly queue: LockedQueue;

  constructor(private readonly options: HistoryFileOptions) {
    this.path = join(options.dir, HISTORY_FILE_NAME);
    this.queue = new LockedQueue(this.path);
  }

  read(): Promise<HistoryData> {
    return this.queue.run(() => this.load());
  }

  /** Applies `change` to the current content and writes the result; returns what was written. */
  update(change: (current: HistoryData) => HistoryData): Promise<HistoryData> {
    return this.queue.run(async () => {
      const next = change(await this.load());
      try {
        await writeFileAtomic(this.path, `${JSON.stringify(next)}\n`);
      } catch (error) {
        throw storageError(`Could not save ${this.path}`, error);
      }
      return next;
    });
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  private async load(): Promise<HistoryData> {
    const raw = await readText(this.path);
    if (raw === null) return { version: HISTORY_FILE_VERSION, runs: [] };
    let reason: string;
    try {
      const json: unknown = JSON.parse(raw);
      const version = (json as { version?: unknown } | null)?.version;
      if (typeof version === 'number' && version > HISTORY_FILE_VERSION) {
        throw new AppError('STORAGE_ERROR', `${this.path} was written by a newer version of Authbahn; update Authbahn to see the test history. The file was left untouched.`);
      }
      const parsed = historyFileSchema.safeParse(json);
      if (parsed.success) return parsed.data as HistoryData;
      reason = `invalid content: ${parsed.error.issues[0]?.message ?? 'does not match'}`;
    } catch (error) {
      if (error instanceof AppError) throw error;
      reason = `not valid JSON: ${(error as Error).message}`;
    }
    const aside = await setAside(this.path, this.options.now());
    this.options.warn(`${this.path} could not be read (${reason}); the test history starts empty. The file was kept as ${aside}.`);
    return { version: HISTORY_FILE_VERSION, runs: [] };
  }
}
