// Reading and rescuing the app's JSON data files (accounts.json, router.json, tester profiles): the same
// rules for all of them — a missing file is not an error, every other I/O failure is a STORAGE_ERROR
// naming the file, and an unreadable file is never deleted or overwritten but moved aside for the user.
import { randomBytes } from 'node:crypto';
import { access, readFile, rename } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../../shared/api/errors';
import { writeFileAtomic } from './atomic-file';

export function isNotFound(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ENOENT';
}

export function storageError(what: string, error: unknown): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('STORAGE_ERROR', `${what}: ${message}`);
}

/** The file's text, or null when it does not exist. */
export async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return null;
    throw storageError(`Could not read ${path}`, error);
  }
}

/** Renames an unreadable file to PATH.corrupt-<time>[-<random>] (never over another file); returns the new base name. */
export async function setAside(path: string, now: number): Promise<string> {
  const target = await freeSibling(path, 'corrupt', now);
  try {
    await rename(path, target);
  } catch (error) {
    throw storageError(`Could not move the unreadable ${path} aside`, error);
  }
  return basename(target);
}

/**
 * Saves `text` as PATH.<kind>-<time>[-<random>] next to PATH (never over another file), e.g. the entries
 * of accounts.json that failed validation; returns the new base name.
 */
export async function saveAside(path: string, kind: string, text: string, now: number): Promise<string> {
  const target = await freeSibling(path, kind, now);
  try {
    await writeFileAtomic(target, text);
  } catch (error) {
    throw storageError(`Could not save ${target}`, error);
  }
  return basename(target);
}

async function freeSibling(path: string, kind: string, now: number): Promise<string> {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  let target = `${path}.${kind}-${stamp}`;
  while (await exists(target)) target = `${path}.${kind}-${stamp}-${randomBytes(3).toString('hex')}`;
  return target;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
