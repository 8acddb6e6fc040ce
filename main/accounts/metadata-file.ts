// accounts.json: the non-secret account metadata (the secrets live in the keychain only).
// Writes are atomic (temp file in the same folder, fsync, rename) and the previous good version is kept
// as accounts.json.bak. A file that cannot be parsed is never deleted or overwritten: it is moved aside
// as accounts.json.corrupt-<timestamp> and the backup (if valid) takes its place.
// The CLI and the app may run at the same time, so every mutation re-reads the file first, and
// mutations within one process are serialised through a promise queue.
import { mkdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AppError } from '../../shared/api/errors';
import { METADATA_VERSION, metadataFileSchema, type AccountRecord } from './account-record';
import type { Warnings } from './warnings';
import { writeFileAtomic } from '../fs/atomic-file';
import { isNotFound, readText, setAside, storageError } from '../fs/data-file';
import { SerialQueue } from '../serial-queue';

export const METADATA_FILE_NAME = 'accounts.json';

export interface MetadataFileOptions {
  dir: string;
  now: () => number;
  warnings: Warnings;
}

/** What a mutation returns: the new account list (omit it for a read-only step) and a result for the caller. */
export interface Mutation<T> {
  accounts?: AccountRecord[];
  result: T;
  /**
   * Reverts side effects `fn` already made elsewhere (keychain writes) if saving the file fails,
   * still inside the queue slot so no other mutation sees the half-done state.
   */
  undo?: () => Promise<void>;
}

interface Loaded {
  accounts: AccountRecord[];
  /** Exact text of the valid file on disk, if any: it becomes the .bak of the next write. */
  raw: string | null;
}

type Parsed = { ok: true; accounts: AccountRecord[] } | { ok: false; newerVersion?: number; reason: string };

export class MetadataFile {
  readonly path: string;
  readonly backupPath: string;
  private readonly dir: string;
  private cache: { signature: string; loaded: Loaded } | undefined;
  private readonly queue = new SerialQueue();

  constructor(private readonly options: MetadataFileOptions) {
    this.dir = options.dir;
    this.path = join(options.dir, METADATA_FILE_NAME);
    this.backupPath = `${this.path}.bak`;
  }

  /** Current accounts (a copy). Re-parses only when the file changed on disk since the last read. */
  async read(): Promise<AccountRecord[]> {
    const signature = await this.signature();
    if (this.cache && this.cache.signature === signature) return clone(this.cache.loaded.accounts);
    return this.queue.run(async () => clone((await this.load()).accounts));
  }

  /**
   * Re-reads the file, applies `fn` and writes the result atomically, all in one queue slot.
   * `fn` may do other work that must not interleave with another mutation (keychain writes).
   */
  mutate<T>(fn: (accounts: AccountRecord[]) => Promise<Mutation<T>> | Mutation<T>): Promise<T> {
    return this.queue.run(async () => {
      const loaded = await this.load();
      const { accounts, result, undo } = await fn(clone(loaded.accounts));
      if (accounts !== undefined) {
        try {
          await this.write(accounts, loaded.raw);
        } catch (error) {
          await undo?.().catch(() => undefined);
          throw error;
        }
      }
      return result;
    });
  }

  /** Resolves once every queued mutation has settled (for shutdown). */
  async idle(): Promise<void> {
    await this.queue.idle();
  }

  private async signature(): Promise<string> {
    try {
      const s = await stat(this.path);
      return `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
    } catch (error) {
      if (isNotFound(error)) return 'missing';
      throw storageError(`Could not read ${this.path}`, error);
    }
  }

  private async load(): Promise<Loaded> {
    const signature = await this.signature();
    if (this.cache && this.cache.signature === signature) return this.cache.loaded;

    const raw = await readText(this.path);
    if (raw === null) return this.loadWithoutMain();

    const parsed = parse(raw);
    if (parsed.ok) return this.remember(signature, { accounts: parsed.accounts, raw });
    if (parsed.newerVersion !== undefined) {
      throw new AppError(
        'STORAGE_ERROR',
        `${this.path} was written by a newer version of Authbahn (format version ${parsed.newerVersion}); update Authbahn to use these accounts. The file was left untouched.`,
      );
    }

    const aside = await setAside(this.path, this.options.now());
    const backup = await this.readBackup();
    if (backup.ok) {
      this.options.warnings.add(
        `${this.path} could not be read (${parsed.reason}); restored the previous version from ${basename(this.backupPath)}. ` +
          `The unreadable file was kept as ${aside}.`,
      );
      return this.write(backup.accounts, null);
    }
    this.options.warnings.add(
      `${this.path} could not be read (${parsed.reason}) and no usable backup exists (${backup.reason}); started with an empty account list. ` +
        `The unreadable file was kept as ${aside}. The secrets are still in the keychain.`,
    );
    return this.remember('missing', { accounts: [], raw: null });
  }

  /** No accounts.json: a fresh install, or someone deleted it while a backup remains. */
  private async loadWithoutMain(): Promise<Loaded> {
    const backup = await this.readBackup();
    if (backup.ok) {
      this.options.warnings.add(`${this.path} was missing; restored the accounts from ${basename(this.backupPath)}.`);
      return this.write(backup.accounts, null);
    }
    return this.remember('missing', { accounts: [], raw: null });
  }

  private async readBackup(): Promise<Parsed> {
    const raw = await readText(this.backupPath);
    if (raw === null) return { ok: false, reason: 'there is no backup file' };
    const parsed = parse(raw);
    return parsed.ok ? parsed : { ok: false, reason: `the backup is unreadable too: ${parsed.reason}` };
  }

  private async write(accounts: AccountRecord[], previousRaw: string | null): Promise<Loaded> {
    const checked = metadataFileSchema.safeParse({ version: METADATA_VERSION, accounts });
    // Services build records from validated input, so a failure here is a bug: refuse to write it.
    if (!checked.success) throw new AppError('INTERNAL', `Refusing to write invalid account metadata: ${checked.error.issues[0]?.message}`);
    const raw = `${JSON.stringify(checked.data, null, 2)}\n`;
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      if (previousRaw !== null) await writeFileAtomic(this.backupPath, previousRaw);
      await writeFileAtomic(this.path, raw);
    } catch (error) {
      throw storageError(`Could not save ${this.path}`, error);
    }
    return this.remember(await this.signature(), { accounts: checked.data.accounts, raw });
  }

  private remember(signature: string, loaded: Loaded): Loaded {
    this.cache = { signature, loaded };
    return loaded;
  }
}

function parse(raw: string): Parsed {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return { ok: false, reason: raw.trim() === '' ? 'the file is empty' : `not valid JSON: ${(error as Error).message}` };
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > METADATA_VERSION) return { ok: false, newerVersion: version, reason: 'newer format' };
  const result = metadataFileSchema.safeParse(json);
  if (result.success) return { ok: true, accounts: result.data.accounts };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return { ok: false, reason: `invalid content${where}: ${issue?.message ?? 'does not match the expected format'}` };
}

function clone(accounts: AccountRecord[]): AccountRecord[] {
  return accounts.map((a) => ({ ...a, tags: [...a.tags] }));
}
