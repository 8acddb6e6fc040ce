// settings.json: defaults when missing, atomic round trip, bad fields fall back one by one, an unreadable
// file is moved aside (never overwritten in place), and the service applies and announces changes.
import { readdir, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../main/events';
import { DEFAULT_SETTINGS, SettingsFile } from '../../../main/settings/settings-file';
import { SettingsService } from '../../../main/settings/settings-service';
import { Clock, tempDir } from '../accounts/fixtures';

async function setup() {
  const dir = join(await tempDir(), 'data');
  const warnings: string[] = [];
  const file = () => new SettingsFile({ dir, now: new Clock().now, warn: (m) => warnings.push(m) });
  return { dir, warnings, file };
}

describe('SettingsFile', () => {
  it('a missing file means the defaults', async () => {
    const { file } = await setup();
    expect(await file().read()).toEqual({ settings: DEFAULT_SETTINGS, lockVerifier: null });
    expect(DEFAULT_SETTINGS.backups.keep).toBe(10);
  });

  it('writes and reads back (a new instance reads the file, not a cache); no temp files left', async () => {
    const { dir, file } = await setup();
    const service = new SettingsService(file(), new EventBus());
    await service.update({ theme: 'dark', clipboardClearSeconds: 0, backups: { enabled: true, folder: '/tmp/x', keep: 3 } });
    expect((await file().read()).settings).toMatchObject({ theme: 'dark', clipboardClearSeconds: 0, backups: { enabled: true, folder: '/tmp/x', keep: 3 } });
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('an invalid field falls back to its default; the valid ones stay', async () => {
    const { dir, file } = await setup();
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ version: 1, settings: { theme: 'purple', hideCodes: true, lockIdleMinutes: -3, backups: { keep: 0, folder: '/b' } } }));
    const { settings } = await file().read();
    expect(settings).toMatchObject({ theme: 'system', hideCodes: true, lockIdleMinutes: 5, backups: { keep: 10, folder: '/b', enabled: false } });
  });

  it('an unreadable file is moved aside with a warning, and the lock is off until set again', async () => {
    const { dir, file, warnings } = await setup();
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'settings.json'), '{ not json');
    expect((await file().read()).lockVerifier).toBeNull();
    expect(warnings[0]).toMatch(/moved aside/);
    expect((await readdir(dir)).some((n) => n.startsWith('settings.json.corrupt-'))).toBe(true);
  });

  it('a tampered (weakened) lock verifier is ignored with a warning', async () => {
    const { dir, file, warnings } = await setup();
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ version: 1, settings: {}, lockVerifier: { kdf: 'scrypt', N: 2, r: 1, p: 1, salt: '00'.repeat(16), hash: '00'.repeat(32) } }));
    expect((await file().read()).lockVerifier).toBeNull();
    expect(warnings[0]).toMatch(/app lock/);
  });
});

describe('SettingsService', () => {
  it('applies changes to watchers and emits settings.changed', async () => {
    const { file } = await setup();
    const events = new EventBus();
    const seen: string[] = [];
    events.on((event, payload) => event === 'settings.changed' && seen.push((payload as { theme: string }).theme));
    const service = new SettingsService(file(), events);
    const applied: number[] = [];
    await service.watch((s) => applied.push(s.clipboardClearSeconds));
    await service.update({ clipboardClearSeconds: 12, theme: 'light' });
    expect(applied).toEqual([30, 12]);
    expect(seen).toEqual(['light']);
  });

  it('refuses a relative backup folder', async () => {
    const { file } = await setup();
    const service = new SettingsService(file(), new EventBus());
    await expect(service.update({ backups: { folder: 'backups' } })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect((await service.get()).backups.folder).toBeNull();
  });
});
