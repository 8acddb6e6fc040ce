// The one import preview as a user drives it in the built web UI (`authbahn serve`, real keychain,
// headless Chromium): an encrypted Aegis vault picked in "Import file" with its password prompt (a
// wrong password imports nothing), our own URI export pasted back as many lines into a fresh app, a
// re-issued secret offered as "replace", and a 2FAS backup dropped onto the dialog. Fixture files are
// read in place from ../shared/fixtures (never copied into the project).
// Set AUTHBAHN_E2E_SHOTS=/some/dir to also save screenshots of the dialog (light/dark, 1280/420 px).
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startApp, type RunningApp } from './support/app';

const FIXTURES = resolve(ROOT, '../shared/fixtures/authenticator-exports');
const REFERENCE_ISSUERS = ['Deno', 'SPDX', 'Airbnb', 'Issuu', 'Air Canada', 'WWE', 'Boeing'];
const SHOTS = process.env.AUTHBAHN_E2E_SHOTS;

let app: RunningApp;
let page: Page;
const others: RunningApp[] = [];

const rows = (p: Page) => p.getByTestId('account-row');
const issuers = (p: Page) => p.getByTestId('account-issuer').allTextContents();

async function shot(p: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  await mkdir(SHOTS, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await p.emulateMedia({ colorScheme: scheme });
    for (const width of [1280, 420]) {
      await p.setViewportSize({ width, height: 860 });
      await p.waitForTimeout(150);
      await p.screenshot({ path: resolve(SHOTS, `${name}-${scheme}-${width}.png`) });
    }
  }
  await p.emulateMedia({ colorScheme: 'light' });
  await p.setViewportSize({ width: 1200, height: 860 });
}

beforeAll(async () => {
  app = await startApp();
  page = app.page;
  await page.getByTestId('empty-state').waitFor();
});

afterAll(async () => {
  for (const other of others) await other.stop();
  await app?.stop();
});

describe('one import preview for files, pasted text and drops (web mode)', () => {
  it('an encrypted Aegis vault: asks for the password, a wrong one imports nothing, the right one previews and imports all 7', async () => {
    await page.getByTestId('add-account-button').click();
    await page.getByTestId('add-tab-file').click();
    await page.getByTestId('file-input').setInputFiles(resolve(FIXTURES, 'aegis_encrypted.json'));
    const prompt = page.getByTestId('file-password-prompt');
    await prompt.waitFor();
    expect(await prompt.textContent()).toContain('aegis_encrypted.json is encrypted');
    await shot(page, 'import-password');

    await page.getByTestId('file-password').fill('wrong password');
    await page.getByTestId('file-password-submit').click();
    await expect.poll(() => prompt.getByTestId('field-error').textContent().catch(() => '')).toContain('Wrong password');
    expect(await page.getByTestId('file-preview').count()).toBe(0);
    expect(await page.getByTestId('file-import-submit').isDisabled()).toBe(true);

    await page.getByTestId('file-password').fill('test');
    await page.getByTestId('file-password').press('Enter');
    const preview = page.getByTestId('file-preview');
    await preview.waitFor();
    expect(await prompt.count()).toBe(0);
    expect(await preview.textContent()).toContain('Found 7 accounts in aegis_encrypted.json');
    expect(await page.getByTestId('file-account').count()).toBe(7);
    // Metadata only: no secret of the vault reaches the page.
    const html = await page.content();
    for (const secret of ['4SJHB4GSD43FZBAI7C2HLRJGPQ', 'JRZCL47CMXVOQMNPZR2F7J4RGI']) expect(html).not.toContain(secret);
    await shot(page, 'import-file-preview');

    await page.getByTestId('file-import-submit').click();
    await page.getByTestId('add-dialog').waitFor({ state: 'detached' });
    expect(await page.getByTestId('toast').first().textContent()).toContain('Imported 7 accounts');
    await expect.poll(() => issuers(page)).toEqual(REFERENCE_ISSUERS);
  });

  it('our own URI export pasted into a fresh app restores every account, not just the first line', async () => {
    await page.getByTestId('export-button').click();
    const exported = await page.getByTestId('export-uris').inputValue();
    expect(exported.trim().split('\n')).toHaveLength(7);
    await page.keyboard.press('Escape');
    await page.getByTestId('export-dialog').waitFor({ state: 'detached' });

    const fresh = await startApp();
    others.push(fresh);
    const p = fresh.page;
    await p.getByTestId('empty-state').waitFor();
    await p.getByTestId('add-account-button').click();
    await p.getByTestId('add-uri-input').fill(exported);
    const preview = p.getByTestId('uri-preview');
    await preview.waitFor();
    await expect.poll(() => p.getByTestId('uri-account').count()).toBe(7);
    expect(await preview.textContent()).toContain('Found 7 accounts in the pasted text');
    expect(await p.getByTestId('add-uri-submit').textContent()).toBe('Import 7 accounts');
    await shot(p, 'import-paste-preview');
    await p.getByTestId('add-uri-submit').click();
    await p.getByTestId('add-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => issuers(p)).toEqual(REFERENCE_ISSUERS);
  });

  it('a re-issued secret under the same name is offered as "replace" (or keep both), not silently a second row', async () => {
    await page.getByTestId('add-account-button').click();
    const reissued = 'otpauth://totp/Deno:Mason?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Deno';
    const duplicate = 'otpauth://totp/SPDX:James?secret=5OM4WOOGPLQEF6UGN3CPEOOLWU&issuer=SPDX&algorithm=SHA256&digits=7&period=20';
    await page.getByTestId('add-uri-input').fill(`${reissued}\n${duplicate}`);
    const conflict = page.getByTestId('uri-account').filter({ hasText: 'Deno' });
    await conflict.getByTestId('uri-conflict').waitFor();
    expect(await page.getByTestId('uri-account').filter({ hasText: 'SPDX' }).getAttribute('data-duplicate')).toBe('true');
    expect(await page.getByTestId('uri-conflict-note').textContent()).toContain('different secret');
    expect(await conflict.getByTestId('uri-conflict-action').inputValue()).toBe('keep-both');
    await shot(page, 'import-conflict');
    await conflict.getByTestId('uri-conflict-action').selectOption('replace');
    await page.getByTestId('add-uri-submit').click();
    await page.getByTestId('add-dialog').waitFor({ state: 'detached' });
    expect(await page.getByTestId('toast').first().textContent()).toContain('Replaced the secret of Deno: Mason');
    // Still one Deno row, now with the new secret's code.
    await expect.poll(() => issuers(page)).toEqual(REFERENCE_ISSUERS);
  });

  it('a 2FAS backup dropped onto the dialog is read by its content and previewed', async () => {
    await page.getByTestId('add-account-button').click();
    await page.getByTestId('add-tab-file').click();
    const base64 = readFileSync(resolve(FIXTURES, '2fas_authenticator_plain_v4.2fas')).toString('base64');
    const dropped = await page.evaluateHandle((data) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], '2fas_authenticator_plain_v4.2fas'));
      return transfer;
    }, base64);
    await page.getByTestId('file-drop-zone').dispatchEvent('drop', { dataTransfer: dropped });
    const preview = page.getByTestId('file-preview');
    await preview.waitFor();
    expect(await preview.textContent()).toMatch(/in 2fas_authenticator_plain_v4\.2fas \(2FAS/);
    // Every account of the file is already in the list (same secrets and names): marked, unticked.
    const accounts = page.getByTestId('file-account');
    expect(await accounts.count()).toBeGreaterThanOrEqual(5);
    const duplicates = await accounts.evaluateAll((trs) => trs.filter((tr) => tr.getAttribute('data-duplicate') === 'true').length);
    const conflicts = await accounts.evaluateAll((trs) => trs.filter((tr) => tr.getAttribute('data-conflict') === 'true').length);
    // Deno's secret was replaced above: the file's Deno is now a same-name conflict, the rest duplicates.
    expect(conflicts).toBe(1);
    expect(duplicates).toBe((await accounts.count()) - 1);
    await shot(page, 'import-2fas-drop');
    // A preview is shown: closing asks first.
    await page.keyboard.press('Escape');
    await page.getByTestId('confirm-discard-changes').click();
    await page.getByTestId('add-dialog').waitFor({ state: 'detached' });
    expect(await rows(page).count()).toBe(7);
  });

  it('ran without console errors or CSP violations', () => {
    expect(app.problems).toEqual([]);
    for (const other of others) expect(other.problems).toEqual([]);
  });
});
