// accounts.json: the non-secret account metadata (the secrets live in the keychain only).
// Writes are atomic (temp file in the same folder, fsync, rename) and the previous good version is kept
// as accounts.json.bak.
//
// The CLI and the app may run at the same time: every read-modify-write holds the cross-process lock
// accounts.json.lock (see main/fs/file-lock.ts) and re-reads the file inside it, and mutations within
// one process are queued. The keychain ledger (keychain-ledger.ts) is changed under the same lock.
//
// Damaged files are never deleted, and never repaired quietly (each repair is a data problem in the
// warnings, which makes the CLI exit 1):
// - an entry that fails validation costs only that entry: it is saved to accounts.json.rejected-<time>
//   and the valid entries stay;
// - a file that is not JSON at all is moved aside as accounts.json.corrupt-<time>; the backup (if
//   valid) takes its place, with the warning that changes made after the backup are not in it (their
//   secrets are still in the keychain, where `accounts recover` finds them).
import { mkdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AppError } from '../../shared/api/errors';
import { checkAccountList, checkAccountRecord, MAX_ACCOUNTS, METADATA_VERSION, type AccountRecord } from './account-record';
import { KeychainLedger } from './keychain-ledger';
import type { Warnings } from './warnings';
import { writeFileAtomic } from '../fs/atomic-file';
import { isNotFound, readText, saveAside, setAside, storageError } from '../fs/data-file';
import type { FileLockOptions } from '../fs/file-lock';
import { LockedQueue } from '../fs/locked-queue';

export const METADATA_FILE_NAME = 'accounts.json';

export interface MetadataFileOptions {
  dir: string;
  now: () => number;
  warnings: Warnings;
  /** Cross-process lock timing (tests shorten it). */
  lock?: FileLockOptions;
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
  /**
   * Runs after the file was saved, still holding the lock: deletions from the keychain. Metadata first,
   * so a crash in between leaves a secret without an account (which recovery finds), never an account
   * whose secret is gone.
   */
  after?: () => Promise<void>;
}

interface Loaded {
  accounts: AccountRecord[];
  /** Exact text of the valid file on disk, if any: it becomes the .bak of the next write. */
  raw: string | null;
}

interface RejectedEntry {
  index: number;
  reason: string;
  entry: unknown;
}

type Parsed =
  | { ok: true; accounts: AccountRecord[]; rejected: RejectedEntry[] }
  | { ok: false; newerVersion?: number; reason: string };

export class MetadataFile {
  readonly path: string;
  readonly backupPath: string;
  /** Ids of the account secrets this folder has in the keychain; change it only inside mutate(). */
  readonly ledger: KeychainLedger;
  private readonly dir: string;
  private cache: { signature: string; loaded: Loaded } | undefined;
  private readonly queue: LockedQueue;

  constructor(private readonly options: MetadataFileOptions) {
    this.dir = options.dir;
    this.path = join(options.dir, METADATA_FILE_NAME);
    this.backupPath = `${this.path}.bak`;
    this.queue = new LockedQueue(this.path, options.lock);
    this.ledger = new KeychainLedger({ dir: options.dir, now: options.now, warn: (m) => options.warnings.add(m) });
  }

  /** Current accounts (a copy). Re-parses only when the file changed on disk since the last read. */
  async read(): Promise<AccountRecord[]> {
    const signature = await this.signature();
    if (this.cache && this.cache.signature === signature) return clone(this.cache.loaded.accounts);
    // A fresh data folder: nothing to read or repair, so no lock (and no folder is created by a read).
    if (signature === 'missing' && !(await exists(this.backupPath))) return [];
    return this.queue.run(async () => clone((await this.load(true)).accounts));
  }

  /**
   * Under the cross-process lock: re-reads the file, applies `fn` and writes the result atomically.
   * `fn` may do other work that must not interleave with another mutation (keychain writes, the ledger).
   */
  mutate<T>(fn: (accounts: AccountRecord[]) => Promise<Mutation<T>> | Mutation<T>): Promise<T> {
    return this.queue.run(async () => {
      // Never trust the cache here: another process may have replaced the file within the same
      // timestamp granularity (and inode numbers get reused).
      const loaded = await this.load(false);
      const { accounts, result, undo, after } = await fn(clone(loaded.accounts));
      if (accounts !== undefined) {
        try {
          await this.write(accounts, loaded.raw);
        } catch (error) {
          await undo?.().catch(() => undefined);
          throw error;
        }
      }
      await after?.();
      return result;
    });
  }

  /** Whether this folder has any account data yet (accounts.json, its backup or the keychain ledger). */
  async hasData(): Promise<boolean> {
    return (await exists(this.path)) || (await exists(this.backupPath)) || (await exists(this.ledger.path));
  }

  /** The accounts of accounts.json.bak that are valid (to name a recovered secret); [] when there is none. */
  async backupAccounts(): Promise<AccountRecord[]> {
    const raw = await readText(this.backupPath);
    if (raw === null) return [];
    const parsed = parse(raw);
    return parsed.ok ? parsed.accounts : [];
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

  private async load(useCache: boolean): Promise<Loaded> {
    const signature = await this.signature();
    if (useCache && this.cache && this.cache.signature === signature) return this.cache.loaded;

    const raw = await readText(this.path);
    if (raw === null) return this.loadWithoutMain();

    const parsed = parse(raw);
    if (parsed.ok && parsed.rejected.length === 0) return this.remember(signature, { accounts: parsed.accounts, raw });
    if (parsed.ok) return this.setAsideRejected(parsed.accounts, parsed.rejected, raw);
    if (parsed.newerVersion !== undefined) {
      throw new AppError(
        'STORAGE_ERROR',
        `${this.path} was written by a newer version of Authbahn (format version ${parsed.newerVersion}); update Authbahn to use these accounts. The file was left untouched.`,
      );
    }

    const aside = await setAside(this.path, this.options.now());
    const backup = await this.readBackup();
    if (backup.ok) {
      this.options.warnings.problem(
        `${this.path} could not be read (${parsed.reason}); it was kept as ${aside}. The previous version was restored from ${basename(this.backupPath)}: ` +
          'changes made after that backup (at least the most recent add, edit or removal) are not in it. ' +
          'Secrets added since are still in the keychain: restore them with `authbahn accounts recover` (or Restore in the app).',
      );
      const restored = await this.write(backup.accounts, null);
      // The backup's own bad entries (if any) go the same way as the main file's would.
      return backup.rejected.length > 0 ? this.setAsideRejected(restored.accounts, backup.rejected, restored.raw) : restored;
    }
    this.options.warnings.problem(
      `${this.path} could not be read (${parsed.reason}) and no usable backup exists (${backup.reason}); started with an empty account list. ` +
        `The unreadable file was kept as ${aside}. The secrets are still in the keychain: \`authbahn accounts recover\` lists them.`,
    );
    return this.remember('missing', { accounts: [], raw: null });
  }

  /** Keeps the valid entries; the invalid ones go to accounts.json.rejected-<time>, loudly. */
  private async setAsideRejected(accounts: AccountRecord[], rejected: RejectedEntry[], raw: string | null): Promise<Loaded> {
    const now = this.options.now();
    const text = `${JSON.stringify({ from: this.path, setAsideAt: new Date(now).toISOString(), entries: rejected }, null, 2)}\n`;
    const name = await saveAside(this.path, 'rejected', text, now);
    const list = rejected
      .slice(0, 5)
      .map((r) => `entry ${r.index + 1}${entryId(r.entry)}: ${r.reason}`)
      .join('; ');
    this.options.warnings.problem(
      `${rejected.length} account ${rejected.length === 1 ? 'entry' : 'entries'} in ${this.path} ${rejected.length === 1 ? 'is' : 'are'} invalid and ` +
        `${rejected.length === 1 ? 'was' : 'were'} set aside in ${name} (${list}${rejected.length > 5 ? '; …' : ''}). ` +
        `The other ${accounts.length} accounts are unaffected. The secrets are still in the keychain: \`authbahn accounts recover\` lists them.`,
    );
    return this.write(accounts, raw);
  }

  /** No accounts.json: a fresh install, or someone deleted it while a backup remains. */
  private async loadWithoutMain(): Promise<Loaded> {
    const backup = await this.readBackup();
    if (backup.ok) {
      this.options.warnings.problem(
        `${this.path} was missing; restored the accounts from ${basename(this.backupPath)} (changes made after that backup are not in it).`,
      );
      const restored = await this.write(backup.accounts, null);
      return backup.rejected.length > 0 ? this.setAsideRejected(restored.accounts, backup.rejected, restored.raw) : restored;
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
    const checked = checkAccountList(accounts);
    // Services build records from validated input, so a failure here is a bug: refuse to write it.
    if (!checked.ok) throw new AppError('INTERNAL', `Refusing to write invalid account metadata: ${checked.issue.message}`);
    const raw = `${JSON.stringify({ version: METADATA_VERSION, accounts: checked.value }, null, 2)}\n`;
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      if (previousRaw !== null) await writeFileAtomic(this.backupPath, previousRaw);
      await writeFileAtomic(this.path, raw);
    } catch (error) {
      throw storageError(`Could not save ${this.path}`, error);
    }
    return this.remember(await this.signature(), { accounts: checked.value, raw });
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
  const frame = checkFrame(json);
  if (!frame.ok) return { ok: false, reason: `invalid content${frame.where}: ${frame.message}` };
  // One entry at a time: a bad entry (a hand edit, a bug) must not hide every other account.
  const accounts: AccountRecord[] = [];
  const rejected: RejectedEntry[] = [];
  const seen = new Set<string>();
  frame.accounts.forEach((entry, index) => {
    const result = checkAccountRecord(entry);
    if (!result.ok) {
      const { path, message } = result.issue;
      rejected.push({ index, reason: `${path.length > 0 ? `${path.join('.')}: ` : ''}${message}`, entry });
    } else if (seen.has(result.value.id)) {
      rejected.push({ index, reason: `duplicate account id "${result.value.id}"`, entry });
    } else if (accounts.length >= MAX_ACCOUNTS) {
      rejected.push({ index, reason: `more than ${MAX_ACCOUNTS} accounts`, entry });
    } else {
      seen.add(result.value.id);
      accounts.push(result.value);
    }
  });
  return { ok: true, accounts, rejected };
}

/** The file's frame, `{version: 1, accounts: [...]}`; its entries are checked one by one. */
function checkFrame(json: unknown): { ok: true; accounts: unknown[] } | { ok: false; where: string; message: string } {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, where: '', message: 'expected an object' };
  const frame = json as { version?: unknown; accounts?: unknown };
  if (frame.version !== METADATA_VERSION) return { ok: false, where: ' at version', message: `expected ${METADATA_VERSION}` };
  if (!Array.isArray(frame.accounts)) return { ok: false, where: ' at accounts', message: 'expected an array' };
  return { ok: true, accounts: frame.accounts };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw storageError(`Could not read ${path}`, error);
  }
}

function entryId(entry: unknown): string {
  const id = (entry as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? ` (id ${JSON.stringify(id.slice(0, 64))})` : '';
}

function clone(accounts: AccountRecord[]): AccountRecord[] {
  return accounts.map((a) => ({ ...a, tags: [...a.tags] }));
}
