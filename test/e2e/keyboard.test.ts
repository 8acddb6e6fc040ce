// Keyboard only (issue 13): the built `authbahn serve` with a real keychain, driven through
// page.keyboard alone — no clicks, no locator.focus(). Adds two accounts, searches and copies a code,
// edits (Esc asks before discarding), deletes, starts the local router and runs a Tester test against
// it. Along the way it checks where focus is and that each list is a single Tab stop.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createGuardrails, generateSync } from 'otplib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './support/app';

const KEYB_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const ACME_URI = 'otpauth://totp/ACME%20Co:alice@example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=ACME%20Co';
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 1 });

let app: RunningApp;
let page: Page;

/** What has focus: its test id, the test id of the nearest ancestor that has one, and its role/name. */
function focus() {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { testId: null, within: [] as string[], role: null, label: null, tag: 'BODY' };
    const within: string[] = [];
    for (let p = el.parentElement; p; p = p.parentElement) if (p.dataset.testid) within.push(p.dataset.testid);
    return {
      testId: el.dataset.testid ?? null,
      within,
      role: el.getAttribute('role'),
      label: el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 80) ?? null,
      tag: el.tagName,
    };
  });
}

/** Press Tab (or Shift+Tab) until the focused element has `testId`; fails after `max` presses. */
async function tabTo(testId: string, { shift = false, max = 40 } = {}) {
  for (let i = 0; i < max; i++) {
    if ((await focus()).testId === testId) return i;
    await page.keyboard.press(shift ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab did not reach ${testId} within ${max} presses (at ${JSON.stringify(await focus())})`);
}

/** Focusable elements of a list that Tab stops at (tabindex ≥ 0, not disabled, visible). */
function tabStops(testId: string) {
  return page.evaluate((id) => {
    const root = document.querySelector(`[data-testid="${id}"]`)!;
    const all = root.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href], [tabindex]');
    return Array.from(all).filter((el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0).length;
  }, testId);
}

/** The account the focused element belongs to (its row's label). */
function focusedAccount() {
  return page.evaluate(() => document.activeElement?.closest('[data-testid="account-row"]')?.querySelector('[data-testid="account-label"]')?.textContent ?? null);
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** The ARIA rules the roving lists must satisfy (roles, owned children, no nested widgets), on `selector`. */
const ARIA_RULES = ['aria-required-children', 'aria-required-parent', 'aria-allowed-role', 'aria-allowed-attr', 'aria-valid-attr-value', 'nested-interactive', 'aria-command-name', 'aria-input-field-name'];
async function ariaViolations(selector: string) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    async ({ selector, rules }) => {
      const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
      const result = await axe.run(selector, { runOnly: { type: 'rule', values: rules } });
      return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
    },
    { selector, rules: ARIA_RULES },
  );
}

const totpNear = (secret: string) => {
  const now = Math.floor(Date.now() / 1000);
  return [-30, 0, 30].map((d) => generateSync({ secret, epoch: now + d, guardrails }));
};

beforeAll(async () => {
  app = await startApp();
  page = app.page;
  await page.getByTestId('empty-state').waitFor();
});

afterAll(async () => {
  await app?.stop();
});

describe('keyboard only (web mode, real keychain)', () => {
  it('adds an account by hand: Add account, the "Enter manually" tab, the fields, Enter', async () => {
    await tabTo('add-account-button');
    await page.keyboard.press('Enter');
    await page.getByTestId('add-dialog').waitFor();
    expect((await focus()).testId).toBe('add-uri-input');

    // Shift+Tab reaches the tab list; End picks the last tab ("Enter manually"), Tab enters its panel.
    await page.keyboard.press('Shift+Tab');
    expect((await focus()).testId).toBe('add-tab-uri');
    await page.keyboard.press('End');
    expect((await focus()).testId).toBe('add-tab-manual');
    await page.keyboard.press('Tab');
    expect((await focus()).testId).toBe('field-issuer');
    await page.keyboard.type('Keyboard Co');
    await page.keyboard.press('Tab');
    expect((await focus()).testId).toBe('field-label');
    await page.keyboard.type('kim@example.com');
    await tabTo('field-secret', { max: 6 });
    await page.keyboard.type(KEYB_SECRET);
    await page.keyboard.press('Enter');

    await page.getByTestId('add-dialog').waitFor({ state: 'detached' });
    await page.getByTestId('account-row').first().waitFor();
    // Focus is back on the button that opened the dialog.
    expect((await focus()).testId).toBe('add-account-button');
  });

  it('adds a second account by pasting its URI (Ctrl+Enter imports)', async () => {
    await page.keyboard.press('Enter');
    await page.getByTestId('add-dialog').waitFor();
    expect((await focus()).testId).toBe('add-uri-input');
    await page.keyboard.insertText(ACME_URI);
    await expect.poll(() => page.getByTestId('add-uri-submit').isEnabled()).toBe(true);
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('add-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('account-row').count()).toBe(2);
  });

  it('makes the account list a single Tab stop that search leads into', async () => {
    expect(await tabStops('account-list')).toBe(1);
    expect(await ariaViolations('[data-testid="account-list"]')).toEqual([]);
    await page.keyboard.press('/');
    expect((await focus()).testId).toBe('search-input');
    // Tab from the search box goes straight to the list (not to Export, Add account or a banner)…
    await page.keyboard.press('Tab');
    const inList = await focus();
    expect(inList.within).toContain('account-list');
    expect(inList.testId).toBe('account-code');
    expect(await focusedAccount()).toBe('kim@example.com');
    // …and the next Tab leaves it: one stop for the whole list, not six per row.
    await page.keyboard.press('Tab');
    expect((await focus()).within).not.toContain('account-list');
    await page.keyboard.press('Shift+Tab');
    expect((await focus()).testId).toBe('account-code');

    // ↓/↑ move between accounts, Home/End to the ends; the Tab stop follows.
    await page.keyboard.press('ArrowDown');
    expect(await focusedAccount()).toBe('alice@example.com');
    await page.keyboard.press('Home');
    expect(await focusedAccount()).toBe('kim@example.com');
    await page.keyboard.press('End');
    expect(await focusedAccount()).toBe('alice@example.com');
    expect((await focus()).testId).toBe('account-code');
    expect(await tabStops('account-list')).toBe(1);
    await page.keyboard.press('ArrowUp');
    expect(await focusedAccount()).toBe('kim@example.com');
  });

  it('searches and copies: "/", a few letters, Enter copies the only match; ↓ moves into the results', async () => {
    await page.keyboard.press('/');
    expect((await focus()).testId).toBe('search-input');
    await page.keyboard.type('keyb');
    await expect.poll(() => page.getByTestId('account-row').count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('toast').last().textContent()).toContain('Copied');
    expect(totpNear(KEYB_SECRET)).toContain(await page.evaluate(() => navigator.clipboard.readText()));
    expect((await focus()).testId).toBe('search-input');

    await page.evaluate(() => navigator.clipboard.writeText(''));
    await page.keyboard.press('ArrowDown');
    expect((await focus()).testId).toBe('account-code');
    expect(await focusedAccount()).toBe('kim@example.com');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).not.toBe('');
    expect(totpNear(KEYB_SECRET)).toContain(await page.evaluate(() => navigator.clipboard.readText()));

    // Esc in the search box clears it; the whole list is back.
    await page.keyboard.press('/');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('account-row').count()).toBe(2);
  });

  it('edits: → reaches the row actions, Esc asks before discarding changes, Enter saves', async () => {
    await page.keyboard.press('Tab');
    expect(await focusedAccount()).toBe('kim@example.com');
    // → from the code: QR, then Edit.
    await page.keyboard.press('ArrowRight');
    expect((await focus()).testId).toBe('account-qr');
    await page.keyboard.press('ArrowRight');
    expect((await focus()).testId).toBe('account-edit');

    // Esc without changes closes at once.
    await page.keyboard.press('Enter');
    await page.getByTestId('edit-dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('edit-dialog').waitFor({ state: 'detached' });
    expect((await focus()).testId).toBe('account-edit');

    await page.keyboard.press('Enter');
    await page.getByTestId('edit-dialog').waitFor();
    await tabTo('field-label', { max: 4 });
    await page.keyboard.press('Control+A');
    await page.keyboard.type('kim@work.example');

    // Esc with a change asks; "Cancel" (focused) keeps editing, with focus back in the field.
    await page.keyboard.press('Escape');
    const confirm = page.getByTestId('confirm-dialog');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('Discard unsaved changes?');
    expect((await focus()).label).toBe('Cancel');
    await page.keyboard.press('Enter');
    await confirm.waitFor({ state: 'detached' });
    expect((await focus()).testId).toBe('field-label');
    expect(await page.getByTestId('field-label').inputValue()).toBe('kim@work.example');

    // Enter in the field saves.
    await page.keyboard.press('Enter');
    await page.getByTestId('edit-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('account-label').allTextContents()).toContain('kim@work.example');
    expect((await focus()).testId).toBe('account-edit');
    expect(await focusedAccount()).toBe('kim@work.example');
  });

  it('deletes after confirming, and focus stays in the list', async () => {
    await page.keyboard.press('ArrowRight');
    expect((await focus()).testId).toBe('account-delete');
    await page.keyboard.press('Enter');
    const confirm = page.getByTestId('confirm-dialog');
    await confirm.waitFor();
    expect((await focus()).label).toBe('Cancel');
    await page.keyboard.press('Tab');
    expect((await focus()).testId).toBe('confirm-delete');
    await page.keyboard.press('Enter');
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('account-row').count()).toBe(1);
    // The deleted row's button is gone: focus moves to the remaining account, not to <body>.
    await expect.poll(async () => (await focus()).within).toContain('account-list');
    expect(await focusedAccount()).toBe('alice@example.com');
    expect(await tabStops('account-list')).toBe(1);
  });

  it('switches to Router and starts it', async () => {
    await tabTo('section-router', { shift: true });
    await page.keyboard.press('Enter');
    await page.getByTestId('router-state').waitFor();
    await tabTo('router-start', { max: 30 });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('router-url').first().textContent(), { timeout: 15_000 }).toMatch(/^ws:\/\/127\.0\.0\.1:\d+/);
  });

  it('switches to Tester and runs a test against the local router', async () => {
    const routerUrl = (await page.getByTestId('router-url').first().textContent())!.trim();
    await tabTo('section-tester', { shift: true, max: 60 });
    await page.keyboard.press('Enter');
    await page.getByTestId('profile-editor').waitFor();

    await tabTo('tester-name');
    await page.keyboard.type('Local (keyboard)');
    await tabTo('tester-url', { max: 6 });
    await page.keyboard.press('Control+A');
    await page.keyboard.type(routerUrl);
    await tabTo('tester-run', { max: 40 });
    await page.keyboard.press('Enter');

    const badge = page.getByTestId('result-panel').getByTestId('outcome-badge');
    await expect.poll(() => badge.getAttribute('data-outcome'), { timeout: 20_000 }).toBe('welcome');

    // The saved profile is in the profile list, a listbox with one Tab stop (its selected option).
    await page.getByTestId('profile-item').first().waitFor();
    expect(await tabStops('profile-list')).toBe(1);
    expect(await ariaViolations('[data-testid="profile-list"]')).toEqual([]);
    // Its run history is a data grid with one Tab stop too.
    await page.getByTestId('history-row').first().waitFor();
    expect(await tabStops('history-list')).toBe(1);
    expect(await ariaViolations('[data-testid="history-list"]')).toEqual([]);
    await tabTo('profile-item', { shift: true, max: 40 });
    expect((await focus()).role).toBe('option');
    expect(app.problems).toEqual([]);
  });
});
