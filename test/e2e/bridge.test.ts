// The web bridge end to end: the built `authbahn serve` and the built UI in Debian's Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import NodeWebSocket from 'ws';
import type { Browser } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { writeOpenerFile } from '../../main/web/opener-file';
import { launchSignedOutBrowser, openSignedOutPage, startApp, startServer, type RunningApp, type RunningServer } from './support/app';

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
      expect(await elsewhere.page.getByTestId('connection-error').innerText()).toContain('Open the link printed by authbahn serve');
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
    expect(reply).toEqual({ type: 'ready', instance: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/) });
    ws.close();
  });
});

describe('web bridge when `authbahn serve` is restarted under an open tab', () => {
  const URI = 'otpauth://totp/ACME:alice@example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=ACME';
  let dataDir: string;
  let keychainService: string;
  let first: RunningApp;
  const servers: RunningServer[] = [];
  beforeAll(async () => {
    // Our own data dir and keychain name: both runs of the server share them, as a real restart does.
    dataDir = mkdtempSync(join(tmpdir(), 'authbahn-e2e-restart-'));
    keychainService = `${process.env.AUTHBAHN_KEYCHAIN_SERVICE ?? 'authbahn-e2e'}-restart-${process.pid}`;
    first = await startApp({ dataDir, keychainService });
    await first.page.getByTestId('add-account-button').click();
    await first.page.getByTestId('add-uri-input').fill(URI);
    await first.page.getByTestId('add-uri-submit').click();
    await first.page.getByRole('dialog').waitFor({ state: 'detached' });
  });
  afterAll(async () => {
    for (const server of servers) await server.stop();
    await first?.stop(); // the browser profile; the data dir is ours (the keyring is the test run's own)
    rmSync(dataDir, { recursive: true, force: true });
  });

  const code = (page: Page) => page.getByTestId('account-code');
  async function expectLiveCode(page: Page) {
    await expect.poll(() => code(page).getAttribute('data-code'), { timeout: 15_000 }).toMatch(/^\d{6}$/);
    expect(await page.getByTestId('countdown').count()).toBe(1);
  }
  /** Stops the server process this tab talks to (the browser stays open). */
  async function stopServer(server: RunningServer) {
    const exited = new Promise((resolve) => server.process.once('exit', resolve));
    server.process.kill('SIGTERM');
    await exited;
  }

  it('on a new port: hides the codes, stops the ring, says what to do; the new link pasted into the banner opens', async () => {
    const { page } = first;
    await expectLiveCode(page);
    await stopServer(first);

    const banner = page.getByTestId('connection-banner');
    await expect.poll(() => banner.textContent(), { timeout: 20_000 }).toContain(`Authbahn is not answering at 127.0.0.1:${first.port}`);
    const text = (await banner.textContent()) ?? '';
    expect(text).toContain('start it again');
    expect(text).toContain('paste it below');
    // Nothing stale looks live: no code, no countdown, the copy button is off.
    expect(await code(page).getAttribute('data-code')).toBe('');
    expect(await code(page).isDisabled()).toBe(true);
    // …and its name says why there is none, not that one is loading.
    expect(await code(page).getAttribute('aria-label')).toBe('Not connected — code unavailable for ACME: alice@example.com');
    expect(await page.getByTestId('countdown').count()).toBe(0);
    await page.screenshot({ path: join(tmpdir(), 'authbahn-e2e-server-stopped.png'), fullPage: true });

    const second = await startServer({ dataDir, keychainService });
    servers.push(second);
    // Something that is not an Authbahn link is refused with a reason, and the page stays.
    await page.getByTestId('login-link-input').fill('https://example.com/login?code=x');
    await page.getByTestId('login-link-open').click();
    expect(await page.getByTestId('login-link-error').textContent()).toContain('example.com');
    await page.getByTestId('login-link-input').fill(`Open ${second.url} in your browser`);
    await page.getByTestId('login-link-open').click();
    await page.waitForURL(`${second.origin}/`);
    await expectLiveCode(page);
    expect(await page.getByTestId('connection-banner').count()).toBe(0);
  });

  it('on the same port: says the tab needs the new link, hides the codes, and the link opened in the tab (address bar) works', async () => {
    const { page } = first;
    const current = servers.at(-1)!;
    await stopServer(current);
    const again = await startServer({ dataDir, keychainService, port: current.port });
    servers.push(again);

    const banner = page.getByTestId('connection-banner');
    await expect.poll(() => banner.textContent(), { timeout: 20_000 }).toContain('Authbahn was restarted — this tab needs the new link');
    expect(await code(page).getAttribute('data-code')).toBe('');
    expect(await page.getByTestId('countdown').count()).toBe(0);
    await page.screenshot({ path: join(tmpdir(), 'authbahn-e2e-server-restarted.png'), fullPage: true });

    await page.goto(again.url); // what pasting the link into the address bar does
    await page.waitForURL(`${again.origin}/`);
    await expectLiveCode(page);
  });

  it('a tab opened without a session says to open the link, and a link pasted onto the page opens it', async () => {
    const current = await startServer(); // a server whose printed link is still unused
    servers.push(current);
    const opened = await openSignedOutPage(`${current.origin}/`, outsider);
    try {
      const error = opened.page.getByTestId('connection-error');
      await error.waitFor();
      expect(await opened.page.locator('h1').textContent()).toBe('Open Authbahn with its link');
      expect(await error.getAttribute('data-problem')).toBe('no-session');
      await opened.page.screenshot({ path: join(tmpdir(), 'authbahn-e2e-no-session.png'), fullPage: true });
      // A paste anywhere on the page (not in the field) opens a valid link.
      await opened.page.evaluate((link) => {
        const data = new DataTransfer();
        data.setData('text/plain', link);
        document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
      }, current.url);
      await opened.page.waitForURL(`${current.origin}/`);
      await opened.page.getByTestId('app-info').waitFor({ timeout: 20_000 });
    } finally {
      await opened.close();
    }
  });
});
