// The three tools together, as a user would wire them: an authenticator account is the TOTP secret of a
// router user ({"ticket": {"totp": {"account": …}}} in router.json), the router is started from the Router
// screen, and the Tester logs in with a profile that takes its code from the same account. The first login
// joins; sending the same code again is refused as a replay, which the diagnosis says in plain words and
// the router's auth log records.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './support/app';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const ACCOUNT_URI = `otpauth://totp/Router:ann?secret=${SECRET}&issuer=Router`;

const ROUTER_CONFIG = {
  version: 2,
  workers: [
    {
      type: 'router',
      realms: [{ name: 'realm1', roles: [{ name: 'frontend', permissions: [{ uri: 'com.example.', match: 'prefix', allow: { call: true, subscribe: true } }] }] }],
      transports: [
        {
          type: 'websocket',
          id: 'local',
          endpoint: { type: 'tcp', port: 0, interface: '127.0.0.1' },
          auth: { ticket: { type: 'static', principals: { ann: { ticket: { totp: { account: 'Router:ann' } }, role: 'frontend' } } } },
        },
      ],
    },
  ],
};

let app: RunningApp;
let page: Page;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'authbahn-e2e-totp-'));
  await writeFile(join(dataDir, 'router.json'), `${JSON.stringify(ROUTER_CONFIG, null, 2)}\n`);
  app = await startApp({ dataDir });
  page = app.page;
});

afterAll(async () => {
  await app?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Both logins must fall into one 30 s step, or the second would carry a fresh code. */
async function earlyInTimeStep(): Promise<void> {
  for (;;) {
    const left = 30 - ((Date.now() / 1000) % 30);
    if (left > 15) return;
    await page.waitForTimeout(Math.ceil(left * 1000) + 100);
  }
}

describe('TOTP ticket from an authenticator account (authenticator + router + tester)', () => {
  it('logs in with the current code, then refuses the same code again', async () => {
    await page.getByTestId('add-account-button').click();
    await page.getByTestId('add-uri-input').fill(ACCOUNT_URI);
    await page.getByTestId('add-uri-submit').click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('account-row').count()).toBe(1);

    await page.getByTestId('section-router').click();
    await page.getByRole('button', { name: 'Start router' }).click();
    const urlCell = page.getByTestId('router-url').first();
    await expect.poll(() => urlCell.textContent(), { timeout: 15_000 }).toMatch(/^ws:\/\/127\.0\.0\.1:\d+/);
    const url = (await urlCell.textContent())!.trim();

    await page.getByTestId('section-tester').click();
    await page.getByTestId('profile-editor').waitFor();
    await page.getByLabel('Profile name', { exact: true }).fill('ann with TOTP');
    await page.getByLabel('Router URL', { exact: true }).fill(url);
    await page.getByLabel('Realm', { exact: true }).fill('realm1');
    await page.getByLabel('Auth method', { exact: true }).selectOption('totp');
    await page.getByLabel('Auth ID', { exact: true }).fill('ann');
    await page.getByLabel('Authenticator account', { exact: true }).selectOption({ label: 'Router: ann' });

    await earlyInTimeStep();
    const badge = page.getByTestId('result-panel').getByTestId('outcome-badge');
    await page.getByRole('button', { name: 'Run test' }).click();
    await expect.poll(() => badge.getAttribute('data-outcome'), { timeout: 20_000 }).toBe('welcome');
    const welcome = page.getByTestId('welcome-details');
    expect(await welcome.locator('tr[data-field="authid"] td').textContent()).toBe('ann');
    expect(await welcome.locator('tr[data-field="authrole"] td').textContent()).toBe('frontend');

    await page.getByRole('button', { name: 'Run test' }).click();
    await expect.poll(() => badge.getAttribute('data-outcome'), { timeout: 20_000 }).toBe('abort');
    const diagnosis = page.getByTestId('result-panel').getByTestId('diagnosis');
    expect(await diagnosis.getAttribute('data-kind')).toBe('totp_reused');
    expect(await diagnosis.textContent()).toMatch(/already|used/i);

    // The router's own log: one success, then the replay refused with its reason (and no code in it).
    await page.getByTestId('section-router').click();
    const rows = page.getByTestId('router-auth-row');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('router-auth-row').filter({ hasText: 'ann' }).first().getAttribute('data-outcome')).toBe('failure');
    expect(await page.getByTestId('router-auth-log').textContent()).toContain('already been used');
    expect(app.problems).toEqual([]);
  });
});
