// Automatic backups (debounced after accounts change, encrypted, keep the last N, only our own files
// rotated), exports read back, and restore through the real AccountsService (tags kept, duplicates skipped).
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AccountsService } from '../../../main/accounts/accounts-service';
import { MetadataFile } from '../../../main/accounts/metadata-file';
import { Warnings } from '../../../main/accounts/warnings';
import { readAegisVault } from '../../../main/backup/aegis-reader';
import { backupFileName, isBackupFileName, rotateBackups } from '../../../main/backup/backup-files';
import { BACKUP_PASSWORD_KEY, BackupService } from '../../../main/backup/backup-service';
import { EventBus } from '../../../main/events';
import { SettingsFile } from '../../../main/settings/settings-file';
import { SettingsService } from '../../../main/settings/settings-service';
import { MemorySecretStore } from '../../../main/vault/memory-secret-store';
import { Clock, idSequence, SECRET_A, SECRET_B, tempDir } from '../accounts/fixtures';

const CHEAP = { scrypt: { N: 1024, r: 8, p: 1 } };

async function setup() {
  const root = await tempDir();
  const dir = join(root, 'data');
  const folder = join(root, 'backups');
  await mkdir(folder);
  const clock = new Clock(Date.UTC(2025, 0, 31, 14, 5, 9, 123));
  const events = new EventBus();
  const warnings = new Warnings();
  const secrets = new MemorySecretStore();
  const metadata = new MetadataFile({ dir, now: clock.now, warnings });
  const accounts = new AccountsService({ metadata, secrets, events, now: clock.now, newId: idSequence() });
  const settingsFile = new SettingsFile({ dir, now: clock.now, warn: () => undefined });
  const settings = new SettingsService(settingsFile, events);
  const timers: (() => void)[] = [];
  const backup = new BackupService({
    settings: settingsFile,
    secrets,
    events,
    accounts: () => accounts.backupAccounts(),
    importAccounts: (e) => accounts.importAccounts(e),
    now: clock.now,
    warn: (m) => warnings.set('backup', m),
    setTimer: (fn) => timers.push(fn),
    clearTimer: () => undefined,
    writeOptions: CHEAP,
  });
  backup.watch();
  return { folder, clock, accounts, settings, backup, secrets, warnings, timers, events };
}

const totp = (label: string, secret: string, tags: string[] = []) =>
  ({ type: 'totp', issuer: 'ACME', label, secret, algorithm: 'SHA1', digits: 6, period: 30, counter: 0, tags }) as const;

describe('backup files', () => {
  it('names sort by time and rotation deletes only the oldest of our own files', async () => {
    const folder = await tempDir();
    const names = [0, 1, 2, 3, 4].map((i) => backupFileName(Date.UTC(2025, 0, 1, 0, 0, i)));
    expect(names[0]).toBe('authbahn-backup-2025-01-01T00-00-00-000Z.json');
    expect(names.every(isBackupFileName)).toBe(true);
    for (const n of [...names].reverse()) await writeFile(join(folder, n), '{}');
    await writeFile(join(folder, 'authbahn-backup-notes.json'), 'mine');
    await writeFile(join(folder, 'other.txt'), 'mine');
    expect(await rotateBackups(folder, 2)).toEqual(names.slice(0, 3));
    expect((await readdir(folder)).sort()).toEqual([...names.slice(3), 'authbahn-backup-notes.json', 'other.txt'].sort());
  });
});

describe('BackupService', () => {
  it('writes an encrypted backup after a change (debounced), keeps the last N, and it restores', async () => {
    const { folder, clock, accounts, settings, backup, timers } = await setup();
    await backup.setPassword('backup-password');
    await settings.update({ backups: { enabled: true, folder, keep: 2 } });
    await accounts.add(totp('alice', SECRET_A, ['work']));
    await accounts.add(totp('bob', SECRET_B));
    // Two changes, one pending timer each time; only the last one's run matters.
    expect(timers).toHaveLength(2);
    for (let i = 0; i < 3; i++) {
      clock.ms += 1000;
      timers.at(-1)!();
      await backup.runNow().catch(() => undefined); // waits for the queued automatic run too
    }
    const files = (await readdir(folder)).sort();
    expect(files).toHaveLength(2);
    const text = await readFile(join(folder, files.at(-1)!), 'utf8');
    expect(text).not.toContain(SECRET_A);
    const read = await readAegisVault(text, 'backup-password');
    expect(read.accounts.map((a) => [a.label, a.secret, a.tags])).toEqual([
      ['alice', SECRET_A, ['work']],
      ['bob', SECRET_B, []],
    ]);
    expect((await backup.status()).lastFile).toBe(files.at(-1));
  });

  it('nothing is written while disabled; a failing backup says why in the status and the warnings', async () => {
    const { folder, accounts, settings, backup, timers, warnings } = await setup();
    await accounts.add(totp('alice', SECRET_A));
    timers.at(-1)!();
    await backup.status();
    expect(await readdir(folder)).toEqual([]);
    await settings.update({ backups: { enabled: true, folder: join(folder, 'missing') } });
    await backup.setPassword('backup-password');
    await expect(backup.runNow()).rejects.toMatchObject({ code: 'STORAGE_ERROR' });
    expect((await backup.status()).lastError).toMatch(/does not exist/);
    expect(warnings.list().join()).toMatch(/automatic backup failed/);
  });

  it('the password lives in the keychain item backup:password and is never in settings', async () => {
    const { backup, secrets } = await setup();
    await expect(backup.setPassword('short')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(await backup.setPassword('long enough')).toMatchObject({ hasPassword: true });
    expect(await secrets.get(BACKUP_PASSWORD_KEY)).toBe('long enough');
    expect(await backup.setPassword(null)).toMatchObject({ hasPassword: false });
  });

  it('restore imports every account with its tags and skips the ones already there', async () => {
    const { accounts, backup } = await setup();
    await accounts.add(totp('alice', SECRET_A, ['work']));
    await accounts.add(totp('bob', SECRET_B, ['home', 'x']));
    const text = await backup.exportAegis('export-password');
    await expect(backup.restore(text, 'wrong-password')).rejects.toMatchObject({ code: 'IMPORT_WRONG_PASSWORD' });
    await expect(backup.restore(text, null)).rejects.toMatchObject({ code: 'IMPORT_PASSWORD_REQUIRED' });
    const again = await backup.restore(text, 'export-password');
    expect(again.added).toEqual([]);
    expect(again.duplicates).toHaveLength(2);

    const other = await setup();
    const restored = await other.backup.restore(text, 'export-password');
    expect(restored.added.map((a) => [a.label, a.tags])).toEqual([
      ['alice', ['work']],
      ['bob', ['home', 'x']],
    ]);
    expect((await other.accounts.backupAccounts()).map((a) => a.secret)).toEqual([SECRET_A, SECRET_B]);
  });
});
