// Cross-process lock for the read-modify-write of a data file. The CLI and the app (or two CLI runs)
// share the data folder; without a lock two writers both read version N and the second rename wins,
// silently dropping the first one's change (and orphaning its keychain secret).
//
// The lock is a file next to the data file (`accounts.json.lock`), created with O_EXCL, holding who owns
// it (pid, hostname, time). A lock is stale — and may be taken over — when its owner is a dead process
// on this host, or when it has not been refreshed for `staleMs` (the owner refreshes its mtime while it
// holds the lock, so a slow keychain prompt does not look like a crash). Taking over happens under a
// second, short-lived `.lock.break` file and re-checks the lock there, so two waiters that both saw the
// same stale lock cannot remove each other's fresh one.
import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { mkdir, open, readFile, stat, unlink, utimes } from 'node:fs/promises';
import { hostname as osHostname } from 'node:os';
import { dirname } from 'node:path';
import { AppError } from '../../shared/api/errors';

export interface FileLockOptions {
  /** Give up waiting after this long (STORAGE_ERROR naming the owner). */
  waitMs?: number;
  /** A lock not refreshed for this long is considered abandoned. */
  staleMs?: number;
  now?: () => number;
}

export const DEFAULT_LOCK_WAIT_MS = 30_000;
export const DEFAULT_LOCK_STALE_MS = 20_000;

interface LockOwner {
  pid: number;
  hostname: string;
  createdAt: number;
  token: string;
}

/** Lock files this process holds, removed on exit even when the process ends mid-operation (Ctrl+C). */
const held = new Set<string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const path of held) {
      try {
        unlinkSync(path);
      } catch {
        /* already gone */
      }
    }
  });
}

/** `<dataFile>.lock`: the lock path every process derives the same way. */
export const lockPathFor = (dataFile: string): string => `${dataFile}.lock`;

/**
 * Runs `fn` while holding the lock file `lockPath`. Waits (polling with jitter) up to `waitMs` for
 * another holder, taking over stale locks; the lock is released when `fn` settles.
 */
export async function withFileLock<T>(lockPath: string, fn: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const release = await acquireFileLock(lockPath, options);
  try {
    return await fn();
  } finally {
    await release();
  }
}

export async function acquireFileLock(lockPath: string, options: FileLockOptions = {}): Promise<() => Promise<void>> {
  const now = options.now ?? Date.now;
  const waitMs = options.waitMs ?? DEFAULT_LOCK_WAIT_MS;
  const staleMs = options.staleMs ?? DEFAULT_LOCK_STALE_MS;
  const start = now();
  let delay = 5;
  for (;;) {
    const token = randomBytes(8).toString('hex');
    if (await tryCreate(lockPath, token, now)) return holdLock(lockPath, token, staleMs);
    const owner = await readOwner(lockPath);
    if (await isStale(lockPath, owner, staleMs, now)) {
      await breakStale(lockPath, owner, staleMs, now);
      continue;
    }
    if (now() - start >= waitMs) {
      const who = owner ? `process ${owner.pid} on ${owner.hostname} since ${new Date(owner.createdAt).toISOString()}` : 'another process';
      throw new AppError(
        'STORAGE_ERROR',
        `${lockPath} is held by ${who}: another Authbahn process (the app or a CLI command) is changing the same data folder. ` +
          `Try again; if no Authbahn process is running, delete ${lockPath}.`,
        { lockPath, ...(owner ? { pid: owner.pid, hostname: owner.hostname } : {}) },
      );
    }
    await sleep(delay + Math.floor(Math.random() * delay));
    delay = Math.min(delay * 2, 100);
  }
}

async function tryCreate(lockPath: string, token: string, now: () => number): Promise<boolean> {
  let handle;
  try {
    handle = await openExclusive(lockPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new AppError('STORAGE_ERROR', `Could not create the lock file ${lockPath}: ${(error as Error).message}`);
  }
  try {
    const owner: LockOwner = { pid: process.pid, hostname: osHostname(), createdAt: now(), token };
    await handle.writeFile(JSON.stringify(owner));
  } finally {
    await handle.close();
  }
  return true;
}

async function openExclusive(lockPath: string) {
  try {
    return await open(lockPath, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    // First write into a new data folder: create it (private, like the data files) and try again.
    await mkdir(dirname(lockPath), { recursive: true, mode: 0o700 });
    return open(lockPath, 'wx', 0o600);
  }
}

function holdLock(lockPath: string, token: string, staleMs: number): () => Promise<void> {
  installExitHook();
  held.add(lockPath);
  // Keeps the lock fresh while a long step (a keychain unlock prompt) runs; unref'd so it never keeps a
  // CLI process alive.
  const timer = setInterval(
    () => {
      const t = new Date();
      void utimes(lockPath, t, t).catch(() => undefined);
    },
    Math.max(50, Math.floor(staleMs / 4)),
  );
  timer.unref();
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    clearInterval(timer);
    held.delete(lockPath);
    // Only our own lock: if it was (wrongly) taken over, the new owner's file must stay.
    const owner = await readOwner(lockPath);
    if (owner?.token === token) await unlink(lockPath).catch(() => undefined);
  };
}

async function readOwner(lockPath: string): Promise<LockOwner | null> {
  try {
    const parsed = JSON.parse(await readFile(lockPath, 'utf8')) as Partial<LockOwner>;
    if (typeof parsed.pid !== 'number' || typeof parsed.hostname !== 'string' || typeof parsed.token !== 'string') return null;
    return { pid: parsed.pid, hostname: parsed.hostname, createdAt: Number(parsed.createdAt) || 0, token: parsed.token };
  } catch {
    // Missing, or empty because its owner is between open and write (or crashed there): the age decides.
    return null;
  }
}

async function isStale(lockPath: string, owner: LockOwner | null, staleMs: number, now: () => number): Promise<boolean> {
  if (owner && owner.hostname === osHostname() && owner.pid !== process.pid && !pidAlive(owner.pid)) return true;
  try {
    return now() - (await stat(lockPath)).mtimeMs > staleMs;
  } catch {
    return false; // gone already: the next attempt will create it
  }
}

async function breakStale(lockPath: string, seen: LockOwner | null, staleMs: number, now: () => number): Promise<void> {
  const breaker = `${lockPath}.break`;
  const token = randomBytes(8).toString('hex');
  if (!(await tryCreate(breaker, token, now))) {
    // Someone else is breaking it. A breaker left by a crash is removed by age (breaking takes milliseconds).
    const owner = await readOwner(breaker);
    if (await isStale(breaker, owner, Math.min(staleMs, 5_000), now)) await unlink(breaker).catch(() => undefined);
    await sleep(5);
    return;
  }
  try {
    // Re-check under the breaker: the lock may have been released and re-taken since we looked.
    const current = await readOwner(lockPath);
    const same = current?.token === seen?.token;
    if (same && (await isStale(lockPath, current, staleMs, now))) await unlink(lockPath).catch(() => undefined);
  } finally {
    await unlink(breaker).catch(() => undefined);
  }
}

/** True unless the process certainly does not exist (EPERM: it exists but belongs to someone else). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
