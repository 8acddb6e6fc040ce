import { spawnSync } from 'node:child_process';
import { readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireFileLock, withFileLock } from '../../../main/fs/file-lock';
import { tempDir } from '../accounts/fixtures';

/** The pid of a process that has certainly ended (a child that already exited). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('withFileLock', () => {
  it('runs tasks of holders one at a time and removes the lock afterwards (also after an error)', async () => {
    const dir = await tempDir();
    const lock = join(dir, 'data.json.lock');
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name}:start`);
      expect(JSON.parse(await readFile(lock, 'utf8'))).toMatchObject({ pid: process.pid, hostname: expect.any(String), createdAt: expect.any(Number) });
      await new Promise((r) => setTimeout(r, 20));
      log.push(`${name}:end`);
    };
    await Promise.all([withFileLock(lock, task('a')), withFileLock(lock, task('b')), withFileLock(lock, task('c'))]);
    expect(log.filter((_, i) => i % 2 === 0).map((l) => l.split(':')[0])).toEqual(log.filter((_, i) => i % 2 === 1).map((l) => l.split(':')[0]));
    await expect(withFileLock(lock, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await readdir(dir)).toEqual([]);
  });

  it('takes over a lock whose owner died on this host (kill -9 while holding it)', async () => {
    const dir = await tempDir();
    const lock = join(dir, 'accounts.json.lock');
    const { hostname } = await import('node:os');
    await writeFile(lock, JSON.stringify({ pid: deadPid(), hostname: hostname(), createdAt: Date.now(), token: 'dead' }));
    expect(await withFileLock(lock, async () => 'ran', { waitMs: 2_000 })).toBe('ran');
    expect(await readdir(dir)).toEqual([]);
  });

  it('takes over a lock nobody refreshed for staleMs (an owner on another host), but waits for a fresh one', async () => {
    const dir = await tempDir();
    const lock = join(dir, 'router.json.lock');
    await writeFile(lock, JSON.stringify({ pid: 1, hostname: 'other-host', createdAt: 0, token: 'remote' }));
    // Fresh: still someone's lock.
    await expect(withFileLock(lock, async () => 'ran', { waitMs: 150, staleMs: 60_000 })).rejects.toMatchObject({
      code: 'STORAGE_ERROR',
      message: expect.stringMatching(/router\.json\.lock is held by process 1 on other-host since 1970-01-01T00:00:00\.000Z.*Try again/),
    });
    const old = new Date(Date.now() - 120_000);
    await utimes(lock, old, old);
    expect(await withFileLock(lock, async () => 'ran', { waitMs: 2_000, staleMs: 60_000 })).toBe('ran');
  });

  it('an empty lock file (owner crashed between create and write) is judged by its age', async () => {
    const dir = await tempDir();
    const lock = join(dir, 'x.lock');
    await writeFile(lock, '');
    await expect(withFileLock(lock, async () => 'ran', { waitMs: 100, staleMs: 60_000 })).rejects.toMatchObject({ code: 'STORAGE_ERROR' });
    const old = new Date(Date.now() - 120_000);
    await utimes(lock, old, old);
    expect(await withFileLock(lock, async () => 'ran', { waitMs: 2_000, staleMs: 60_000 })).toBe('ran');
  });

  it('keeps a long-held lock fresh, so it is not taken over while its owner works', async () => {
    const dir = await tempDir();
    const lock = join(dir, 'slow.lock');
    const release = await acquireFileLock(lock, { staleMs: 200 });
    await new Promise((r) => setTimeout(r, 500));
    await expect(withFileLock(lock, async () => 'ran', { waitMs: 300, staleMs: 200 })).rejects.toMatchObject({ code: 'STORAGE_ERROR' });
    await release();
    expect(await withFileLock(lock, async () => 'ran', { staleMs: 200 })).toBe('ran');
  });
});
