// A port typed the moment the Router section opens is the port Start uses. The field shows the port of
// router.json, which arrives a moment after the section renders: copying it into the field when it
// arrived (in an effect) overwrote what had been typed by then, and the router came up on 8080; and a
// key typed into the still-empty field just before the port appeared gave "80800". The field is now
// read-only until the port is in, and what is typed is never replaced by the config.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './support/app';

let app: RunningApp;
let page: Page;

beforeAll(async () => {
  app = await startApp();
  page = app.page;
});

afterAll(async () => {
  await app?.stop();
});

describe('router port field (web mode)', () => {
  it('uses a port typed as soon as the section opens, not the configured one', async () => {
    await page.getByTestId('section-router').click();
    await page.getByLabel('Port').fill('0');
    await page.getByRole('button', { name: 'Start router' }).click();
    await expect.poll(() => page.getByTestId('router-state').textContent(), { timeout: 10_000 }).toBe('Running');
    const url = (await page.getByTestId('router-url').first().textContent()) ?? '';
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/ws$/);
    expect(url).not.toContain(':8080/');
    expect(await page.getByLabel('Port').inputValue()).toBe('0');
    const saved = JSON.parse(readFileSync(join(app.dataDir, 'router.json'), 'utf8')) as { workers: [{ transports: [{ endpoint: { port: number } }] }] };
    expect(saved.workers[0].transports[0].endpoint.port).toBe(0);
    await page.getByRole('button', { name: 'Stop router' }).click();
    await expect.poll(() => page.getByTestId('router-state').textContent(), { timeout: 10_000 }).toBe('Stopped');
  });

  it('keeps the field read-only until router.json is in, so no key lands before its port appears', async () => {
    // A second tab (same signed-in browser) whose answers to router.getConfig are held back.
    const tab = await app.context.newPage();
    const held = new Set<number>();
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    await tab.routeWebSocket(/./, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((message) => {
        const frame = JSON.parse(String(message)) as { id?: number; ns?: string; method?: string };
        if (frame.ns === 'router' && frame.method === 'getConfig' && frame.id !== undefined) held.add(frame.id);
        server.send(message);
      });
      server.onMessage((message) => {
        const frame = JSON.parse(String(message)) as { type?: string; id?: number };
        if (frame.type === 'result' && frame.id !== undefined && held.has(frame.id)) void released.then(() => ws.send(message));
        else ws.send(message);
      });
    });
    try {
      await tab.goto(`${app.origin}/#section=router`);
      const field = tab.getByLabel('Port');
      await field.waitFor();
      await expect.poll(() => held.size).toBeGreaterThan(0);
      expect(await field.getAttribute('readonly')).not.toBeNull();
      expect(await field.inputValue()).toBe('');
      release();
      await expect.poll(() => field.inputValue()).toBe('0');
      expect(await field.getAttribute('readonly')).toBeNull();
      await field.fill('7');
      expect(await tab.getByRole('button', { name: 'Set port' }).isEnabled()).toBe(true);
    } finally {
      await tab.close();
    }
  });

  it('follows the config once nothing is typed: Set port shows the saved port', async () => {
    await page.getByLabel('Port').fill('0');
    expect(await page.getByRole('button', { name: 'Set port' }).isEnabled()).toBe(false);
    await page.getByLabel('Port').fill('9');
    await page.getByRole('button', { name: 'Set port' }).click();
    await expect.poll(() => page.getByTestId('toast').last().textContent()).toContain('Port set to 9');
    expect(await page.getByLabel('Port').inputValue()).toBe('9');
    expect(await page.getByRole('button', { name: 'Set port' }).isEnabled()).toBe(false);
  });
});
