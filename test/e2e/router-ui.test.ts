// The Router page's layout and editor as a user meets them (issue 13, and issue 12's cryptosign
// principals): no sideways scrolling at 360/768/1280 px, labelled principal fields, the keychain item
// name following a renamed principal until a ticket is stored and a visible "stored" mark, problems of
// a refused Save shown (and focused) next to the Save button with links to their fields, cryptosign
// principals edited from the app's stored keys into the saved router.json, and zero axe-core violations
// in light and dark. Drives the built `authbahn serve` in headless Chromium with the real keychain.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startApp, type RunningApp } from './support/app';

let app: RunningApp;
let page: Page;

const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core on the current page; evaluated through the devtools protocol, which the page's CSP does not block. */
async function axeViolations(): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  // Colours mid-transition (a theme switch, a hovered button) are no state a user reads: let them settle.
  await page.mouse.move(0, 0);
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: () => Promise<{ violations: AxeViolation[] }> } }).axe.run();
    return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Sideways scroll of the page, and text boxes squeezed narrower than a few characters. */
async function layoutProblems(): Promise<{ scrollWidth: number; clientWidth: number; narrow: string[] }> {
  return page.evaluate(() => {
    const root = document.scrollingElement!;
    const narrow = [...document.querySelectorAll<HTMLElement>('main input:not([type=checkbox]):not([type=radio]), main select, main textarea')]
      .filter((el) => el.offsetParent !== null && el.getBoundingClientRect().width < 64)
      .map((el) => `${el.getAttribute('aria-label') ?? el.id}: ${Math.round(el.getBoundingClientRect().width)}px`);
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, narrow };
  });
}

const routerJson = () => JSON.parse(readFileSync(join(app.dataDir, 'router.json'), 'utf8')) as { workers: [{ transports: [{ auth: Record<string, { principals: Record<string, unknown> }> }] }] };

beforeAll(async () => {
  app = await startApp();
  page = app.page;
});

afterAll(async () => {
  await app?.stop();
});

describe('router page layout and editor (web mode)', () => {
  it('makes a stored key in Settings → Keys (for the cryptosign principal below)', async () => {
    await page.getByTestId('section-settings').click();
    const card = page.getByTestId('settings-keys');
    await card.getByLabel('Key name', { exact: true }).fill('laptop');
    await card.getByTestId('key-submit').click();
    await card.getByTestId('key-row').first().waitFor();
    await page.getByTestId('section-router').click();
    await page.getByRole('heading', { name: 'Realms and roles' }).waitFor();
  });

  it('labels every ticket principal field visibly, and its keychain item follows a rename until a ticket is stored', async () => {
    await page.getByLabel('Ticket logins on local').check();
    await page.getByRole('button', { name: 'Add ticket principal' }).click();
    const principal = page.getByRole('group', { name: 'Ticket principal user1' });
    // Visible labels, not just aria-labels: the text is on screen and getByLabel finds the control.
    for (const label of ['Auth ID', 'Role', 'Ticket from', 'Keychain item', 'New ticket']) {
      expect(await principal.locator('label').filter({ hasText: label }).first().isVisible(), label).toBe(true);
    }
    await page.getByLabel('Auth ID of ticket principal 1').fill('alice');
    const keychainItem = page.getByLabel('Keychain item of ticket principal alice');
    await expect.poll(() => keychainItem.inputValue()).toBe('local-ticket-alice');
    const state = page.getByRole('group', { name: 'Ticket principal alice' }).getByTestId('router-secret-state');
    await expect.poll(() => state.getAttribute('data-stored')).toBe('false');
    expect(await state.textContent()).toContain('Not stored yet');

    await page.getByLabel('New ticket for ticket principal alice').fill('alice-ticket');
    await page.getByRole('button', { name: 'Store in keychain (ticket principal alice)' }).click();
    await expect.poll(() => state.getAttribute('data-stored')).toBe('true');
    expect(await state.textContent()).toContain('Stored in keychain');

    // Once a ticket is stored under it, a rename keeps the name: the config still points at the secret.
    await page.getByLabel('Auth ID of ticket principal 1').fill('alicia');
    await expect.poll(() => page.getByLabel('Keychain item of ticket principal alicia').inputValue()).toBe('local-ticket-alice');
    await expect.poll(() => page.getByRole('group', { name: 'Ticket principal alicia' }).getByTestId('router-secret-state').getAttribute('data-stored')).toBe('true');
  });

  it('edits a cryptosign principal from a stored key and a hex key, and saves it into router.json', async () => {
    await page.getByLabel('Cryptosign logins on local').check();
    await page.getByRole('button', { name: 'Add cryptosign principal' }).click();
    await page.getByLabel('Auth ID of cryptosign principal 1').fill('laptop-client');
    const owner = 'cryptosign principal laptop-client';
    await expect.poll(() => page.getByLabel(`Stored key (key 1 of ${owner})`).inputValue()).toBe('laptop');
    await page.getByRole('button', { name: `Add key to ${owner}` }).click();
    await page.getByLabel(`Key source of key 2 of ${owner}`).selectOption('hex');
    const hex = '5'.repeat(64);
    await page.getByLabel(`Public key (key 2 of ${owner})`).fill(hex);
    await page.getByRole('button', { name: 'Save config' }).click();
    await expect.poll(() => page.getByText('Unsaved changes').count()).toBe(0);

    const auth = routerJson().workers[0].transports[0].auth;
    expect(auth.cryptosign).toEqual({ type: 'static', principals: { 'laptop-client': { authorized_keys: [{ 'keychain-key': 'laptop' }, hex], role: 'anonymous' } } });
    expect(auth.ticket!.principals).toEqual({ alicia: { ticket: { keychain: 'local-ticket-alice' }, role: 'anonymous' } });
    // Saved: the "Created router.json…" notice is history now.
    expect(await page.getByTestId('router-config-notice').count()).toBe(0);

    // And back: the saved config shows in the editor as saved.
    await page.reload();
    await page.getByRole('heading', { name: 'Realms and roles' }).waitFor();
    await expect.poll(() => page.getByLabel(`Public key (key 2 of ${owner})`).inputValue()).toBe(hex);
    expect(await page.getByLabel(`Stored key (key 1 of ${owner})`).inputValue()).toBe('laptop');
  });

  it('shows the problems of a refused Save next to the Save button, focused, each linking to its field', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const owner = 'cryptosign principal laptop-client';
    await page.getByLabel(`Public key (key 2 of ${owner})`).fill('abc');
    // The field is far below the Save button: scroll down to it, as a user editing it would be.
    await page.getByRole('button', { name: 'Save config' }).click();
    const summary = page.getByTestId('router-issue-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('was not saved');
    expect(await summary.textContent()).toContain('authorized_keys[1]');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('router-issue-summary');
    // In the viewport, above the editor.
    const box = (await summary.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + Math.min(box.height, 40)).toBeLessThanOrEqual(800);
    const editorTop = (await page.getByRole('tablist', { name: 'Config view' }).boundingBox())!.y;
    expect(box.y).toBeLessThan(editorTop);
    // The link moves focus to the field, which shows the problem inline.
    await summary.getByRole('button', { name: /authorized_keys\[1\]/ }).click();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent)).toContain(
      `Public key (key 2 of ${owner})`,
    );
    expect(await page.getByLabel(`Public key (key 2 of ${owner})`).getAttribute('aria-invalid')).toBe('true');
    expect(readFileSync(join(app.dataDir, 'router.json'), 'utf8')).not.toContain('"abc"');
  });

  it('labels a JSON syntax error of the draft as such, and its link selects the line in the JSON view', async () => {
    await page.getByRole('tab', { name: 'JSON' }).click();
    const editor = page.getByLabel('Router config (JSON)');
    const text = await editor.inputValue();
    await editor.fill(text.replace('"version": 2,', '"version": 2,,'));
    await page.getByRole('button', { name: 'Save config' }).click();
    const summary = page.getByTestId('router-issue-summary');
    await expect.poll(() => summary.textContent()).toMatch(/Draft: not valid JSON at line 2, column \d+/);
    expect(await summary.textContent()).not.toContain('(file)');
    await summary.getByRole('button', { name: /Draft: not valid JSON/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('router-config-json');
    const caret = await editor.evaluate((el: HTMLTextAreaElement) => el.value.slice(0, el.selectionStart).split('\n').length);
    expect(caret).toBe(2);
    await page.getByRole('button', { name: 'Revert' }).click();
    expect(await summary.count()).toBe(0);
    await page.getByRole('tab', { name: 'Editor' }).click();
  });

  it('never scrolls sideways at 360, 768 and 1280 px, with no squeezed text boxes', async () => {
    // Every editor part on screen: permissions, ticket, WAMP-CRA and cryptosign principals.
    await page.getByLabel('WAMP-CRA logins on local').check();
    await page.getByRole('button', { name: 'Add WAMP-CRA user' }).click();
    for (const width of [360, 768, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await expect.poll(async () => (await layoutProblems()).scrollWidth, { message: `width ${width}` }).toBeLessThanOrEqual(width);
      const { scrollWidth, clientWidth, narrow } = await layoutProblems();
      expect(scrollWidth, `width ${width}`).toBeLessThanOrEqual(clientWidth);
      expect(narrow, `width ${width}`).toEqual([]);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("keeps table timestamps on one line at 360 px, and each session's disconnect button beside its id", async () => {
    await page.getByLabel('Port').fill('0');
    await page.getByRole('button', { name: 'Start router' }).click();
    await expect.poll(() => page.getByTestId('router-state').textContent(), { timeout: 10_000 }).toBe('Running');
    // A refused login makes an auth log row (no client library needed: a ticket login without a ticket is refused).
    const url = (await page.getByTestId('router-url').first().textContent())!.trim();
    await new Promise<void>((resolve) => {
      const ws = new WebSocket(url, ['wamp.2.json']);
      const done = setTimeout(() => ws.terminate(), 5000);
      ws.on('open', () => ws.send(JSON.stringify([1, 'realm1', { roles: { caller: {} }, authmethods: ['ticket'], authid: 'nobody' }])));
      ws.on('message', () => ws.send(JSON.stringify([5, 'wrong', {}])));
      ws.on('close', () => {
        clearTimeout(done);
        resolve();
      });
      ws.on('error', () => undefined);
    });
    // And a live session, for its stacked row.
    const session = new WebSocket(url, ['wamp.2.json']);
    await new Promise<void>((resolve, reject) => {
      session.on('open', () => session.send(JSON.stringify([1, 'realm1', { roles: { caller: {} } }])));
      session.on('message', () => resolve());
      session.on('error', reject);
    });
    await page.setViewportSize({ width: 360, height: 800 });
    const time = page.getByTestId('router-auth-row').first().locator('time');
    await time.waitFor();
    const box = (await time.boundingBox())!;
    const lineHeight = await time.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || 20);
    expect(box.height).toBeLessThan(lineHeight * 1.5);
    // The stacked session block has its disconnect button beside the session id, clear of the id's text,
    // not on a line of its own under the last value.
    const row = page.getByTestId('router-session-row').first();
    const kill = row.getByRole('button', { name: /^Disconnect session/ });
    const killBox = (await kill.boundingBox())!;
    const idText = await row.locator('td').first().evaluate((td) => {
      const range = document.createRange();
      range.selectNodeContents(td);
      const r = range.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, right: r.right };
    });
    const killMiddle = killBox.y + killBox.height / 2;
    expect(killMiddle).toBeGreaterThan(idText.top - 8);
    expect(killMiddle).toBeLessThan(idText.bottom + 8);
    expect(killBox.x).toBeGreaterThanOrEqual(idText.right);
    session.close();
    await page.getByRole('button', { name: 'Stop router' }).click();
    await expect.poll(() => page.getByTestId('router-state').textContent(), { timeout: 10_000 }).toBe('Stopped');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('has no axe-core violations, in light and dark, with the editor full and with a problem summary', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await axeViolations(), scheme).toEqual([]);
    }
    // With problems shown (summary, inline errors) too.
    const owner = 'cryptosign principal laptop-client';
    await page.getByLabel(`Public key (key 2 of ${owner})`).fill('abc');
    await page.getByRole('button', { name: 'Save config' }).click();
    await page.getByTestId('router-issue-summary').waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await axeViolations(), `${scheme} with problems`).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    expect(app.problems).toEqual([]);
    // Four full axe runs over a long page: generous on a loaded machine (not a performance assertion).
  }, 90_000);
});
