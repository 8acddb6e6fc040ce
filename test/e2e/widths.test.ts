// Every section and the main dialogs at phone (360), tablet (768) and desktop (1280) widths, in the
// built web UI (`authbahn serve`, real keychain, headless Chromium): nothing scrolls sideways (the page,
// or any box inside it except code and trace blocks), no filled text box is narrower than its text,
// no text box is too narrow to use, two rows of the same issuer can be told apart on a phone, and the
// section tabs sit in the same place on every section.
// Set AUTHBAHN_E2E_SHOTS=/some/dir to also save a screenshot of every section and dialog at each width.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './support/app';

const WIDTHS = [360, 768, 1280] as const;
const SHOTS = process.env.AUTHBAHN_E2E_SHOTS;
const TICKET = 'widths-ticket-1';
const LONG_ISSUER = 'Extraordinarily Long Issuer Name Incorporated International';
const LONG_LABEL = 'first.middle.last.with-a-very-long-mailbox-name@subdomain.example-company.example.com';

const SECRETS = ['GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U', 'ONSWG4TFORZWC3DUEBTW64TFOBSXE3LF'];
const ACCOUNT_URIS = [
  `otpauth://totp/GitHub:alice@example.com?secret=${SECRETS[0]}&issuer=GitHub`,
  `otpauth://totp/GitHub:bob@example.com?secret=${SECRETS[1]}&issuer=GitHub`,
  `otpauth://totp/${encodeURIComponent(LONG_ISSUER)}:${encodeURIComponent(LONG_LABEL)}?secret=${SECRETS[2]}&issuer=${encodeURIComponent(LONG_ISSUER)}&digits=8&algorithm=SHA256`,
  `otpauth://hotp/Crossbar:ops?secret=${SECRETS[3]}&issuer=Crossbar&counter=41`,
  `otpauth://totp/Cloudflare:alice@example.com?secret=${SECRETS[4]}&issuer=Cloudflare`,
];

// A router with one ticket user, so the Tester has a real result (trace, WELCOME details, probe matrix).
const ROUTER_CONFIG = {
  version: 2,
  workers: [
    {
      type: 'router',
      realms: [
        {
          name: 'realm1',
          roles: [{ name: 'frontend', permissions: [{ uri: 'com.example.', match: 'prefix', allow: { call: true, register: false, publish: true, subscribe: true } }] }],
        },
      ],
      transports: [
        {
          type: 'websocket',
          id: 'local',
          endpoint: { type: 'tcp', port: 0, interface: '127.0.0.1' },
          serializers: ['json'],
          auth: { ticket: { type: 'static', principals: { joe: { ticket: TICKET, role: 'frontend' } } } },
        },
      ],
    },
  ],
};

let app: RunningApp;
let page: Page;
let dataDir: string;

interface LayoutReport {
  page: { scrollWidth: number; clientWidth: number };
  /** Boxes (other than code/trace blocks) that scroll sideways. */
  scrollers: string[];
  /** Filled text boxes whose text is wider than the box, or boxes narrower than 8 characters. */
  inputs: string[];
}

/**
 * What the user would see go wrong at this width. Runs in the page; `root` limits the element checks
 * to an open dialog. Code and trace blocks (<pre>, <code>, the trace JSON) may scroll: wrapping them
 * would change what is copied.
 */
async function layoutReport(p: Page, rootSelector = 'body'): Promise<LayoutReport> {
  return p.evaluate((selector) => {
    const root = document.querySelector(selector) ?? document.body;
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const describe = (el: Element) => {
      const testId = el.getAttribute('data-testid');
      const label = el.getAttribute('aria-label');
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      return `${el.tagName.toLowerCase()}${testId ? `[data-testid=${testId}]` : ''}${label ? `[aria-label="${label}"]` : ''}${cls}`;
    };
    const scrollers: string[] = [];
    for (const el of root.querySelectorAll('*')) {
      if (!visible(el) || el.matches('pre, code, textarea, .trace-json, pre *, code *')) continue;
      const overflowX = getComputedStyle(el).overflowX;
      if ((overflowX === 'auto' || overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1) {
        scrollers.push(`${describe(el)} scrolls ${el.scrollWidth} > ${el.clientWidth}`);
      }
    }
    // One "ch" in each box's own font: the minimum usable width is 8 of them.
    const chOf = (el: Element) => {
      const probe = document.createElement('span');
      probe.textContent = '0';
      probe.style.cssText = `position:absolute;visibility:hidden;white-space:pre;font:${getComputedStyle(el).font}`;
      document.body.append(probe);
      const width = probe.getBoundingClientRect().width;
      probe.remove();
      return width;
    };
    const inputs: string[] = [];
    const textTypes = new Set(['text', 'search', 'url', 'email', 'password', 'number', 'tel', '']);
    for (const el of root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')) {
      if (!visible(el)) continue;
      if (el instanceof HTMLInputElement && !textTypes.has(el.type)) continue;
      const minWidth = 8 * chOf(el);
      if (el.clientWidth < minWidth) inputs.push(`${describe(el)} is ${el.clientWidth}px wide, less than 8ch (${Math.round(minWidth)}px)`);
      if (el instanceof HTMLInputElement && el.value !== '' && el.scrollWidth > el.clientWidth + 1) {
        inputs.push(`${describe(el)} holds "${el.value}" in ${el.clientWidth}px but needs ${el.scrollWidth}px`);
      }
    }
    const page = document.scrollingElement!;
    return { page: { scrollWidth: page.scrollWidth, clientWidth: page.clientWidth }, scrollers, inputs };
  }, rootSelector);
}

async function expectFits(p: Page, where: string, rootSelector = 'body'): Promise<void> {
  const report = await layoutReport(p, rootSelector);
  expect(report.page.scrollWidth, `${where}: the page scrolls sideways`).toBeLessThanOrEqual(report.page.clientWidth);
  expect(report.scrollers, `${where}: boxes that scroll sideways`).toEqual([]);
  expect(report.inputs, `${where}: text boxes too narrow`).toEqual([]);
}

async function setWidth(p: Page, width: number): Promise<void> {
  await p.setViewportSize({ width, height: 860 });
  // Layout settles on the next frames (ResizeObserver-driven parts, transitions).
  await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

async function shot(p: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  await mkdir(SHOTS, { recursive: true });
  await p.waitForTimeout(250); // dialog/toast entry animations
  // Long pages in parts of 1400 px, so each part can be looked at in full.
  const { width, height } = await p.evaluate(() => ({ width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight }));
  for (let y = 0, part = 1; y < height; y += 1400, part++) {
    const suffix = height > 1400 ? `-part${part}` : '';
    await p.screenshot({ path: resolve(SHOTS, `${name}${suffix}.png`), fullPage: true, clip: { x: 0, y, width, height: Math.min(1400, height - y) } });
  }
}

async function openSection(key: 'authenticator' | 'router' | 'tester' | 'settings'): Promise<void> {
  await page.getByTestId(`section-${key}`).click();
  await until(() => page.getByTestId(`section-${key}`).getAttribute('aria-current'), (v) => v === 'page', `the ${key} section`);
}

/** Polls `read` until `ok` holds (expect.poll only works inside a test; this also runs in beforeAll). */
async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what} (last: ${String(value)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every frame of the trace opened: the decoded JSON is what is most likely to be wide. */
async function openTraceFrames(p: Page): Promise<void> {
  await p.evaluate(() => document.querySelectorAll<HTMLDetailsElement>('[data-testid="trace"] details').forEach((d) => (d.open = true)));
}

/** `discard`: the dialog holds typed input, so Esc asks first and "Discard" is confirmed. */
async function closeDialog(testId: string, { discard = false } = {}): Promise<void> {
  await page.keyboard.press('Escape');
  if (discard) await page.getByTestId('confirm-discard-changes').click();
  await page.getByTestId(testId).waitFor({ state: 'detached' });
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'authbahn-e2e-widths-'));
  await writeFile(join(dataDir, 'router.json'), `${JSON.stringify(ROUTER_CONFIG, null, 2)}\n`);
  app = await startApp({ dataDir });
  page = app.page;
  await page.getByTestId('empty-state').waitFor();

  // Accounts: two of the same issuer, a long issuer with a long label and 8 digits, an HOTP one.
  await page.getByTestId('add-account-button').click();
  await page.getByTestId('add-uri-input').fill(ACCOUNT_URIS.join('\n'));
  await until(() => page.getByTestId('uri-account').count(), (n) => n === ACCOUNT_URIS.length, 'the preview');
  await page.getByTestId('add-uri-submit').click();
  await page.getByTestId('add-dialog').waitFor({ state: 'detached' });
  await until(() => page.getByTestId('account-row').count(), (n) => n === ACCOUNT_URIS.length, 'the account rows');

  // Router running, and a tested profile in the Tester.
  await openSection('router');
  await page.getByRole('button', { name: 'Start router' }).click();
  const url = page.getByTestId('router-url').first();
  await until(() => url.textContent(), (t) => /^ws:\/\/127\.0\.0\.1:\d+/.test(t ?? ''), 'the router URL', 15_000);
  const routerUrl = (await url.textContent())!.trim();
  await openSection('tester');
  await page.getByTestId('profile-editor').waitFor();
  await page.getByLabel('Profile name', { exact: true }).fill('Local router (joe)');
  await page.getByLabel('Router URL', { exact: true }).fill(routerUrl);
  await page.getByLabel('Realm', { exact: true }).fill('realm1');
  await page.getByLabel('Auth method', { exact: true }).selectOption('ticket');
  await page.getByLabel('Auth ID', { exact: true }).fill('joe');
  await page.getByLabel('Ticket', { exact: true }).fill(TICKET);
  await page.getByText('Probes after joining (optional)').click();
  await page.getByLabel('Subscribe URIs', { exact: true }).fill('com.example.topic');
  await page.getByLabel('Register URIs', { exact: true }).fill('com.example.procedure');
  await page.getByRole('button', { name: 'Run test' }).click();
  const badge = page.getByTestId('result-panel').getByTestId('outcome-badge');
  await until(() => badge.getAttribute('data-outcome').catch(() => null), (o) => o === 'welcome', 'a WELCOME', 20_000);
  await openSection('authenticator');
}, 90_000);

// A failed check leaves its dialog open; the next test starts from a fresh page (the session cookie stays).
afterEach(async () => {
  if ((await page.locator('[role="dialog"]').count()) > 0) await page.reload();
});

afterAll(async () => {
  await app?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('every section fits 360, 768 and 1280 px', () => {
  for (const width of WIDTHS) {
    it(`authenticator at ${width} px`, async () => {
      await openSection('authenticator');
      await setWidth(page, width);
      await shot(page, `authenticator-${width}`);
      await expectFits(page, `authenticator ${width}`);
      // Two accounts of the same issuer: each row shows the issuer and a label that tells them apart.
      const names = await page.getByTestId('account-row').filter({ hasText: 'GitHub' }).evaluateAll((rows) =>
        rows.map((row) => {
          const label = row.querySelector<HTMLElement>('[data-testid="account-label"]')!;
          const issuer = row.querySelector<HTMLElement>('[data-testid="account-issuer"]')!;
          return {
            label: label.textContent,
            labelWidth: label.getBoundingClientRect().width,
            labelClipped: label.scrollWidth > label.clientWidth + 1,
            issuerClipped: issuer.scrollWidth > issuer.clientWidth + 1,
          };
        }),
      );
      expect(names.map((n) => n.label)).toEqual(['alice@example.com', 'bob@example.com']);
      for (const n of names) {
        expect(n.labelWidth, `${n.label} has room`).toBeGreaterThan(0);
        expect(n.labelClipped, `${n.label} is cut`).toBe(false);
        expect(n.issuerClipped, `the issuer of ${n.label} is cut`).toBe(false);
      }
    });

    it(`router at ${width} px`, async () => {
      await openSection('router');
      await page.getByTestId('router-url').first().waitFor();
      await setWidth(page, width);
      await shot(page, `router-${width}`);
      await expectFits(page, `router ${width}`);
    });

    it(`tester (a profile, its result and the "Test all" summary) at ${width} px`, async () => {
      await openSection('tester');
      await page.getByTestId('result-panel').waitFor();
      // "Test all": its summary table is the widest table of the Tester (shown until the section is left).
      await page.getByRole('button', { name: 'Test all' }).click();
      await expect.poll(() => page.getByTestId('summary-progress').textContent(), { timeout: 20_000 }).toMatch(/1 welcome/);
      await setWidth(page, width);
      await openTraceFrames(page);
      await shot(page, `tester-${width}`);
      await expectFits(page, `tester ${width}`);
      // In one column the profile list scrolls away with the page instead of covering the form.
      const position = await page.locator('.tester-sidebar').evaluate((el) => getComputedStyle(el).position);
      if (width <= 768) expect(position).toBe('static');
    });

    it(`settings at ${width} px`, async () => {
      await openSection('settings');
      await page.getByTestId('settings-screen').locator('.settings-card').first().waitFor();
      await setWidth(page, width);
      await shot(page, `settings-${width}`);
      await expectFits(page, `settings ${width}`);
    });
  }
});

describe('one page layout for every section', () => {
  it('the section tabs sit in exactly the same place on every section at 1280 px', async () => {
    await setWidth(page, 1280);
    const boxes: Record<string, unknown> = {};
    for (const key of ['authenticator', 'router', 'tester', 'settings'] as const) {
      await openSection(key);
      await page.evaluate(() => window.scrollTo(0, 0));
      boxes[key] = await page.getByRole('navigation', { name: 'Sections' }).boundingBox();
    }
    expect(boxes.router).toEqual(boxes.authenticator);
    expect(boxes.tester).toEqual(boxes.authenticator);
    expect(boxes.settings).toEqual(boxes.authenticator);
  });

  it('a long toast wraps inside its box at 360 px', async () => {
    await openSection('authenticator');
    await setWidth(page, 360);
    await page.getByTestId('add-account-button').click();
    await page.getByTestId('add-tab-manual').click();
    await page.getByTestId('field-issuer').fill(LONG_ISSUER);
    await page.getByTestId('field-label').fill(`${'y'.repeat(60)}@example.com`);
    await page.getByTestId('field-secret').fill('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJB');
    await page.getByTestId('add-manual-submit').click();
    await page.getByTestId('add-dialog').waitFor({ state: 'detached' });
    const toast = page.getByTestId('toast');
    expect(await toast.textContent()).toContain(LONG_ISSUER);
    const fit = await toast.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const message = el.querySelector('.toast-message')!.getBoundingClientRect();
      return { left: box.left, right: box.right, messageRight: message.right, scrolls: el.scrollWidth > el.clientWidth + 1, viewport: window.innerWidth };
    });
    expect(fit.left).toBeGreaterThanOrEqual(0);
    expect(fit.right).toBeLessThanOrEqual(fit.viewport);
    expect(fit.messageRight).toBeLessThanOrEqual(fit.right);
    expect(fit.scrolls).toBe(false);
    await shot(page, 'toast-360');
    await page.getByTestId('account-row').filter({ hasText: 'yyyy' }).getByTestId('account-delete').click();
    await page.getByTestId('confirm-delete').click();
    await until(() => page.getByTestId('account-row').count(), (n) => n === ACCOUNT_URIS.length, 'the deletion');
  });
});

describe('import preview ticks and button', () => {
  it('"select all" counts only importable rows, shows mixed for some, and the button names the count', async () => {
    await openSection('authenticator');
    await setWidth(page, 1280);
    await page.getByTestId('add-account-button').click();
    const fresh = (n: string, secret: string) => `otpauth://totp/Example:${n}@example.com?secret=${secret}&issuer=Example`;
    await page.getByTestId('add-uri-input').fill([fresh('one', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJC'), fresh('two', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJD'), ACCOUNT_URIS[0]].join('\n'));
    await expect.poll(() => page.getByTestId('uri-account').count()).toBe(3);
    const selectAll = page.getByTestId('uri-select-all');
    const submit = page.getByTestId('add-uri-submit');
    // Both new rows ticked by default; the duplicate cannot be ticked and does not count.
    expect(await page.getByRole('checkbox', { name: 'Import GitHub: alice@example.com' }).isDisabled()).toBe(true);
    expect(await selectAll.isChecked()).toBe(true);
    expect(await submit.textContent()).toBe('Import 2 accounts');

    await page.getByRole('checkbox', { name: 'Import Example: two@example.com' }).uncheck();
    expect(await selectAll.getAttribute('data-state')).toBe('some');
    expect(await selectAll.evaluate((el: HTMLInputElement) => el.indeterminate)).toBe(true);
    expect(await submit.textContent()).toBe('Import 1 account');

    await selectAll.click();
    expect(await selectAll.isChecked()).toBe(true);
    expect(await selectAll.evaluate((el: HTMLInputElement) => el.indeterminate)).toBe(false);
    expect(await submit.textContent()).toBe('Import 2 accounts');
    await selectAll.click();
    expect(await selectAll.isChecked()).toBe(false);
    expect(await submit.textContent()).toBe('Import');
    await closeDialog('add-dialog', { discard: true });
  });
});

describe('the main dialogs fit 360, 768 and 1280 px', () => {
  for (const width of WIDTHS) {
    it(`Add account (every tab) at ${width} px`, async () => {
      await openSection('authenticator');
      await setWidth(page, width);
      await page.getByTestId('add-account-button').click();
      const dialog = '[data-testid="add-dialog"]';
      for (const tab of ['uri', 'file', 'qr', 'manual']) {
        await page.getByTestId(`add-tab-${tab}`).click();
        // Realistic values: a one-line box cannot show an arbitrarily long name at 360 px.
        if (tab === 'manual') {
          await page.getByTestId('field-issuer').fill('Example Corp');
          await page.getByTestId('field-label').fill('carol@example.com');
        }
        await shot(page, `add-${tab}-${width}`);
        await expectFits(page, `Add account, ${tab} tab, ${width}`, dialog);
      }
      await closeDialog('add-dialog', { discard: true });
    });

    it(`import preview with a long label at ${width} px`, async () => {
      await openSection('authenticator');
      await setWidth(page, width);
      await page.getByTestId('add-account-button').click();
      // One new account with a long unbroken label, and one already in the list (a duplicate).
      const fresh = `otpauth://totp/Example:${'x'.repeat(70)}@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJA&issuer=Example`;
      await page.getByTestId('add-uri-input').fill(`${fresh}\n${ACCOUNT_URIS[0]}`);
      await expect.poll(() => page.getByTestId('uri-account').count()).toBe(2);
      await shot(page, `import-preview-${width}`);
      await expectFits(page, `import preview ${width}`, '[data-testid="add-dialog"]');
      await closeDialog('add-dialog', { discard: true });
    });

    it(`Edit account at ${width} px`, async () => {
      await openSection('authenticator');
      await setWidth(page, width);
      await page.getByTestId('account-row').filter({ hasText: 'Cloudflare' }).getByTestId('account-edit').click();
      await page.getByTestId('edit-dialog').waitFor();
      await page.getByTestId('edit-advanced').locator('summary').click();
      await shot(page, `edit-${width}`);
      await expectFits(page, `Edit account ${width}`, '[data-testid="edit-dialog"]');
      await closeDialog('edit-dialog');
    });

    it(`Export at ${width} px`, async () => {
      await openSection('authenticator');
      await setWidth(page, width);
      await page.getByTestId('export-button').click();
      const dialog = '[data-testid="export-dialog"]';
      for (const tab of ['uris', 'migration', 'aegis']) {
        await page.getByTestId(`export-tab-${tab}`).click();
        await shot(page, `export-${tab}-${width}`);
        await expectFits(page, `Export, ${tab} tab, ${width}`, dialog);
      }
      await closeDialog('export-dialog');
    });
  }
});
