// The connection tester as a user drives it: the built `authbahn serve` (real keychain, temp data dir)
// with a router.json that has a ticket user, headless Chromium. The local router is started from the
// Router screen, then a profile is tested against it from the Tester screen: the right ticket gets a
// WELCOME (with the whole handshake in the trace and the probe matrix), a wrong one an ABORT with the
// diagnosis in plain words, and the Markdown report downloads without the ticket in it.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './support/app';

const TICKET = 'joe-s3cret-ticket!';
const WRONG_TICKET = 'not-joes-ticket';

// Role "frontend" may subscribe under com.example. but not register: one allowed and one denied probe.
const ROUTER_CONFIG = {
  version: 2,
  workers: [
    {
      type: 'router',
      realms: [
        {
          name: 'realm1',
          roles: [
            {
              name: 'frontend',
              permissions: [{ uri: 'com.example.', match: 'prefix', allow: { call: true, register: false, publish: true, subscribe: true } }],
            },
          ],
        },
      ],
      transports: [
        {
          type: 'websocket',
          id: 'local',
          endpoint: { type: 'tcp', port: 0, interface: '127.0.0.1' },
          serializers: ['json', 'msgpack', 'cbor'],
          auth: { ticket: { type: 'static', principals: { joe: { ticket: TICKET, role: 'frontend' } } } },
        },
      ],
    },
  ],
};

let app: RunningApp;
let page: Page;
let dataDir: string;
let routerUrl: string;

const resultPanel = () => page.getByTestId('result-panel');
const traceNames = (panel: Locator) => panel.getByTestId('trace-name').allTextContents();

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'authbahn-e2e-tester-'));
  await writeFile(join(dataDir, 'router.json'), `${JSON.stringify(ROUTER_CONFIG, null, 2)}\n`);
  app = await startApp({ dataDir });
  page = app.page;
});

afterAll(async () => {
  await app?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('connection tester (web mode, local router)', () => {
  it('starts the local router from the Router screen', async () => {
    await page.getByTestId('section-router').click();
    await page.getByRole('button', { name: 'Start router' }).click();
    const url = page.getByTestId('router-url').first();
    await expect.poll(() => url.textContent(), { timeout: 15_000 }).toMatch(/^ws:\/\/127\.0\.0\.1:\d+/);
    routerUrl = (await url.textContent())!.trim();
    expect(routerUrl).not.toMatch(/:0(\/|$)/);
  });

  it('tests a ticket profile and shows WELCOME with the whole handshake in the trace', async () => {
    await page.getByTestId('section-tester').click();
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
    const badge = resultPanel().getByTestId('outcome-badge');
    await expect.poll(() => badge.getAttribute('data-outcome'), { timeout: 20_000 }).toBe('welcome');
    expect(await badge.textContent()).toBe('Welcome');

    const panel = resultPanel();
    const frames = (await traceNames(panel)).filter((n) => ['HELLO', 'CHALLENGE', 'AUTHENTICATE', 'WELCOME', 'ABORT'].includes(n));
    expect(frames).toEqual(['HELLO', 'CHALLENGE', 'AUTHENTICATE', 'WELCOME']);
    // The register probe is denied: that fails the expectation, so it is the diagnosis (issue 9, item 10).
    const diagnosis = panel.getByTestId('diagnosis');
    expect(await diagnosis.getAttribute('data-kind')).toBe('probe_denied');
    expect(await diagnosis.getAttribute('data-severity')).toBe('error');
    expect(await diagnosis.textContent()).toContain('register com.example.procedure (denied)');
    expect(await panel.getByTestId('fact-subprotocol').textContent()).toBe('wamp.2.json');
    const welcome = panel.getByTestId('welcome-details');
    expect(await welcome.locator('tr[data-field="authid"] td').textContent()).toBe('joe');
    expect(await welcome.locator('tr[data-field="authrole"] td').textContent()).toBe('frontend');
    expect(await welcome.locator('tr[data-field="authmethod"] td').textContent()).toBe('ticket');
    // The ticket travelled over ws:// (to this machine only): a note, not an alarm.
    expect(await panel.getByTestId('diagnosis-warning').first().getAttribute('data-kind')).toBe('ticket_over_plain_ws');

    const matrix = panel.getByTestId('probe-matrix');
    expect(await matrix.locator('tr[data-uri="com.example.topic"] td[data-action="subscribe"]').getAttribute('data-outcome')).toBe('allowed');
    const register = matrix.locator('tr[data-uri="com.example.procedure"] td[data-action="register"]');
    expect(await register.getAttribute('data-outcome')).toBe('denied');
    expect(await register.textContent()).toContain('wamp.error.not_authorized');

    // Opening a frame shows its decoded content; the AUTHENTICATE signature (the ticket) is redacted.
    const authenticate = panel.locator('[data-testid="trace-row"][data-name="AUTHENTICATE"]');
    await authenticate.locator('summary').click();
    const json = await authenticate.getByTestId('trace-json').textContent();
    expect(json).toContain('•••');
    expect(json).not.toContain(TICKET);
    expect(await page.locator('body').textContent()).not.toContain(TICKET);

    // Saved before the run: the profile file has no secret, the form says where it is.
    expect(await page.getByTestId('secret-status').getAttribute('data-status')).toBe('stored');
    expect(await page.getByTestId('secret-status').textContent()).toContain('Stored in keychain');
    expect(await page.getByLabel('Ticket', { exact: true }).inputValue()).toBe('');
    const file = await readFile(join(dataDir, 'tester-profiles.json'), 'utf8');
    expect(file).toContain('Local router (joe)');
    expect(file).not.toContain(TICKET);
    expect(await page.getByTestId('profile-item').count()).toBe(1);
  });

  it('shows ABORT and the wrong-ticket diagnosis for a wrong secret', async () => {
    const previous = await resultPanel().getAttribute('data-result-id');
    await page.getByLabel('Ticket', { exact: true }).fill(WRONG_TICKET);
    await page.getByRole('button', { name: 'Run test' }).click();
    await expect.poll(() => resultPanel().getAttribute('data-result-id'), { timeout: 20_000 }).not.toBe(previous);

    const panel = resultPanel();
    expect(await panel.getByTestId('outcome-badge').textContent()).toBe('Aborted');
    const diagnosis = panel.getByTestId('diagnosis');
    expect(await diagnosis.getAttribute('data-kind')).toBe('ticket_rejected');
    expect(await diagnosis.textContent()).toContain('Wrong ticket');
    expect(await diagnosis.textContent()).toContain('rejected the ticket for "joe"');
    const frames = (await traceNames(panel)).filter((n) => ['HELLO', 'CHALLENGE', 'AUTHENTICATE', 'WELCOME', 'ABORT'].includes(n));
    expect(frames).toEqual(['HELLO', 'CHALLENGE', 'AUTHENTICATE', 'ABORT']);
    expect(await panel.getByTestId('abort-details').textContent()).toMatch(/wamp\.error\.(not_authorized|authentication_failed)/);
    expect(await page.locator('body').textContent()).not.toContain(WRONG_TICKET);
  });

  it('exports the result as a Markdown report without the ticket', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), resultPanel().getByRole('button', { name: /as Markdown/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^authbahn-test-report-.*\.md$/);
    const path = await download.path();
    const report = await readFile(path, 'utf8');
    expect(report).toContain('# WAMP connection test report');
    expect(report).toContain('## Local router (joe)');
    expect(report).toContain('Wrong ticket');
    expect(report).toContain('AUTHENTICATE');
    expect(report).not.toContain(WRONG_TICKET);
    expect(report).not.toContain(TICKET);
  });

  it('tests all profiles and lists them in a summary', async () => {
    await page.getByRole('button', { name: 'Test all' }).click();
    const summary = page.getByTestId('summary-panel');
    await expect.poll(() => summary.getByTestId('summary-progress').textContent(), { timeout: 20_000 }).toMatch(/aborted/);
    const rows = summary.getByTestId('summary-row');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-outcome')).toBe('abort');
    expect(await rows.first().textContent()).toContain('Local router (joe)');
    expect(app.problems).toEqual([]);
  });

  it('asks before discarding unsaved edits when another profile is opened', async () => {
    const name = page.getByLabel('Profile name', { exact: true });
    await name.fill('Local router (edited)');
    await page.getByRole('button', { name: 'New profile' }).click();
    const confirm = page.getByTestId('confirm-dialog');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('Discard unsaved changes?');

    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await name.inputValue()).toBe('Local router (edited)');

    await page.getByRole('button', { name: 'New profile' }).click();
    await page.getByTestId('confirm-discard-changes').click();
    await page.getByTestId('confirm-dialog').waitFor({ state: 'detached' });
    expect(await name.inputValue()).toBe('');
    // The saved profile kept its name: the edit was discarded, not saved.
    expect(await page.getByTestId('profile-item').first().textContent()).toContain('Local router (joe)');
  });
});
