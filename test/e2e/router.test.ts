// The Router screen as a user drives it: the built `authbahn serve` (web mode, real keychain) runs the
// router in its own process; headless Chromium starts and stops it, edits router.json, and watches the
// sessions and auth log while a real AutobahnJS client connects from this test.
import autobahn from 'autobahn';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './support/app';

let app: RunningApp;
let page: Page;
const open: autobahn.Connection[] = [];

interface Joined {
  joined: boolean;
  reason?: string;
  connection: autobahn.Connection;
}

function join_(url: string, login: { authid?: string; ticket?: string } = {}): Promise<Joined> {
  return new Promise((resolve) => {
    let settled = false;
    const connection = new autobahn.Connection({
      url,
      realm: 'realm1',
      max_retries: 0,
      retry_if_unreachable: false,
      ...(login.ticket !== undefined ? { authmethods: ['ticket'], authid: login.authid, onchallenge: () => login.ticket } : {}),
    } as unknown as autobahn.IConnectionOptions);
    connection.onopen = () => {
      settled = true;
      open.push(connection);
      resolve({ joined: true, connection });
    };
    connection.onclose = (_reason, details: Record<string, unknown>) => {
      if (!settled) {
        settled = true;
        resolve({ joined: false, reason: details.reason as string, connection });
      }
      return true;
    };
    connection.open();
  });
}

const state = () => page.getByTestId('router-state');
const sessionRows = () => page.getByTestId('router-session-row');
const authRows = () => page.getByTestId('router-auth-row');

beforeAll(async () => {
  app = await startApp();
  page = app.page;
});

afterAll(async () => {
  for (const c of open) if (c.isOpen) c.close();
  await app?.stop();
});

describe('router screen (web mode)', () => {
  it('opens from the section nav with a stopped router and the default config', async () => {
    await page.getByTestId('section-router').click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#section=router');
    await expect.poll(() => state().textContent()).toBe('Stopped');
    await expect.poll(() => page.getByLabel('Port').inputValue()).toBe('8080');
    expect(await page.getByRole('heading', { name: 'Realms and roles' }).isVisible()).toBe(true);
    expect(await page.getByLabel('Realm name').inputValue()).toBe('realm1');
  });

  let url = '';
  it('starts the router on a free port and shows where it listens', async () => {
    await page.getByLabel('Port').fill('0');
    await page.getByRole('button', { name: 'Start router' }).click();
    await expect.poll(() => state().textContent(), { timeout: 10_000 }).toBe('Running');
    url = (await page.getByTestId('router-url').first().textContent()) ?? '';
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/ws$/);
    expect(url).not.toContain(':0/');
    expect(await page.getByRole('button', { name: 'Stop router' }).isEnabled()).toBe(true);
    // The port was saved to router.json in the data dir.
    const saved = JSON.parse(readFileSync(join(app.dataDir, 'router.json'), 'utf8')) as { workers: [{ transports: [{ endpoint: { port: number } }] }] };
    expect(saved.workers[0].transports[0].endpoint.port).toBe(0);
  });

  it('shows an anonymous AutobahnJS session live and logs its login', async () => {
    const client = await join_(url);
    expect(client.joined).toBe(true);
    await expect.poll(() => sessionRows().count(), { timeout: 10_000 }).toBe(1);
    const row = await sessionRows().first().textContent();
    expect(row).toContain('realm1');
    expect(row).toContain('anonymous');
    await expect.poll(() => authRows().count()).toBe(1);
    expect(await authRows().first().getAttribute('data-outcome')).toBe('success');
    expect(await authRows().first().textContent()).toContain('Success');

    client.connection.close();
    await expect.poll(() => sessionRows().count(), { timeout: 10_000 }).toBe(0);
  });

  it('adds a ticket principal whose ticket goes to the keychain, not into router.json', async () => {
    await page.getByLabel('Ticket logins on local').check();
    await page.getByRole('button', { name: 'Add ticket principal' }).click();
    const authid = page.getByLabel('Auth ID of ticket principal 1');
    await authid.fill('joe');
    // Nothing stored yet: the suggested keychain item name follows the renamed principal.
    await expect.poll(() => page.getByLabel('Keychain item of ticket principal joe').inputValue()).toBe('local-ticket-joe');
    await page.getByLabel('New ticket for ticket principal joe').fill('joe-secret-ticket');
    await page.getByRole('button', { name: 'Store in keychain' }).click();
    await expect.poll(() => page.getByTestId('toast').textContent()).toContain('router:local-ticket-joe');

    await page.getByRole('button', { name: 'Save config' }).click();
    await expect.poll(() => page.getByText('Unsaved changes').count()).toBe(0);
    const text = readFileSync(join(app.dataDir, 'router.json'), 'utf8');
    expect(text).toContain('"keychain": "local-ticket-joe"');
    expect(text).not.toContain('joe-secret-ticket');
    // Saved while running: applies on the next start.
    await expect.poll(() => page.getByRole('note').textContent()).toContain('stop and start');
    await page.getByRole('button', { name: 'Stop router' }).click();
    await expect.poll(() => state().textContent(), { timeout: 10_000 }).toBe('Stopped');
    await page.getByRole('button', { name: 'Start router' }).click();
    await expect.poll(() => state().textContent(), { timeout: 10_000 }).toBe('Running');
    url = (await page.getByTestId('router-url').first().textContent()) ?? '';
  });

  it('logs a wrong ticket as a failure with its reason, and the right one as a session', async () => {
    const before = await authRows().count();
    const bad = await join_(url, { authid: 'joe', ticket: 'not-the-ticket' });
    expect(bad.joined).toBe(false);
    expect(bad.reason).toBe('wamp.error.not_authorized');
    await expect.poll(() => authRows().count(), { timeout: 10_000 }).toBe(before + 1);
    const failure = authRows().first();
    expect(await failure.getAttribute('data-outcome')).toBe('failure');
    const failureText = (await failure.textContent()) ?? '';
    expect(failureText).toContain('joe');
    expect(failureText).toContain('ticket');
    expect(failureText).toContain('Failure');
    expect(failureText).toContain('wamp.error.not_authorized');
    expect(failureText).not.toContain('not-the-ticket');

    const good = await join_(url, { authid: 'joe', ticket: 'joe-secret-ticket' });
    expect(good.joined).toBe(true);
    await expect.poll(() => sessionRows().count(), { timeout: 10_000 }).toBe(1);
    expect(await sessionRows().first().textContent()).toContain('joe');
    expect(await authRows().first().getAttribute('data-outcome')).toBe('success');
  });

  it('shows JSON errors by path and saves nothing until they are fixed', async () => {
    await page.getByRole('tab', { name: 'JSON' }).click();
    const editor = page.getByLabel('Router config (JSON)');
    const text = await editor.inputValue();
    await editor.fill(text.replace('"realm1"', '"not a realm"'));
    const issues = page.getByTestId('router-config-issues');
    await expect.poll(() => issues.textContent(), { timeout: 5_000 }).toContain('workers[0].realms[0].name');
    await page.getByRole('button', { name: 'Save config' }).click();
    await expect.poll(() => page.getByTestId('router-issue-summary').textContent()).toContain('was not saved');
    expect(readFileSync(join(app.dataDir, 'router.json'), 'utf8')).toContain('"realm1"');
    await page.getByRole('button', { name: 'Revert' }).click();
    await expect.poll(() => issues.count()).toBe(0);
    expect(await editor.inputValue()).toBe(text);
  });

  it('keeps an unsaved draft across a switch to another section, without saving it', async () => {
    await page.getByRole('tab', { name: 'JSON' }).click();
    const editor = page.getByLabel('Router config (JSON)');
    const saved = await editor.inputValue();
    const edited = saved.replace('"realm1"', '"realm-draft"');
    await editor.fill(edited);
    await page.getByTestId('section-authenticator').click();
    await page.getByTestId('section-router').click();
    await page.getByRole('tab', { name: 'JSON' }).click();
    await expect.poll(() => page.getByLabel('Router config (JSON)').inputValue()).toBe(edited);
    expect(readFileSync(join(app.dataDir, 'router.json'), 'utf8')).not.toContain('realm-draft');
    await page.getByRole('button', { name: 'Revert' }).click();
    expect(await page.getByLabel('Router config (JSON)').inputValue()).toBe(saved);
  });

  it('stops the router: GOODBYE to the client, no sessions, no URL', async () => {
    const client = open.find((c) => c.isOpen)!;
    const closed = new Promise<string>((resolve) => {
      client.onclose = (_reason, details: Record<string, unknown>) => {
        resolve(details.reason as string);
        return true;
      };
    });
    await page.getByRole('button', { name: 'Stop router' }).click();
    await expect.poll(() => state().textContent(), { timeout: 10_000 }).toBe('Stopped');
    expect(await closed).toBe('wamp.close.system_shutdown');
    await expect.poll(() => sessionRows().count()).toBe(0);
    expect(await page.getByTestId('router-url').count()).toBe(0);
    expect(app.problems).toEqual([]);
  });
});
