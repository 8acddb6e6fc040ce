// The Tester's run history as a user drives it (issue 9): runs of a profile against our router appear in
// the history list and the uPlot latency chart, two runs' traces are compared side by side, watch mode
// re-runs the profile and the chart follows, "Run without saving" leaves the stored ticket alone, and a
// result is scrolled into view with focus on its heading. Also Duplicate, Copy as command line and
// suite export/import. Screenshots (light/dark, 1280/420 px) go to $AUTHBAHN_SCREENSHOT_DIR when set.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './support/app';

const TICKET = 'joe-history-ticket!';
const WRONG_TICKET = 'not-joes-history-ticket';

const ROUTER_CONFIG = {
  version: 2,
  workers: [
    {
      type: 'router',
      realms: [{ name: 'realm1', roles: [{ name: 'frontend', permissions: [{ uri: 'com.example.', match: 'prefix', allow: { call: true, register: false, publish: true, subscribe: true } }] }] }],
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

const panel = () => page.getByTestId('history-panel');
const rows = () => panel().getByTestId('history-row');
const chartPoints = async () => Number(await panel().getByTestId('latency-chart').getAttribute('data-points'));
const resultId = () => page.getByTestId('result-panel').getAttribute('data-result-id');

async function runAndWait(button: 'Run test' | 'Run without saving'): Promise<void> {
  const before = (await page.getByTestId('result-panel').count()) > 0 ? await resultId() : null;
  await page.getByRole('button', { name: button, exact: true }).click();
  await expect.poll(resultId, { timeout: 20_000 }).not.toBe(before);
}

async function shot(name: string): Promise<void> {
  const dir = process.env.AUTHBAHN_SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'authbahn-e2e-history-'));
  await writeFile(join(dataDir, 'router.json'), `${JSON.stringify(ROUTER_CONFIG, null, 2)}\n`);
  app = await startApp({ dataDir });
  page = app.page;
  await page.setViewportSize({ width: 1280, height: 800 });
});

afterAll(async () => {
  await app?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('tester history, chart, compare and watch (web mode, local router)', () => {
  it('starts the local router', async () => {
    await page.getByTestId('section-router').click();
    await page.getByRole('button', { name: 'Start router' }).click();
    const url = page.getByTestId('router-url').first();
    await expect.poll(() => url.textContent(), { timeout: 15_000 }).toMatch(/^ws:\/\/127\.0\.0\.1:\d+/);
    routerUrl = (await url.textContent())!.trim();
  });

  it('brings the first result into view and focuses its heading', async () => {
    await page.getByTestId('section-tester').click();
    await page.getByTestId('profile-editor').waitFor();
    await page.getByLabel('Profile name', { exact: true }).fill('History (joe)');
    await page.getByLabel('Router URL', { exact: true }).fill(routerUrl);
    await page.getByLabel('Realm', { exact: true }).fill('realm1');
    await page.getByLabel('Auth method', { exact: true }).selectOption('ticket');
    await page.getByLabel('Auth ID', { exact: true }).fill('joe');
    await page.getByLabel('Ticket', { exact: true }).fill(TICKET);
    await runAndWait('Run test');
    expect(await page.getByTestId('result-panel').getByTestId('outcome-badge').getAttribute('data-outcome')).toBe('welcome');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('result-title');
    // The heading is on screen at 1280×800 (it starts below the fold without the scroll).
    await expect
      .poll(() => page.evaluate(() => {
        const r = document.getElementById('result-title')!.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
      }))
      .toBe(true);
  });

  it('lists every run in the history and charts its latency phases', async () => {
    await runAndWait('Run test');
    await runAndWait('Run test');
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(3);
    expect(await rows().first().getAttribute('data-outcome')).toBe('welcome');
    expect(await rows().first().textContent()).toMatch(/Welcome.*ms/);
    await expect.poll(chartPoints).toBe(3);
    // uPlot drew its canvas and a legend with the three phases.
    const chart = panel().getByTestId('latency-chart');
    expect(await chart.locator('canvas').count()).toBe(1);
    expect(await chart.locator('.u-legend').textContent()).toMatch(/Connect.*Handshake.*Total/);
    expect(await chart.getByTestId('latency-chart-caption').textContent()).toContain('3 runs');
    // Without the cursor over it, the legend shows the newest run's phases.
    const total = chart.locator('.u-legend .u-series').nth(3).locator('.u-value');
    expect(await total.textContent()).toBe(await rows().first().getByTestId('history-total').textContent());
  });

  it('runs the edited ticket without saving it, and records that run too', async () => {
    await page.getByLabel('Ticket', { exact: true }).fill(WRONG_TICKET);
    await page.getByTestId('tester-run').scrollIntoViewIfNeeded();
    await shot('editor-unsaved-light-1280');
    await runAndWait('Run without saving');
    expect(await page.getByTestId('result-panel').getByTestId('outcome-badge').getAttribute('data-outcome')).toBe('abort');
    await expect.poll(() => rows().count()).toBe(4);
    await expect.poll(chartPoints).toBe(4);
    expect(await rows().first().getAttribute('data-outcome')).toBe('abort');
    // Still unsaved; the stored ticket is the right one: discard the edit and run the saved profile.
    expect(await page.getByTestId('unsaved-badge').count()).toBe(1);
    await page.getByLabel('Ticket', { exact: true }).fill('');
    await runAndWait('Run test');
    expect(await page.getByTestId('result-panel').getByTestId('outcome-badge').getAttribute('data-outcome')).toBe('welcome');
    await expect.poll(() => rows().count()).toBe(5);
  });

  it('compares two runs\' traces side by side, aligned by step', async () => {
    // Newest first: [welcome, abort, welcome, welcome, welcome]; compare the abort with the run before it.
    await rows().nth(1).getByTestId('history-pick').check();
    await rows().nth(2).getByTestId('history-pick').check();
    await panel().getByTestId('history-compare').click();
    const view = page.getByTestId('compare-view');
    await view.getByTestId('compare-table').waitFor();
    const heads = view.getByTestId('compare-head');
    expect(await heads.nth(0).getByTestId('outcome-badge').getAttribute('data-outcome')).toBe('welcome');
    expect(await heads.nth(1).getByTestId('outcome-badge').getAttribute('data-outcome')).toBe('abort');
    const compared = view.getByTestId('compare-row');
    // HELLO, CHALLENGE, AUTHENTICATE line up; WELCOME and ABORT are steps only one run has.
    const hello = compared.filter({ has: page.locator('td[data-name="HELLO"]') });
    expect(await hello.count()).toBe(1);
    expect(await hello.locator('td[data-name="HELLO"]').count()).toBe(2);
    expect(await compared.filter({ has: page.locator('td[data-name="AUTHENTICATE"]') }).locator('td[data-name="AUTHENTICATE"]').count()).toBe(2);
    const welcome = compared.filter({ has: page.locator('td[data-name="WELCOME"]') });
    expect(await welcome.getAttribute('data-kind')).toBe('only');
    expect(await compared.filter({ has: page.locator('td[data-name="ABORT"]') }).getAttribute('data-kind')).toBe('only');
    expect(await view.textContent()).not.toContain(TICKET);
    expect(await view.textContent()).not.toContain(WRONG_TICKET);
    await page.evaluate(() => window.scrollBy(0, 300));
    await shot('history-compare-light-1280');
  });

  it('watches the profile: re-runs it every N seconds and the chart follows live, until stopped', async () => {
    await page.getByTestId('compare-close').click();
    const start = await chartPoints();
    await panel().getByTestId('watch-seconds').fill('2');
    await panel().getByTestId('watch-toggle').click();
    await expect.poll(() => panel().getByTestId('watch-status').textContent(), { timeout: 15_000 }).toMatch(/[23] runs so far/);
    await expect.poll(chartPoints, { timeout: 10_000 }).toBeGreaterThanOrEqual(start + 2);
    await panel().getByTestId('watch-toggle').click();
    expect(await panel().getByTestId('watch-toggle').textContent()).toBe('Start watching');
    const stopped = await rows().count();
    await page.waitForTimeout(2_500);
    expect(await rows().count()).toBe(stopped);
  });

  it('stops watching when leaving the section', async () => {
    await panel().getByTestId('watch-toggle').click();
    await expect.poll(() => panel().getByTestId('watch-status').textContent(), { timeout: 15_000 }).toMatch(/1 run so far/);
    await page.getByTestId('section-router').click();
    await page.waitForTimeout(300);
    const file = async () => JSON.parse(await readFile(join(dataDir, 'tester-history.json'), 'utf8')).runs.length as number;
    const left = await file();
    await page.waitForTimeout(4_500);
    expect(await file()).toBe(left);
    await page.getByTestId('section-tester').click();
    await panel().waitFor();
    expect(await panel().getByTestId('watch-toggle').textContent()).toBe('Start watching');
  });

  it('keeps no secret in the history file', async () => {
    const text = await readFile(join(dataDir, 'tester-history.json'), 'utf8');
    expect(text).toContain('AUTHENTICATE');
    expect(text).not.toContain(TICKET);
    expect(text).not.toContain(WRONG_TICKET);
  });

  it('copies the profile as an authbahn test command line without the ticket', async () => {
    await page.getByRole('button', { name: 'Copy as command line' }).click();
    const line = await page.evaluate(() => navigator.clipboard.readText());
    expect(line).toBe(`authbahn test --url ${routerUrl} --realm realm1 --authid joe --ticket -`);
  });

  it('duplicates the profile and opens the copy', async () => {
    await page.getByRole('button', { name: 'Duplicate' }).click();
    await expect.poll(() => page.getByTestId('profile-item').count()).toBe(2);
    expect(await page.getByLabel('Profile name', { exact: true }).inputValue()).toBe('History (joe) (copy)');
    expect(await page.getByTestId('secret-status').getAttribute('data-status')).toBe('stored');
    expect(await panel().getByTestId('history-count').textContent()).toBe('no runs yet');
  });

  it('exports the profiles as a suite without secrets and imports a suite', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('tester-export-suite').click()]);
    expect(download.suggestedFilename()).toMatch(/^authbahn-suite-.*\.yaml$/);
    const suite = await readFile(await download.path(), 'utf8');
    expect(suite).toContain('profile: History (joe)');
    expect(suite).not.toContain(TICKET);

    const file = join(dataDir, 'import.suite.yaml');
    await writeFile(file, `cases:\n  - name: Imported anon\n    url: ${routerUrl}\n    realm: realm1\n    expect: { outcome: welcome }\n`);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('tester-import-suite').click()]);
    await chooser.setFiles(file);
    const note = page.getByTestId('tester-import-note');
    await note.waitFor();
    expect(await note.textContent()).toContain('Imported 1 profile');
    await expect.poll(() => page.getByTestId('profile-item').count()).toBe(3);
  });

  it('looks right in light and dark, at 1280 and 420 px', async () => {
    await page.getByTestId('profile-item').first().click();
    await panel().waitFor();
    await expect.poll(chartPoints).toBeGreaterThan(3);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const width of [1280, 420]) {
        await page.setViewportSize({ width, height: 800 });
        await panel().scrollIntoViewIfNeeded();
        await page.waitForTimeout(200);
        // The chart follows its container's width.
        const box = await panel().getByTestId('latency-chart').locator('canvas').boundingBox();
        const container = await panel().boundingBox();
        expect(box!.width).toBeLessThanOrEqual(container!.width);
        await shot(`history-${scheme}-${width}`);
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(app.problems).toEqual([]);
  });
});
