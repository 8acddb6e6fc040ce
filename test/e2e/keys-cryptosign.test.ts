// Keys and WAMP-Cryptosign as a user drives them (built `authbahn serve`, real keychain, headless
// Chromium): generate a key in Settings → Keys and copy its public key; start the local router from a
// router.json whose cryptosign principal names that key ({"keychain-key": "laptop"}); test it from the
// Tester with the stored key picked in the profile (WELCOME), then delete the key.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './support/app';

const ROUTER_CONFIG = {
  version: 2,
  workers: [
    {
      type: 'router',
      realms: [{ name: 'realm1', roles: [{ name: 'device', permissions: [{ uri: 'com.example.', match: 'prefix', allow: { call: true } }] }] }],
      transports: [
        {
          type: 'websocket',
          id: 'local',
          endpoint: { type: 'tcp', port: 0, interface: '127.0.0.1' },
          auth: { cryptosign: { type: 'static', principals: { laptop: { authorized_keys: [{ 'keychain-key': 'laptop' }], role: 'device' } } } },
        },
      ],
    },
  ],
};

let app: RunningApp;
let page: Page;
let dataDir: string;
let publicKey: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'authbahn-e2e-keys-'));
  await writeFile(join(dataDir, 'router.json'), `${JSON.stringify(ROUTER_CONFIG, null, 2)}\n`);
  app = await startApp({ dataDir });
  page = app.page;
});

afterAll(async () => {
  await app?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('keys and WAMP-Cryptosign (web mode)', () => {
  it('generates a key in Settings → Keys and copies its public key', async () => {
    await page.getByTestId('section-settings').click();
    const card = page.getByTestId('settings-keys');
    await card.getByLabel('Key name', { exact: true }).fill('laptop');
    await card.getByTestId('key-submit').click();
    const row = card.getByTestId('key-row');
    await row.first().waitFor();
    publicKey = (await row.first().getByTestId('key-public').textContent())!.trim();
    expect(publicKey).toMatch(/^[0-9a-f]{64}$/);
    expect(await row.first().textContent()).toContain('laptop');

    await row.first().getByTestId('key-copy').click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(publicKey);
    // keys.json holds the public key only.
    const file = await readFile(join(dataDir, 'keys.json'), 'utf8');
    expect(file).toContain(publicKey);
    expect(JSON.parse(file).keys[0]).not.toHaveProperty('seed');
  });

  it('starts the router whose principal names the key, and the tester logs in with the stored key', async () => {
    await page.getByTestId('section-router').click();
    await page.getByRole('button', { name: 'Start router' }).click();
    const url = page.getByTestId('router-url').first();
    await expect.poll(() => url.textContent(), { timeout: 15_000 }).toMatch(/^ws:\/\/127\.0\.0\.1:\d+/);
    const routerUrl = (await url.textContent())!.trim();

    await page.getByTestId('section-tester').click();
    await page.getByTestId('profile-editor').waitFor();
    await page.getByLabel('Profile name', { exact: true }).fill('Cryptosign laptop');
    await page.getByLabel('Router URL', { exact: true }).fill(routerUrl);
    await page.getByLabel('Realm', { exact: true }).fill('realm1');
    await page.getByLabel('Auth method', { exact: true }).selectOption('cryptosign');
    await page.getByLabel('Auth ID', { exact: true }).fill('laptop');
    await page.getByTestId('tester-cryptosign-key').selectOption('laptop');
    await page.getByRole('button', { name: 'Run test' }).click();

    const badge = page.getByTestId('result-panel').getByTestId('outcome-badge');
    await expect.poll(() => badge.getAttribute('data-outcome'), { timeout: 20_000 }).toBe('welcome');
    const welcome = page.getByTestId('result-panel').getByTestId('welcome-details');
    expect(await welcome.locator('tr[data-field="authmethod"] td').textContent()).toBe('cryptosign');
    expect(await welcome.locator('tr[data-field="authrole"] td').textContent()).toBe('device');
    const profiles = await readFile(join(dataDir, 'tester-profiles.json'), 'utf8');
    expect(JSON.parse(profiles).profiles[0]).toMatchObject({ authmethod: 'cryptosign', cryptosignKey: 'laptop', hasSecret: false });
  });

  it('deletes the key after confirming', async () => {
    await page.getByTestId('section-settings').click();
    const card = page.getByTestId('settings-keys');
    await card.getByTestId('key-delete').first().click();
    await page.getByTestId('key-delete-confirm').click();
    await expect.poll(() => card.getByTestId('key-row').count()).toBe(0);
    expect(JSON.parse(await readFile(join(dataDir, 'keys.json'), 'utf8')).keys).toEqual([]);
    expect(app.problems).toEqual([]);
  });
});
