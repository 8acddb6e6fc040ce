// A port typed the moment the Router section opens is the port Start uses. The field shows the port of
// router.json, which arrives a moment after the section renders; copying it into the field when it
// arrived (in an effect) overwrote what had been typed by then, and the router came up on 8080.
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
  it('keeps a port typed before the config has loaded, and Start uses it', async () => {
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
