// The web bridge end to end: the built `authbahn serve` and the built UI in Debian's Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import NodeWebSocket from 'ws';
import type { Browser } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import { writeOpenerFile } from '../../main/web/opener-file';
import { launchSignedOutBrowser, openSignedOutPage, startApp, startServer, type RunningApp } from './support/app';

let app: RunningApp;
/** Another browser, without the app profile's session cookie. */
let outsider: Browser;
beforeAll(async () => {
  [app, outsider] = await Promise.all([startApp(), launchSignedOutBrowser()]);
});
afterAll(async () => {
  await Promise.all([app?.stop(), outsider?.close()]);
});

/** Footer that shows app.info — rendering it means a call went through the bridge and back. */
const appInfo = () => app.page.getByTestId('app-info');

/** The browser profile's session cookie for this server, as Chromium stores it. */
async function sessionCookie() {
  const cookies = await app.context.cookies(app.origin);
  const cookie = cookies.find((c) => c.name === `authbahn_session_${app.port}`);
  if (!cookie) throw new Error(`no session cookie in the browser profile: ${JSON.stringify(cookies.map((c) => c.name))}`);
  return cookie;
}

function wsOutcome(url: string, options: NodeWebSocket.ClientOptions): Promise<{ status?: number; code?: number }> {
  return new Promise((resolve, reject) => {
    const ws = new NodeWebSocket(url, options);
    ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
    ws.once('close', (code) => resolve({ code }));
    ws.once('error', (error) => (error.message.includes('Unexpected server response') ? undefined : reject(error)));
  });
}

describe('web bridge in the browser', () => {
  it('loads from the login link, lands on a URL without the code, holds an HttpOnly session cookie, and logs no errors', async () => {
    await appInfo().waitFor({ timeout: 20_000 });
    const text = await appInfo().innerText();
    expect(text).toContain('Web mode');
    expect(text).toContain(app.dataDir);
    expect(text).toContain(app.keychainService);
    await app.page.getByTestId('empty-state').waitFor();

    // The address bar (and what history keeps for this entry) is the clean URL.
    expect(app.page.url()).toBe(app.baseUrl);
    const code = new URL(app.url).searchParams.get('code')!;
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const cookie = await sessionCookie();
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/', domain: '127.0.0.1', expires: -1 });
    expect(cookie.value).not.toBe(code);
    expect(await app.page.evaluate(() => document.cookie)).toBe(''); // page scripts cannot read it
    expect(await app.page.evaluate(() => ({ session: JSON.stringify(sessionStorage), local: JSON.stringify(localStorage) }))).toEqual({ session: '{}', local: '{}' });
    expect(await app.page.evaluate(() => 'api' in window)).toBe(false);
    expect(app.problems).toEqual([]);
  });

  it('refuses the same link a second time, in this browser or any other, with a page that says what to do', async () => {
    const page = await app.context.newPage();
    const response = await page.goto(app.url);
    expect(response?.status()).toBe(410);
    const body = await page.locator('body').innerText();
    expect(body).toContain('This link was already used');
    expect(body).toContain('authbahn serve');
    await page.close();

    const elsewhere = await openSignedOutPage(app.url, outsider);
    try {
      expect(await elsewhere.page.locator('h1').innerText()).toBe('This link was already used');
      // …and the other browser got no session from it; opening the app there logs no errors either.
      elsewhere.problems.length = 0; // the 410 itself is reported as a failed resource load
      await elsewhere.page.goto(app.baseUrl);
      await elsewhere.page.getByTestId('connection-error').waitFor();
      expect(await elsewhere.page.getByTestId('connection-error').innerText()).toContain('Open the link printed by `authbahn serve`');
      expect(await elsewhere.page.getByTestId('app-info').count()).toBe(0);
      expect(elsewhere.problems).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });

  it('signs in through the file `serve --open` hands to the browser (file:// redirect, SameSite=Strict cookie)', async () => {
    // A second server whose printed link goes into an opener file, as `--open` does with its own link.
    const server = await startServer();
    const opener = writeOpenerFile(server.url);
    try {
      const opened = await openSignedOutPage(pathToFileURL(opener.path).href, outsider);
      try {
        await opened.page.getByTestId('app-info').waitFor({ timeout: 20_000 });
        expect(opened.page.url()).toBe(`${server.origin}/`);
        const cookies = await opened.page.context().cookies(server.origin);
        expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite])).toEqual([[`authbahn_session_${server.port}`, true, 'Strict']]);
        expect(opened.problems).toEqual([]);
      } finally {
        await opened.close();
      }
    } finally {
      opener.remove();
      await server.stop();
    }
  });

  it('serves the page with the CSP header, and the browser enforces it', async () => {
    const response = await app.page.request.get(app.baseUrl);
    expect(response.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(response.headers()['x-frame-options']).toBe('DENY');

    const page = await app.context.newPage();
    await page.goto(app.baseUrl); // signed in by the profile's cookie
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

  it('keeps working after a reload (the session cookie, not the link)', async () => {
    await app.page.reload();
    await appInfo().waitFor();
    expect(await appInfo().innerText()).toContain('Web mode');
    expect(app.page.url()).toBe(app.baseUrl);
    expect(app.problems).toEqual([]);
  });

  it('with a link from another run explains the link is not valid, and signs nobody in', async () => {
    const other = await openSignedOutPage(`${app.origin}/login?code=${'A'.repeat(43)}`, outsider);
    try {
      expect(await other.page.locator('h1').innerText()).toBe('This link is not valid');
      expect(await other.page.locator('body').innerText()).toContain('Run authbahn serve again');
    } finally {
      await other.close();
    }
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

  it('refuses a WebSocket without the session cookie (401), and accepts the browser profile\'s cookie', async () => {
    const url = `ws://127.0.0.1:${app.port}/api`;
    expect(await wsOutcome(url, { origin: app.origin })).toEqual({ status: 401 });
    expect(await wsOutcome(url, { origin: app.origin, headers: { Cookie: `authbahn_session_${app.port}=${'x'.repeat(43)}` } })).toEqual({ status: 401 });

    const cookie = await sessionCookie();
    const ws = new NodeWebSocket(url, { origin: app.origin, headers: { Cookie: `${cookie.name}=${cookie.value}` } });
    const reply = await new Promise<unknown>((resolve, reject) => {
      ws.once('message', (data) => resolve(JSON.parse(data.toString())));
      ws.once('error', reject);
    });
    expect(reply).toEqual({ type: 'ready' });
    ws.close();
  });
});
