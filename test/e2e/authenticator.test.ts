// The authenticator as a user drives it: the built `authbahn serve` with a real keychain and a temp
// data dir, headless Chromium on the page. One account list is built up step by step, so the steps
// run in order and each checks what the user would see (codes are checked against otplib).
import { createGuardrails, generateSync } from 'otplib';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMigrationUris } from '../../shared/otp/migration';
import { openSignedOutPage, startApp, type RunningApp } from './support/app';

const ACME_SECRET = 'JBSWY3DPEHPK3PXP'; // 80 bits: below otplib's default minimum, hence the guardrails
const ACME_URI = `otpauth://totp/ACME%20Co:alice@example.com?secret=${ACME_SECRET}&issuer=ACME%20Co`;
const GITHUB_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // RFC 4226/6238 test key "12345678901234567890"
const HOTP_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 1 });

const totpAt = (secret: string, ms: number) => generateSync({ secret, epoch: Math.floor(ms / 1000), guardrails });
const hotpAt = (secret: string, counter: number) => generateSync({ strategy: 'hotp', secret, counter, guardrails });

let app: RunningApp;
let page: Page;

const rows = () => page.getByTestId('account-row');
const row = (text: string) => rows().filter({ hasText: text });
const issuers = () => page.getByTestId('account-issuer').allTextContents();

/** What the row shows, read in one go so the values belong to the same render. */
async function shownCode(r: Locator) {
  const button = r.getByTestId('account-code');
  await expect.poll(() => button.getAttribute('data-code'), { timeout: 10_000 }).not.toBe('');
  return button.evaluate((el: HTMLElement) => ({
    code: el.dataset.code ?? '',
    validFrom: Number(el.dataset.validFrom),
    counter: Number(el.dataset.counter),
    text: el.querySelector('.code-current')?.textContent ?? '',
    label: el.getAttribute('aria-label') ?? '',
  }));
}

beforeAll(async () => {
  app = await startApp();
  page = app.page;
});

afterAll(async () => {
  await app?.stop();
});

describe('authenticator (web mode, real keychain)', () => {
  it('starts with an empty state that shows every way to add an account, each opening its tab', async () => {
    await page.getByTestId('empty-state').waitFor();
    expect(await page.getByTestId('export-button').isDisabled()).toBe(true);
    expect(await page.getByTestId('app-info').textContent()).toContain(app.dataDir);
    const ways = {
      qr: ['Scan a QR code', 'screenshot', 'add-tab-qr'],
      uri: ['Paste a link', 'otpauth://', 'add-tab-uri'],
      file: ['Import from another app', 'Aegis', 'add-tab-file'],
      manual: ['Enter the secret', 'setup key', 'add-tab-manual'],
    } as const;
    for (const [method, [title, detail, tab]] of Object.entries(ways)) {
      const way = page.getByTestId(`empty-add-${method}`);
      expect(await way.textContent()).toContain(title);
      expect(await way.textContent()).toContain(detail);
      await way.click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      expect(await page.getByTestId(tab).getAttribute('aria-selected')).toBe('true');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    }
  });

  it('previews a pasted otpauth URI, imports it and shows the code otplib computes', async () => {
    await page.getByTestId('add-account-button').click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    await page.getByTestId('add-uri-input').fill(ACME_URI);
    const preview = page.getByTestId('uri-preview');
    await preview.waitFor();
    expect(await preview.textContent()).toContain('ACME Co: alice@example.com');
    expect(await preview.textContent()).toContain('80-bit secret');
    expect(await preview.textContent()).not.toContain(ACME_SECRET);

    await page.getByTestId('add-uri-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => rows().count()).toBe(1);
    const acme = row('ACME Co');
    expect(await acme.getByTestId('account-issuer').textContent()).toBe('ACME Co');
    expect(await acme.getByTestId('account-label').textContent()).toBe('alice@example.com');

    const shown = await shownCode(acme);
    const age = Date.now() - shown.validFrom;
    // The window the page shows is the current one (or the one that ended during this read).
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(60_000);
    expect(shown.code).toMatch(/^\d{6}$/);
    expect(shown.code).toBe(totpAt(ACME_SECRET, shown.validFrom));
    expect(shown.text).toBe(shown.code); // grouped in spans, no spaces in the text
    expect(shown.label.startsWith(`${shown.code}, copy code for`)).toBe(true); // the visible code is in the name (WCAG 2.5.3)
  });

  it('shows the server\'s answer in the dialog when the account already exists', async () => {
    await page.getByTestId('add-account-button').click();
    await page.getByTestId('add-uri-input').fill(ACME_URI);
    await page.getByTestId('add-uri-submit').click();
    const error = page.getByTestId('add-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('ACME Co');
    expect(await page.getByRole('dialog').count()).toBe(1);
    expect(await rows().count()).toBe(1);
    // Esc with typed input asks first; "Cancel" (focused) keeps the dialog and the text.
    await page.keyboard.press('Escape');
    const confirm = page.getByTestId('confirm-dialog');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('Discard what you entered?');
    // The Add dialog under the question is inert too, not only the page.
    expect(await page.getByTestId('add-dialog').evaluate((el) => el.closest('[inert]') !== null)).toBe(true);
    await page.keyboard.press('Enter');
    await confirm.waitFor({ state: 'detached' });
    expect(await page.getByTestId('add-uri-input').inputValue()).toBe(ACME_URI);
    expect(await page.getByTestId('add-dialog').evaluate((el) => el.closest('[inert]') === null)).toBe(true);
    // "Discard" closes both, and focus is back on the button that opened the dialog.
    await page.keyboard.press('Escape');
    await confirm.getByTestId('confirm-discard-changes').click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await page.getByTestId('add-account-button').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.evaluate(() => document.querySelector('[inert]'))).toBeNull();
  });

  it('keeps keyboard focus inside an open dialog and returns it to the opener', async () => {
    const opener = page.getByTestId('add-account-button');
    await opener.click();
    const dialog = page.getByRole('dialog');
    expect(await page.getByTestId('add-uri-input').evaluate((el) => el === document.activeElement)).toBe(true);
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press(i % 3 === 0 ? 'Shift+Tab' : 'Tab');
      expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
    // The page behind is inert while the dialog is open (the dialog itself is not).
    expect(await page.locator('.app').evaluate((el) => el.closest('[inert]') !== null)).toBe(true);
    expect(await dialog.evaluate((el) => el.closest('[inert]') === null)).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('counts down once per second with one poll for the list', async () => {
    const ring = row('ACME Co').getByTestId('countdown');
    const first = Number(await ring.getAttribute('data-seconds-left'));
    await page.waitForTimeout(2_100);
    const second = Number(await ring.getAttribute('data-seconds-left'));
    expect(first).toBeGreaterThanOrEqual(1);
    expect(first).toBeLessThanOrEqual(30);
    // Two seconds later: two less, or a new window started (back near 30).
    expect(second === first - 2 || second === first - 3 || second >= 27).toBe(true);
  });

  it('copies the code on click, says when the clipboard is cleared', async () => {
    await row('ACME Co').getByTestId('account-code').click();
    const toast = page.getByTestId('toast');
    await toast.waitFor();
    expect(await toast.textContent()).toMatch(/Copied — clears in \d+ s/);
    const clipboard = await page.evaluate(() => navigator.clipboard.readText());
    const now = Date.now();
    expect([totpAt(ACME_SECRET, now), totpAt(ACME_SECRET, now - 30_000)]).toContain(clipboard);
  });

  it('copies with the keyboard too (Enter on the focused code)', async () => {
    await page.evaluate(() => navigator.clipboard.writeText('something else'));
    await row('ACME Co').getByTestId('account-code').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/^\d{6}$/);
  });

  it('rejects a bad secret inline, then adds the account manually', async () => {
    await page.getByTestId('add-account-button').click();
    await page.getByTestId('add-tab-manual').click();
    await page.getByTestId('field-issuer').fill('GitHub');
    await page.getByTestId('field-label').fill('alice');
    await page.getByTestId('field-secret').fill('not base32!');
    await page.getByTestId('add-manual-submit').click();

    const secretField = page.getByTestId('field-secret');
    expect(await secretField.getAttribute('aria-invalid')).toBe('true');
    const error = page.locator('.field-secret').getByTestId('field-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/base32|character/i);
    expect(await rows().count()).toBe(1); // nothing was added

    await secretField.fill(GITHUB_SECRET.toLowerCase().replace(/(.{4})/g, '$1 ')); // spaced, lower case: still valid
    await error.waitFor({ state: 'detached' });
    await page.getByTestId('add-manual-submit').click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => rows().count()).toBe(2);

    const shown = await shownCode(row('GitHub'));
    expect(shown.code).toBe(totpAt(GITHUB_SECRET, shown.validFrom));
  });

  it('adds an HOTP account and advances its counter with "next code"', async () => {
    await page.getByTestId('add-account-button').click();
    await page.getByTestId('add-tab-manual').click();
    await page.getByTestId('field-issuer').fill('Crossbar Router');
    await page.getByTestId('field-label').fill('ops');
    await page.getByTestId('field-secret').fill(HOTP_SECRET);
    await page.getByTestId('field-type').selectOption('hotp');
    await page.getByTestId('field-counter').fill('5');
    await page.getByTestId('add-manual-submit').click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => rows().count()).toBe(3);

    const hotp = row('Crossbar Router');
    expect(await hotp.getByTestId('countdown').count()).toBe(0);
    const before = await shownCode(hotp);
    expect(before.code).toBe(hotpAt(HOTP_SECRET, before.counter));

    await hotp.getByTestId('account-next').click();
    await expect.poll(async () => (await shownCode(hotp)).counter).toBe(before.counter + 1);
    const after = await shownCode(hotp);
    expect(after.code).toBe(hotpAt(HOTP_SECRET, after.counter));
    expect(after.code).not.toBe(before.code);
  });

  it('filters with the search box: "/" focuses it, Esc clears it', async () => {
    await page.locator('body').click({ position: { x: 5, y: 700 } });
    await page.keyboard.press('/');
    const search = page.getByTestId('search-input');
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.keyboard.type('acme');
    await expect.poll(() => issuers()).toEqual(['ACME Co']);
    await search.fill('ALICE');
    await expect.poll(() => issuers()).toEqual(['ACME Co', 'GitHub']);
    await search.fill('zzz-nothing');
    await page.getByTestId('no-matches').waitFor();

    await page.keyboard.press('Escape');
    expect(await search.inputValue()).toBe('');
    await expect.poll(() => rows().count()).toBe(3);
  });

  it('edits the label and tags, and search finds the new tag', async () => {
    await row('ACME Co').getByTestId('account-edit').click();
    await page.getByTestId('field-label').fill('alice@acme.example');
    await page.getByTestId('field-tags').fill('work, billing');
    await page.getByTestId('edit-submit').click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => row('ACME Co').getByTestId('account-label').textContent()).toBe('alice@acme.example');

    await page.getByTestId('search-input').fill('billing');
    await expect.poll(() => issuers()).toEqual(['ACME Co']);
    await page.getByTestId('search-input').fill('');
    // The secret was left empty, so the codes are unchanged.
    const shown = await shownCode(row('ACME Co'));
    expect(shown.code).toBe(totpAt(ACME_SECRET, shown.validFrom));
  });

  it('clicking a tag filters the list by it, shows the filter with a way out, and combines with search', async () => {
    const count = () => page.getByTestId('list-count').textContent();
    await row('ACME Co').getByTestId('account-tag').filter({ hasText: 'work' }).click();
    await expect.poll(() => issuers()).toEqual(['ACME Co']);
    const filter = page.getByTestId('active-tag-filter');
    expect(await filter.textContent()).toContain('work');
    expect(await count()).toBe('1 of 3 accounts');
    expect(await row('ACME Co').getByTestId('account-tag').filter({ hasText: 'work' }).getAttribute('aria-pressed')).toBe('true');

    // With search: both must match.
    await page.getByTestId('search-input').fill('github');
    await page.getByTestId('no-matches').waitFor();
    expect(await page.getByTestId('no-matches').textContent()).toContain('tagged “work”');
    await page.getByTestId('search-input').fill('alice');
    await expect.poll(() => issuers()).toEqual(['ACME Co']);
    await page.getByTestId('search-input').fill('');

    // Clicking the active tag again turns the filter off; so does the filter bar's button.
    await row('ACME Co').getByTestId('account-tag').filter({ hasText: 'work' }).click();
    await expect.poll(() => rows().count()).toBe(3);
    expect(await filter.count()).toBe(0);
    await row('ACME Co').getByTestId('account-tag').filter({ hasText: 'billing' }).click();
    await expect.poll(() => issuers()).toEqual(['ACME Co']);
    await page.getByTestId('clear-tag-filter').click();
    await expect.poll(() => rows().count()).toBe(3);
    expect(await count()).toBe('3 accounts');
  });

  it('gives GitHub and ACME avatars clearly different colours', async () => {
    const colour = (issuer: string) => row(issuer).getByTestId('account-avatar').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await colour('GitHub')).not.toBe(await colour('ACME Co'));
    expect(await colour('GitHub')).not.toBe(await colour('Crossbar Router'));
  });

  it('reorders with the move buttons and by drag and drop, and the order persists', async () => {
    await expect.poll(() => issuers()).toEqual(['ACME Co', 'GitHub', 'Crossbar Router']);
    expect(await row('ACME Co').getByTestId('account-move-up').isDisabled()).toBe(true);

    await row('ACME Co').getByTestId('account-move-down').click();
    await expect.poll(() => issuers()).toEqual(['GitHub', 'ACME Co', 'Crossbar Router']);

    // Drag the last row onto the top half of the first one: it goes first.
    await row('Crossbar Router').getByTestId('account-drag').dragTo(row('GitHub'), { targetPosition: { x: 40, y: 6 } });
    await expect.poll(() => issuers()).toEqual(['Crossbar Router', 'GitHub', 'ACME Co']);

    // Keyboard: ↓ moves focus to the next code, Alt+↑ moves that account up and keeps it focused.
    await row('Crossbar Router').getByTestId('account-code').focus();
    await page.keyboard.press('ArrowDown');
    expect(await row('GitHub').getByTestId('account-code').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => issuers()).toEqual(['GitHub', 'Crossbar Router', 'ACME Co']);
    await expect
      .poll(() => row('GitHub').getByTestId('account-code').evaluate((el) => el === document.activeElement))
      .toBe(true);
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => issuers()).toEqual(['Crossbar Router', 'GitHub', 'ACME Co']);

    await page.reload();
    await rows().first().waitFor();
    await expect.poll(() => issuers()).toEqual(['Crossbar Router', 'GitHub', 'ACME Co']);
  });

  it('shows one account as a QR code and reveals its URI only on request', async () => {
    await row('GitHub').getByTestId('account-qr').click();
    const image = page.getByTestId('qr-image');
    await image.waitFor();
    expect(await image.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await page.getByTestId('qr-uri').count()).toBe(0);
    await page.getByTestId('qr-reveal').click();
    expect(await page.getByTestId('qr-uri').textContent()).toContain(`secret=${GITHUB_SECRET}`);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('adds a Steam Guard account, shown as 5 Steam characters', async () => {
    await page.getByTestId('add-account-button').click();
    await page.getByTestId('add-tab-manual').click();
    await page.getByTestId('field-issuer').fill('Steam');
    await page.getByTestId('field-label').fill('gaben');
    await page.getByTestId('field-secret').fill(GITHUB_SECRET);
    await page.getByTestId('field-type').selectOption('steam');
    expect(await page.getByTestId('field-digits').isDisabled()).toBe(true);
    await page.getByTestId('add-manual-submit').click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => rows().count()).toBe(4);
    const shown = await shownCode(row('Steam'));
    expect(shown.code).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
    expect(shown.text).toBe(shown.code);
  });

  it('exports every account as otpauth URIs and as Google Authenticator QR codes', async () => {
    await page.getByTestId('export-button').click();
    const uris = page.getByTestId('export-uris');
    await uris.waitFor();
    const lines = (await uris.inputValue()).trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.every((l) => l.startsWith('otpauth://'))).toBe(true);
    expect(lines.some((l) => l.includes(`secret=${ACME_SECRET}`))).toBe(true);
    expect(lines.some((l) => l.startsWith('otpauth://hotp/'))).toBe(true);

    await page.getByTestId('export-tab-migration').click();
    const qr = page.getByTestId('export-migration-qr');
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(await page.getByTestId('export-qr-page').textContent()).toBe('QR 1 of 1');
    // Google Authenticator has no Steam type: the panel says which account is missing.
    expect(await page.getByTestId('export-excluded').textContent()).toContain('Steam: gaben');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('deletes only after a confirmation that names the account, and it stays deleted', async () => {
    await row('GitHub').getByTestId('account-delete').click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain(
      'Delete GitHub: alice? Its secret is removed from the keychain. This cannot be undone.',
    );
    // Cancel keeps it.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await row('GitHub').count()).toBe(1);

    await row('GitHub').getByTestId('account-delete').click();
    await page.getByTestId('confirm-delete').click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => issuers()).toEqual(['Crossbar Router', 'ACME Co', 'Steam']);

    await page.reload();
    await rows().first().waitFor();
    await expect.poll(() => issuers()).toEqual(['Crossbar Router', 'ACME Co', 'Steam']);
  });

  it('previews every account of a Google Authenticator export before importing it', async () => {
    const params = { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 } as const;
    const { uris } = formatMigrationUris([
      { ...params, issuer: 'Hetzner', label: 'infra', secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' },
      { ...params, issuer: 'Tailscale', label: 'alice', secret: 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU' },
    ]);
    expect(uris).toHaveLength(1);

    await page.getByTestId('add-account-button').click();
    await page.getByTestId('add-uri-input').fill(uris[0]!);
    const preview = page.getByTestId('uri-preview');
    await preview.waitFor();
    expect(await preview.textContent()).toContain('Found 2 accounts in the pasted text');
    expect(await page.getByTestId('uri-account').allTextContents()).toEqual([
      expect.stringContaining('Hetzner: infra'),
      expect.stringContaining('Tailscale: alice'),
    ]);
    await page.getByTestId('add-uri-submit').click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await page.getByTestId('toast').textContent()).toContain('Imported 2 accounts');
    await expect.poll(() => issuers()).toEqual(['Crossbar Router', 'ACME Co', 'Steam', 'Hetzner', 'Tailscale']);
    const shown = await shownCode(row('Tailscale'));
    expect(shown.code).toBe(totpAt('KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU', shown.validFrom));
  });

  it('ran the whole flow without console errors or CSP violations', () => {
    expect(app.problems).toEqual([]);
  });

  it('explains what to do when opened without the login link', async () => {
    const other = await openSignedOutPage(app.baseUrl);
    try {
      const message = other.page.getByTestId('connection-error');
      await message.waitFor();
      expect(await message.textContent()).toContain('authbahn serve');
    } finally {
      await other.close();
    }
  });
});

describe('authenticator without a reachable keychain', () => {
  let broken: RunningApp;

  beforeAll(async () => {
    // No Secret Service on this bus address: the start-up probe fails, the server still serves the UI.
    broken = await startApp({ env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/authbahn-e2e-bus' } });
  });

  afterAll(async () => {
    await broken?.stop();
  });

  it('shows a red banner with the reason and does not offer to add accounts', async () => {
    const banner = broken.page.getByTestId('status-banner').filter({ hasText: 'Keychain unavailable' });
    await banner.waitFor();
    expect(await banner.getAttribute('data-kind')).toBe('error');
    expect(await broken.page.getByTestId('add-account-button').isDisabled()).toBe(true);
    expect(await broken.page.getByTestId('app-info').textContent()).toContain('unavailable');
  });
});
