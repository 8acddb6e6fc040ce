// Start-up cleanup of temp files that writeFileAtomic leaves behind when a process is killed between
// creating `.<name>.<pid>.<random>.tmp` and renaming it (kill -9, power loss). They hold an old copy of
// a data file, so they are removed — but only when no writer can still be using them: their pid is a
// dead process, or they are older than `minAgeMs` (a write takes milliseconds). A concurrent writer's
// fresh temp file is never touched.
import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { pidAlive } from './file-lock';

/** Name pattern of writeFileAtomic's temp files: `.<target>.<pid>.<12 hex>.tmp`. */
const TEMP_NAME = /^\.(.+)\.(\d+)\.[0-9a-f]{12}\.tmp$/;

export const STALE_TEMP_MIN_AGE_MS = 60_000;

export interface StaleTempOptions {
  /** Base names of the data files whose temp files may be removed (accounts.json, router.json, …). */
  targets: readonly string[];
  now?: () => number;
  minAgeMs?: number;
}

/** Removes stale temp files of `targets` in `dir`; returns the names removed. Never throws. */
export async function removeStaleTempFiles(dir: string, options: StaleTempOptions): Promise<string[]> {
  const now = options.now ?? Date.now;
  const minAgeMs = options.minAgeMs ?? STALE_TEMP_MIN_AGE_MS;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMP_NAME.exec(name);
    if (!match || !options.targets.includes(match[1]!)) continue;
    const pid = Number(match[2]);
    const path = join(dir, name);
    try {
      const age = now() - (await stat(path)).mtimeMs;
      // A live pid is either a writer in progress or a reused pid: then only age says it is abandoned.
      const abandoned = (pid !== process.pid && !pidAlive(pid)) || age > minAgeMs;
      if (!abandoned) continue;
      await unlink(path);
      removed.push(name);
    } catch {
      /* vanished meanwhile (its writer renamed it) or not removable: leave it */
    }
  }
  return removed;
}
