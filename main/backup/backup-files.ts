// Backup file names and rotation. Names carry a UTC timestamp that sorts like time, and rotation only
// ever looks at names of exactly this pattern: other files in the folder are the user's and stay.
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../shared/api/errors';

export const BACKUP_PREFIX = 'authbahn-backup-';
const BACKUP_NAME = /^authbahn-backup-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.json$/;

/** "authbahn-backup-2025-01-31T14-05-09-123Z.json" */
export function backupFileName(at: number): string {
  return `${BACKUP_PREFIX}${new Date(at).toISOString().replace(/[:.]/g, '-')}.json`;
}

export function isBackupFileName(name: string): boolean {
  return BACKUP_NAME.test(name);
}

/** The folder must exist already: creating a missing one could write into an unmounted drive's mount point. */
export async function requireFolder(folder: string): Promise<void> {
  let ok = false;
  try {
    ok = (await stat(folder)).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) throw new AppError('STORAGE_ERROR', `The backup folder ${folder} does not exist (or is not a folder)`);
}

/** Deletes the oldest backups beyond `keep`; returns the names deleted. */
export async function rotateBackups(folder: string, keep: number): Promise<string[]> {
  const names = (await readdir(folder)).filter(isBackupFileName).sort();
  const old = names.slice(0, Math.max(0, names.length - keep));
  for (const name of old) await rm(join(folder, name), { force: true });
  return old;
}
