// App lock, encrypted Aegis export and restore, as a user drives them in the built web UI: the export
// downloads an encrypted file without any secret in clear, which restores the deleted account; the lock
// hides everything behind the unlock screen until the right password is typed.
import type { Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAegisVault } from '../../main/backup/aegis-reader';
import { startApp, type RunningApp } from './support/app';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/Lockbox:carol@example.com?secret=${SECRET}&issuer=Lockbox`;
const BACKUP_PASSWORD = 'backup password 42';
const LOCK_PASSWORD = 'lock-me-up';

let app: RunningApp;
let page: Page;
let downloadedPath = '';

const rows = () => page.getByTestId('account-row');

beforeAll(async () => {
  app = await startApp();
  page = app.page;
});

afterAll(async () => {
  await app?.stop();
});

describe('encrypted Aegis export, restore and app lock (web mode)', () => {
  it('exports an encrypted Aegis backup that holds no secret in clear and reads back with the password', async () => {
    await page.getByTestId('empty-state').waitFor();
    await page.getByTestId('add-account-button').click();
    await page.getByTestId('add-uri-input').fill(URI);
    await page.getByTestId('uri-preview').waitFor();
    await page.getByTestId('add-uri-submit').click();
    await expect.poll(() => rows().count()).toBe(1);

    await page.getByTestId('export-button').click();
    // The URI tab names a command that exists.
    await page.getByTestId('export-uris').waitFor();
    expect(await page.getByTestId('export-dialog').textContent()).toContain('authbahn accounts import FILE');
    await page.getByTestId('export-tab-aegis').click();
    await page.getByTestId('export-aegis-password').fill(BACKUP_PASSWORD);
    await page.getByTestId('export-aegis-confirm').fill('something else');
    expect(await page.getByTestId('export-aegis-download').isDisabled()).toBe(true);
    await page.getByTestId('export-aegis-confirm').fill(BACKUP_PASSWORD);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-aegis-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^authbahn-aegis-backup-\d{4}-\d{2}-\d{2}\.json$/);
    downloadedPath = (await download.path())!;
    const text = await readFile(downloadedPath, 'utf8');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('Lockbox');
    const read = await readAegisVault(text, BACKUP_PASSWORD);
    expect(read.accounts).toMatchObject([{ issuer: 'Lockbox', label: 'carol@example.com', secret: SECRET }]);
    await page.keyboard.press('Escape');
    await page.getByTestId('export-dialog').waitFor({ state: 'detached' });
  });

  it('restores the account from that file in Settings after it was deleted (password asked)', async () => {
    await rows().first().getByTestId('account-delete').click();
    await page.getByTestId('confirm-delete').click();
    await page.getByTestId('empty-state').waitFor();

    await page.getByTestId('section-settings').click();
    await page.getByTestId('settings-restore').waitFor();
    await page.getByTestId('restore-file').setInputFiles(downloadedPath);
    await page.getByTestId('restore-submit').click();
    await page.getByTestId('restore-password').fill('wrong password');
    await page.getByTestId('restore-submit').click();
    await expect.poll(() => page.getByTestId('restore-error').textContent()).toContain('Wrong password');
    await page.getByTestId('restore-password').fill(BACKUP_PASSWORD);
    await page.getByTestId('restore-submit').click();
    await expect.poll(() => page.getByTestId('restore-result').textContent()).toContain('Restored 1 account');

    await page.getByTestId('section-authenticator').click();
    await expect.poll(() => rows().count()).toBe(1);
    expect(await page.getByTestId('account-issuer').textContent()).toBe('Lockbox');
  });

  it('locks on demand: only the unlock screen shows until the right password is typed', async () => {
    expect(await page.getByTestId('lock-button').count()).toBe(0);
    await page.getByTestId('section-settings').click();
    await page.getByTestId('lock-new').fill(LOCK_PASSWORD);
    await page.getByTestId('lock-confirm').fill(LOCK_PASSWORD);
    await page.getByTestId('lock-save').click();
    await page.getByTestId('lock-button').waitFor();

    await page.getByTestId('section-authenticator').click();
    await expect.poll(() => rows().count()).toBe(1);
    await page.getByTestId('lock-button').click();
    await page.getByTestId('unlock-screen').waitFor();
    expect(await rows().count()).toBe(0);
    expect(await page.getByTestId('section-authenticator').count()).toBe(0);
    expect(await page.content()).not.toContain('Lockbox');

    // A reload (or a second tab) is still locked: the state lives in the server, not the page.
    await page.reload();
    await page.getByTestId('unlock-screen').waitFor();

    await page.getByTestId('unlock-password').fill('not it');
    await page.getByTestId('unlock-submit').click();
    await expect.poll(() => page.getByTestId('field-error').textContent()).toContain('Wrong password');
    expect(await rows().count()).toBe(0);

    await page.getByTestId('unlock-password').fill(LOCK_PASSWORD);
    await page.getByTestId('unlock-submit').click();
    await page.getByTestId('unlock-screen').waitFor({ state: 'detached' });
    await expect.poll(() => rows().count()).toBe(1);
    await expect.poll(() => rows().first().getByTestId('account-code').getAttribute('data-code')).toMatch(/^\d{6}$/);
    expect(app.problems.filter((p) => !/LOCKED|locked/.test(p))).toEqual([]);
  });
});

describe('HOTP copy (web mode)', () => {
  it('copying uses the code up: the counter advances, and Undo in the toast puts it back', async () => {
    await page.getByTestId('add-account-button').click();
    await page.getByTestId('add-uri-input').fill(`otpauth://hotp/Counter:dave?secret=${SECRET}&issuer=Counter&counter=7`);
    await page.getByTestId('uri-preview').waitFor();
    await page.getByTestId('add-uri-submit').click();
    const hotp = rows().filter({ hasText: 'Counter' });
    const code = hotp.getByTestId('account-code');
    await expect.poll(() => code.getAttribute('data-counter')).toBe('7');
    // The row can show its counter a moment before its code arrives: wait for the code itself.
    await expect.poll(() => code.getAttribute('data-code')).toMatch(/^\d{6}$/);
    const before = await code.getAttribute('data-code');

    await code.click();
    await expect.poll(() => code.getAttribute('data-counter')).toBe('8');
    expect(await code.getAttribute('data-code')).not.toBe(before);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(before);
    expect(await page.getByTestId('toast').textContent()).toContain('Counter is now 8');

    await page.getByTestId('toast-action').click();
    await expect.poll(() => code.getAttribute('data-counter')).toBe('7');
    await expect.poll(() => code.getAttribute('data-code')).toBe(before);
  });
});
