#!/usr/bin/env node
// Regenerates the README screenshots from the built app: starts `authbahn serve` with a throw-away data
// dir and keychain service, then, as a user would, adds realistic accounts, copies one code, starts the
// local router (two AutobahnJS clients join, a third is refused) and tests it from the Tester. It writes
//   docs/screenshot-accounts.png           — the authenticator at 1280×800 with the "copied" toast;
//   docs/screens/SECTION-WIDTH-THEME.png   — authenticator, router, tester and settings at 360 and
//                                            1280 px wide, light and dark (16 pictures).
//
// Run inside a keyring session after `npm run build`:
//   bash test/support/with-keyring.sh node test/e2e/screenshot.mjs
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import autobahn from 'autobahn';
import { chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '..', '..');
const hero = resolve(ROOT, 'docs', 'screenshot-accounts.png');

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** A fresh 160-bit secret per run: the screenshot must not show codes of any real or published key. */
function randomSecret() {
  return Array.from(randomBytes(32), (b) => BASE32[b % 32]).join('');
}

const ACCOUNTS = [
  { issuer: 'GitHub', label: 'alice@example.com', tags: 'work' },
  { issuer: 'AWS', label: 'root@acme-prod', tags: 'prod, billing' },
  { issuer: 'Crossbar Router', label: 'ops', type: 'hotp', counter: '41' },
  { issuer: 'Cloudflare', label: 'alice@example.com', digits: '8' },
  { issuer: 'Steam', label: 'alice_gaming', type: 'steam' },
];

async function startServer(dataDir, keychainService) {
  const child = spawn(process.execPath, [join(ROOT, 'bin/authbahn.js'), 'serve', '--port', '0', '--print-url-json', '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...process.env, AUTHBAHN_KEYCHAIN_SERVICE: keychainService },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const info = await new Promise((resolveInfo, reject) => {
    const timer = setTimeout(() => reject(new Error('authbahn serve printed no URL within 20 s')), 20_000);
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return;
      clearTimeout(timer);
      lines.close();
      resolveInfo(JSON.parse(line));
    });
    child.once('exit', (code) => reject(new Error(`authbahn serve exited early with code ${code}`)));
  });
  return { info, stop: () => new Promise((r) => (child.exitCode !== null ? r() : (child.once('exit', r), child.kill('SIGTERM')))) };
}

async function addManually(page, account) {
  await page.getByTestId('add-account-button').click();
  await page.getByTestId('add-tab-manual').click();
  await page.getByTestId('field-issuer').fill(account.issuer);
  await page.getByTestId('field-label').fill(account.label);
  await page.getByTestId('field-secret').fill(randomSecret());
  if (account.type) await page.getByTestId('field-type').selectOption(account.type);
  if (account.digits) await page.getByTestId('field-digits').selectOption(account.digits);
  if (account.counter) await page.getByTestId('field-counter').fill(account.counter);
  if (account.tags) await page.getByTestId('field-tags').fill(account.tags);
  await page.getByTestId('add-manual-submit').click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
}

/** Joins with AutobahnJS; resolves the connection, or the close reason when the router refuses it. */
function wampClient(url, options) {
  return new Promise((resolveClient) => {
    const connection = new autobahn.Connection({ url, realm: 'realm1', max_retries: 0, retry_if_unreachable: false, ...options });
    connection.onopen = () => resolveClient(connection);
    connection.onclose = (reason, details) => {
      resolveClient(details?.reason ?? reason);
      return true;
    };
    connection.open();
  });
}

async function startRouterWithClients(page) {
  await page.getByTestId('section-router').click();
  await page.getByLabel('Port').fill('0');
  await page.getByRole('button', { name: 'Start router' }).click();
  await page.getByTestId('router-state').filter({ hasText: 'Running' }).waitFor();
  const url = (await page.getByTestId('router-url').first().textContent()).trim();
  const clients = [await wampClient(url, {}), await wampClient(url, {})];
  await wampClient(url, { authmethods: ['ticket'], authid: 'mallory', onchallenge: () => 'guess' });
  await page.getByTestId('router-session-row').nth(1).waitFor();
  return { url, clients };
}

async function runTesterAgainst(page, url) {
  await page.getByTestId('section-tester').click();
  await page.getByTestId('profile-editor').waitFor();
  await page.getByLabel('Profile name', { exact: true }).fill('Local dev router');
  await page.getByLabel('Router URL', { exact: true }).fill(url);
  await page.getByLabel('Realm', { exact: true }).fill('realm1');
  await page.getByText('Probes after joining (optional)').click();
  await page.getByLabel('Subscribe URIs', { exact: true }).fill('com.example.ticks');
  await page.getByLabel('Publish URIs', { exact: true }).fill('com.example.ticks');
  await page.getByRole('button', { name: 'Run test' }).click();
  await page.getByTestId('result-panel').getByTestId('outcome-badge').filter({ hasText: 'Welcome' }).waitFor();
}

const SECTIONS = ['authenticator', 'router', 'tester', 'settings'];
const WIDTHS = [
  { width: 360, height: 780 },
  { width: 1280, height: 800 },
];

/** Every section at every width in both themes: docs/screens/SECTION-WIDTH-THEME.png. */
async function captureMatrix(page) {
  const dir = resolve(ROOT, 'docs', 'screens');
  mkdirSync(dir, { recursive: true });
  for (const theme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: theme });
    for (const size of WIDTHS) {
      await page.setViewportSize(size);
      for (const section of SECTIONS) {
        await page.getByTestId(`section-${section}`).click();
        await page.evaluate(() => window.scrollTo(0, 0));
        if (section === 'tester') {
          // The result is what a reader wants to see; on narrow screens it sits below the form.
          await page.getByTestId('result-panel').evaluate((el) => window.scrollBy(0, el.getBoundingClientRect().top - 72));
        }
        await page.mouse.move(1, size.height - 1); // no hover highlight in the picture
        await page.waitForTimeout(300); // section entrance and chart resize
        const file = join(dir, `${section}-${size.width}-${theme}.png`);
        await page.screenshot({ path: file });
        console.log(`wrote ${file}`);
      }
    }
  }
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'authbahn-docs-'));
  const profile = mkdtempSync(join(tmpdir(), 'authbahn-screenshot-chromium-'));
  // A service name of its own, so even outside a private keyring session no real account is touched.
  const server = await startServer(dataDir, `authbahn-docs-screenshot-${randomBytes(4).toString('hex')}`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.AUTHBAHN_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
    viewport: WIDTHS[1],
    deviceScaleFactor: 1,
    colorScheme: 'light',
  });
  let clients = [];
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.info.origin });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(server.info.url);
    await page.getByTestId('empty-state').waitFor();
    for (const account of ACCOUNTS) await addManually(page, account);
    await page.getByTestId('account-row').nth(ACCOUNTS.length - 1).waitFor();

    // The README's first picture: mid-window, so the rings are neither full nor in their red last
    // seconds, with the toast of a copied code.
    const ring = page.getByTestId('countdown').first();
    for (;;) {
      const left = Number(await ring.getAttribute('data-seconds-left'));
      if (left >= 18 && left <= 22) break;
      await page.waitForTimeout(250);
    }
    await page.getByTestId('account-row').first().getByTestId('account-code').click();
    await page.getByTestId('toast').waitFor();
    await page.mouse.move(10, 790);
    await page.waitForTimeout(400); // toast entrance animation
    mkdirSync(dirname(hero), { recursive: true });
    await page.screenshot({ path: hero });
    console.log(`wrote ${hero}`);
    await page.getByTestId('toast').getByRole('button', { name: 'Dismiss' }).click();
    await page.getByTestId('toast').waitFor({ state: 'detached' });

    const router = await startRouterWithClients(page);
    clients = router.clients;
    await runTesterAgainst(page, router.url);
    await captureMatrix(page);

    await page.setViewportSize(WIDTHS[1]);
    await page.getByTestId('section-router').click();
    await page.getByRole('button', { name: 'Stop router' }).click();
    await page.getByTestId('section-authenticator').click();
    // Leave nothing behind in the keychain. (The section renders its list a frame after the switch.)
    await page.getByTestId('account-row').first().waitFor();
    for (let n = await page.getByTestId('account-row').count(); n > 0; n--) {
      await page.getByTestId('account-row').first().getByTestId('account-delete').click();
      await page.getByTestId('confirm-delete').click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    }
  } finally {
    // Stopping the router above already closed them; AutobahnJS throws on a second close, and a throw
    // here would skip the cleanup below and leave the browser and the server running.
    for (const c of clients) if (typeof c === 'object' && c.isOpen) c.close();
    await context.close();
    await server.stop();
    rmSync(profile, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
