// totp-replay.json in the data folder: the TOTP replay history shared by every router that uses this
// folder (the app's and `authbahn router`), and kept across restarts. Each entry is a hash of the secret
// (replayKey, domain-separated SHA-256 — never the secret, never a code), the last accepted time step and
// when the entry stops mattering; expired entries are dropped on every write, so the file stays tiny.
// Every claim is a locked read-modify-write (LockedQueue), so two routers cannot both accept one code.
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../fs/atomic-file';
import { readText, setAside, storageError } from '../../fs/data-file';
import type { FileLockOptions } from '../../fs/file-lock';
import { LockedQueue } from '../../fs/locked-queue';
import type { TotpReplayStore } from './totp-verifier';

export const TOTP_REPLAY_FILE_NAME = 'totp-replay.json';
const FILE_VERSION = 1;
/** Far more secrets than any config has; a bound on what a damaged or hostile file can make us hold. */
const MAX_ENTRIES = 10_000;

const fileSchema = z.object({
  version: z.literal(FILE_VERSION),
  used: z
    .array(z.object({ key: z.string().regex(/^[0-9a-f]{64}$/), step: z.number().int().min(0), expiresAt: z.number().finite() }))
    .max(MAX_ENTRIES),
});

type Entry = z.infer<typeof fileSchema>['used'][number];

export interface FileTotpReplayStoreOptions {
  dir: string;
  now: () => number;
  /** A damaged file was set aside (the status warnings / stderr). */
  warn?: (message: string) => void;
  lock?: FileLockOptions;
}

export class FileTotpReplayStore implements TotpReplayStore {
  readonly path: string;
  private readonly queue: LockedQueue;

  constructor(private readonly options: FileTotpReplayStoreOptions) {
    this.path = join(options.dir, TOTP_REPLAY_FILE_NAME);
    this.queue = new LockedQueue(this.path, options.lock);
  }

  claim(key: string, step: number, atMs: number, expiresAtMs: number): Promise<boolean> {
    return this.queue.run(async () => {
      const entries = (await this.load()).filter((e) => e.expiresAt > atMs);
      const last = entries.find((e) => e.key === key);
      if (last && step <= last.step) return false;
      const next = entries.filter((e) => e.key !== key);
      next.push({ key, step, expiresAt: Math.max(expiresAtMs, last?.expiresAt ?? 0) });
      // Over the bound: keep the newest; the oldest are the closest to expiring anyway.
      next.sort((a, b) => b.expiresAt - a.expiresAt);
      await this.write(next.slice(0, MAX_ENTRIES));
      return true;
    });
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  private async load(): Promise<Entry[]> {
    const raw = await readText(this.path);
    if (raw === null) return [];
    try {
      const parsed = fileSchema.safeParse(JSON.parse(raw));
      if (parsed.success) return parsed.data.used;
    } catch {
      /* not JSON: handled below */
    }
    // Forgetting the history re-opens at most the current 90 s window; say so rather than fail logins.
    const aside = await setAside(this.path, this.options.now());
    this.options.warn?.(`${this.path} could not be read; it was kept as ${aside} and the TOTP replay history starts empty.`);
    return [];
  }

  private async write(entries: Entry[]): Promise<void> {
    try {
      await writeFileAtomic(this.path, `${JSON.stringify({ version: FILE_VERSION, used: entries })}\n`);
    } catch (error) {
      throw storageError(`Could not save ${this.path}`, error);
    }
  }
}
