// accounts-keychain.json: the ids of every account secret this data folder has put in the keychain and
// not yet deleted. The keychain service is shared by every data folder (and by tests), so "a keychain
// item no account references" alone cannot tell a lost secret of this folder from another folder's
// account; the ledger can. Adds record the id *before* writing the secret, removes forget it only
// *after* deleting the secret, so whatever a crash interrupts, the ledger names every secret that may
// be left without an account (see AccountsService.orphans).
//
// Only ever touched while the accounts.json lock is held (MetadataFile.mutate), so it needs no lock of
// its own. An unreadable ledger is set aside and rebuilt from the accounts; that loses nothing but the
// ability to spot orphans from before, which `accounts recover --all` (a keychain scan) still finds.
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-file';
import { readText, setAside, storageError } from '../fs/data-file';

export const LEDGER_FILE_NAME = 'accounts-keychain.json';
const LEDGER_VERSION = 1;

const MAX_IDS = 100_000;

export interface KeychainLedgerOptions {
  dir: string;
  now: () => number;
  warn: (message: string) => void;
}

export class KeychainLedger {
  readonly path: string;

  constructor(private readonly options: KeychainLedgerOptions) {
    this.path = join(options.dir, LEDGER_FILE_NAME);
  }

  /** The recorded ids, or null when there is no (readable) ledger yet. */
  async read(): Promise<Set<string> | null> {
    const raw = await readText(this.path);
    if (raw === null) return null;
    const ids = parseLedger(raw);
    if (ids) return ids;
    const aside = await setAside(this.path, this.options.now());
    this.options.warn(`${this.path} could not be read; it was kept as ${aside} and rebuilt from the account list.`);
    return null;
  }

  /**
   * The recorded ids as they are on disk, without the lock and without repairing anything (read() sets
   * an unreadable ledger aside): for read-only commands that only want to know whether an orphan check
   * could find anything.
   */
  async peek(): Promise<Set<string> | 'missing' | 'unreadable'> {
    const raw = await readText(this.path);
    if (raw === null) return 'missing';
    return parseLedger(raw) ?? 'unreadable';
  }

  /**
   * Applies `change` and saves. `seed` (the ids accounts.json references now) starts a missing ledger:
   * every existing account's secret is in the keychain by definition.
   */
  async update(seed: Iterable<string>, change: (ids: Set<string>) => void): Promise<Set<string>> {
    const current = await this.read();
    const ids = current ?? new Set(seed);
    const before = [...ids].sort().join('\n');
    change(ids);
    if (current === null || [...ids].sort().join('\n') !== before) await this.write(ids);
    return ids;
  }

  private async write(ids: Set<string>): Promise<void> {
    const text = `${JSON.stringify({ version: LEDGER_VERSION, accountIds: [...ids].sort() }, null, 2)}\n`;
    try {
      await writeFileAtomic(this.path, text);
    } catch (error) {
      throw storageError(`Could not save ${this.path}`, error);
    }
  }
}

function parseLedger(raw: string): Set<string> | undefined {
  let json: { version?: unknown; accountIds?: unknown } | null;
  try {
    json = JSON.parse(raw) as typeof json;
  } catch {
    return undefined; // not JSON: same as invalid
  }
  // Checked by hand, not with zod: read on every start of `authbahn code` (see account-record.ts).
  const ids = json?.accountIds;
  if (json?.version !== LEDGER_VERSION || !Array.isArray(ids) || ids.length > MAX_IDS) return undefined;
  if (!ids.every((id: unknown) => typeof id === 'string' && id.length >= 1 && id.length <= 64)) return undefined;
  return new Set(ids as string[]);
}
