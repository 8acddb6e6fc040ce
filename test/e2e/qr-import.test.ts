// QR import as a user does it in the browser: the built `authbahn serve` with the real keychain,
// headless Chromium uploading a generated 1080p screenshot that shows two authenticator QR codes
// (plus a link QR), the preview, the import, and the codes the list then shows (checked with otplib).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGuardrails, generateSync } from 'otplib';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steamCode } from '../../shared/otp/generate';
import { formatMigrationUris } from '../../shared/otp/migration';
import type { OtpAccountData } from '../../shared/otp/types';
import { blankImage, drawClutter, encodePng, LIGHT, pageWithCodes, seededRandom } from '../bench/qr/synth';
import { startApp, type RunningApp } from './support/app';

const GITHUB_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const ACME_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const GITHUB = `otpauth://totp/GitHub:octo%40example.com?secret=${GITHUB_SECRET}&issuer=GitHub`;
const ACME = `otpauth://totp/ACME%20Co:alice%40example.com?secret=${ACME_SECRET}&issuer=ACME%20Co&digits=8&algorithm=SHA256`;
const LINK = 'https://example.com/setup-help';
const STEAM_SECRET = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U';
const STEAM = `otpauth://totp/Steam:gamer?secret=${STEAM_SECRET}&issuer=Steam&encoder=steam`;
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 1 });

let app: RunningApp;
let page: Page;
let dir: string;
let pastedPng: string;
let screenshotPng: string;

const rows = () => page.getByTestId('account-row');
const row = (text: string) => rows().filter({ hasText: text });

async function shownCode(r: Locator) {
  const button = r.getByTestId('account-code');
  await expect.poll(() => button.getAttribute('data-code'), { timeout: 10_000 }).not.toBe('');
  return button.evaluate((el: HTMLElement) => ({ code: el.dataset.code ?? '', validFrom: Number(el.dataset.validFrom) }));
}

const migrationAccount = (label: string, secret: string): OtpAccountData => ({
  type: 'totp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  secret,
  issuer: 'Crossbar.io',
  label,
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'authbahn-e2e-qr-'));
  // A 1920×1080 "screenshot": UI clutter, two authenticator codes and a link code.
  const { image } = pageWithCodes(1920, 1080, LIGHT.page, [
    { text: GITHUB, cx: 420, cy: 560, module: 4 },
    { text: LINK, cx: 960, cy: 300, module: 3 },
    { text: ACME, cx: 1500, cy: 620, module: 4 },
  ]);
  const png = await encodePng(image);
  screenshotPng = png.toString('base64');
  await writeFile(join(dir, 'screenshot.png'), png);
  const exported = ['A', 'B'].map((c, i) => migrationAccount(`op${i}@example.com`, `GEZDGNBVGY3TQOJ${c}GEZDGNBVGY3TQOJQ`));
  const parts = formatMigrationUris(exported, { maxPerQr: 1, batchId: 0x0badcafe }).uris;
  await writeFile(join(dir, 'export-2.png'), await encodePng(pageWithCodes(1280, 720, LIGHT.page, [{ text: parts[1]!, cx: 640, cy: 360, module: 4 }]).image));
  const nothing = blankImage(800, 600, LIGHT.page);
  drawClutter(nothing, seededRandom(5), LIGHT, []);
  await writeFile(join(dir, 'nothing.png'), await encodePng(nothing));
  await writeFile(join(dir, 'notes.png'), 'not an image at all');
  // Dark mode: light modules on a dark page (an inverted code).
  const dark = pageWithCodes(1280, 720, [24, 26, 31], [{ text: STEAM, cx: 640, cy: 360, module: 4, fg: [220, 220, 220], bg: [24, 26, 31] }]);
  pastedPng = (await encodePng(dark.image)).toString('base64');

  app = await startApp();
  page = app.page;
});

afterAll(async () => {
  await app?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function openQrTab() {
  await page.getByTestId('add-account-button').first().click();
  await page.getByRole('tab', { name: 'Scan QR image' }).click();
  // Web mode: no screen capture here, and the tab says where it is available.
  expect(await page.getByTestId('qr-capture-screen').count()).toBe(0);
  expect(await page.getByTestId('qr-drop-zone').textContent()).toContain('screen capture is available in the desktop app');
}

describe('QR import (web mode, real keychain)', () => {
  it('imports both accounts of a screenshot with two codes and shows the codes otplib computes', async () => {
    await page.getByTestId('empty-state').waitFor();
    await openQrTab();
    await page.getByLabel('Image files with QR codes').setInputFiles(join(dir, 'screenshot.png'));

    const preview = page.getByTestId('qr-preview');
    await preview.waitFor();
    await expect.poll(() => page.getByTestId('qr-account').count(), { timeout: 20_000 }).toBe(2);
    const text = (await preview.textContent()) ?? '';
    expect(text).toContain('Found 2 accounts in 1 image');
    expect(text).toContain('GitHub: octo@example.com');
    expect(text).toContain('ACME Co: alice@example.com');
    expect(text).toContain('SHA256 · 8 digits · 30 s');
    expect(text).not.toContain(GITHUB_SECRET);
    expect(text).not.toContain(ACME_SECRET);
    // The link is shown as not importable.
    expect(await page.getByTestId('qr-other').textContent()).toContain(LINK);
    // Both new accounts are ticked by default.
    expect(await page.getByRole('checkbox', { name: 'Import GitHub: octo@example.com' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Import ACME Co: alice@example.com' }).isChecked()).toBe(true);

    await page.getByRole('button', { name: 'Import 2 accounts' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await page.getByTestId('toast').textContent()).toContain('Imported 2 accounts');
    await expect.poll(() => rows().count()).toBe(2);

    const github = await shownCode(row('GitHub'));
    expect(github.code).toBe(generateSync({ secret: GITHUB_SECRET, epoch: Math.floor(github.validFrom / 1000), guardrails }));
    const acme = await shownCode(row('ACME Co'));
    expect(acme.code).toMatch(/^\d{8}$/);
    expect(acme.code).toBe(
      generateSync({ secret: ACME_SECRET, epoch: Math.floor(acme.validFrom / 1000), algorithm: 'sha256', digits: 8, guardrails }),
    );
  });

  it('takes a dropped screenshot, marks accounts that already exist and leaves them unticked', async () => {
    await openQrTab();
    const dropped = await page.evaluateHandle((base64) => {
      const data = new DataTransfer();
      data.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], 'dropped.png', { type: 'image/png' }));
      return data;
    }, screenshotPng);
    await page.getByTestId('qr-drop-zone').dispatchEvent('drop', { dataTransfer: dropped });
    await expect.poll(() => page.getByTestId('qr-duplicate').count(), { timeout: 20_000 }).toBe(2);
    for (const name of ['GitHub: octo@example.com', 'ACME Co: alice@example.com']) {
      expect(await page.getByRole('checkbox', { name: `Import ${name}` }).isChecked()).toBe(false);
    }
    // Scanned once (the zone handled the drop; the window-wide fallback stood back).
    expect(await page.getByTestId('qr-preview').textContent()).toContain('Found 2 accounts in 1 image');
    expect(await page.getByTestId('qr-preview').textContent()).toContain('dropped.png');
    expect(await page.getByTestId('qr-import-submit').isDisabled()).toBe(true);
    // Scanned accounts are shown: closing asks first.
    await page.keyboard.press('Escape');
    await page.getByTestId('confirm-discard-changes').click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('explains unreadable images, images without codes and missing export parts', async () => {
    await openQrTab();
    await page.getByTestId('qr-file-input').setInputFiles([join(dir, 'notes.png'), join(dir, 'nothing.png'), join(dir, 'export-2.png')]);
    await expect.poll(() => page.getByTestId('qr-account').count(), { timeout: 20_000 }).toBe(1);
    const errors = await page.getByTestId('qr-scan-error').allTextContents();
    expect(errors).toEqual([expect.stringContaining('notes.png: Not a supported image file')]);
    expect(await page.getByTestId('qr-migration-missing').textContent()).toContain('Google Authenticator export 0badcafe: QR code 1 of 2 not scanned yet');
    expect(await page.getByTestId('qr-preview').textContent()).toContain('Found 1 account in 3 images');
    expect(await page.getByTestId('qr-no-code').allTextContents()).toEqual([expect.stringContaining('No QR code found in nothing.png')]);

    await page.getByTestId('qr-import-submit').click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => rows().count()).toBe(3);
    expect(app.problems).toEqual([]);
  });

  it('scans a screenshot pasted into the dialog (Ctrl+V), here a dark-mode code', async () => {
    await openQrTab();
    // What Chromium delivers for a pasted screenshot: a paste event whose clipboardData holds an image file.
    await page.evaluate((base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, pastedPng);
    await expect.poll(() => page.getByTestId('qr-account').count(), { timeout: 20_000 }).toBe(1);
    const account = page.getByTestId('qr-account');
    expect(await account.textContent()).toContain('Steam: gamer');
    expect(await account.textContent()).toContain('Pasted image');
    await page.getByTestId('qr-import-submit').click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => rows().count()).toBe(4);
    const steam = await shownCode(row('Steam'));
    expect(steam.code).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
    expect(steam.code).toBe(steamCode(STEAM_SECRET, steam.validFrom)); // otplib has no Steam mode; shared/otp is RFC-tested
    expect(app.problems).toEqual([]);
  });
});
