// The web bridge end to end: the built `authbahn serve` and the built UI in Debian's Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import NodeWebSocket from 'ws';
import { startApp, watchProblems, type RunningApp } from './support/app';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

/** Footer that shows app.info — rendering it means a call went through the bridge and back. */
const appInfo = () => app.page.getByTestId('app-info');

function wsOutcome(url: string, options: NodeWebSocket.ClientOptions, firstFrame?: unknown): Promise<{ status?: number; code?: number }> {
  return new Promise((resolve, reject) => {
    const ws = new NodeWebSocket(url, options);
    ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
    ws.once('open', () => firstFrame !== undefined && ws.send(JSON.stringify(firstFrame)));
    ws.once('close', (code) => resolve({ code }));
    ws.once('error', (error) => (error.message.includes('Unexpected server response') ? undefined : reject(error)));
  });
}

describe('web bridge in the browser', () => {
  it('loads from the token link, renders API data, hides the token, and logs no errors', async () => {
    await appInfo().waitFor({ timeout: 20_000 });
    const text = await appInfo().innerText();
    expect(text).toContain('Web mode');
    expect(text).toContain(app.dataDir);
    expect(text).toContain(app.keychainService);
    await app.page.getByTestId('empty-state').waitFor();

    expect(app.page.url()).toBe(app.baseUrl);
    expect(await app.page.evaluate(() => 'api' in window)).toBe(false);
    expect(await app.page.evaluate(() => sessionStorage.getItem('authbahn.token'))).toBe(app.token);
    expect(app.problems).toEqual([]);
  });

  it('serves the page with the CSP header, and the browser enforces it', async () => {
    const response = await app.page.request.get(app.baseUrl);
    expect(response.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(response.headers()['x-frame-options']).toBe('DENY');

    const page = await app.context.newPage();
    await page.goto(app.url);
    await page.getByTestId('app-info').waitFor();
    const blocked = await page.evaluate(
      () =>
        new Promise<{ directive: string; ran: boolean }>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) =>
            resolve({ directive: e.effectiveDirective, ran: (window as unknown as { injected?: boolean }).injected === true }),
          );
          const script = document.createElement('script');
          script.textContent = 'window.injected = true';
          document.head.append(script);
        }),
    );
    expect(blocked).toEqual({ directive: 'script-src-elem', ran: false });
    await page.close();
  });

  it('keeps working after a reload (token kept in sessionStorage)', async () => {
    await app.page.reload();
    await appInfo().waitFor();
    expect(await appInfo().innerText()).toContain('Web mode');
    expect(app.page.url()).toBe(app.baseUrl);
    expect(app.problems).toEqual([]);
  });

  it('without the token link shows how to get in', async () => {
    const page = await app.context.newPage();
    const problems = watchProblems(page);
    await page.goto(app.baseUrl);
    const error = page.getByTestId('connection-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('Open the link printed by `authbahn serve`');
    expect(await page.getByTestId('app-info').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('with a wrong token explains the link is no longer valid', async () => {
    const page = await app.context.newPage();
    await page.goto(`${app.baseUrl}#token=${'A'.repeat(43)}`);
    const error = page.getByTestId('connection-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('no longer valid');
    expect(page.url()).toBe(app.baseUrl);
    await page.close();
  });

  it('refuses WebSockets from foreign origins — from Node and from another page in the browser', async () => {
    const url = `ws://127.0.0.1:${app.port}/api`;
    expect(await wsOutcome(url, { origin: 'http://evil.example' })).toEqual({ status: 403 });
    expect(await wsOutcome(url, {})).toEqual({ status: 403 });

    const page = await app.context.newPage();
    await page.goto('data:text/html,<title>elsewhere</title>');
    const code = await page.evaluate(
      (target) =>
        new Promise<number>((resolve) => {
          const ws = new WebSocket(target);
          ws.onopen = () => resolve(-1);
          ws.onclose = (e) => resolve(e.code);
        }),
      url,
    );
    expect(code).toBe(1006);
    await page.close();
  });

  it('closes a connection with a wrong token with 4401, and accepts the right one', async () => {
    const url = `ws://127.0.0.1:${app.port}/api`;
    expect(await wsOutcome(url, { origin: app.origin }, { type: 'hello', token: 'x'.repeat(43) })).toEqual({ code: 4401 });

    const ws = new NodeWebSocket(url, { origin: app.origin });
    const reply = await new Promise<unknown>((resolve, reject) => {
      ws.once('open', () => ws.send(JSON.stringify({ type: 'hello', token: app.token })));
      ws.once('message', (data) => resolve(JSON.parse(data.toString())));
      ws.once('error', reject);
    });
    expect(reply).toEqual({ type: 'ready' });
    ws.close();
  });
});
