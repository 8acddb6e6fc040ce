// The renderer's web bridge (renderer/bridge/web-bridge.ts) against the real server: the same code the
// browser runs, with Node's `ws` client standing in for the browser WebSocket.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { sessionCheckFrom } from '../../../renderer/bridge/session';
import {
  connectWebBridge,
  NO_TOKEN_MESSAGE,
  offlineMessage,
  RESTARTED_MESSAGE,
  STALE_TOKEN_MESSAGE,
  type ConnectionState,
  type SocketLike,
  type WebBridge,
  type WebBridgeEnvironment,
  type WebBridgeOptions,
} from '../../../renderer/bridge/web-bridge';
import { startWebServer } from '../../../main/web/web-server';
import { signIn, startHarness, type Harness } from './harness';

/** What a browser keeps for 127.0.0.1: the session cookie (`name=value`), sent with /session and the WebSocket. */
interface CookieJar {
  cookie?: string;
}

/** The browser's environment, played by Node: fetch for /session, `ws` for the socket, both with the jar's cookie. */
function browserLike(server: { port: number; origin: string }, jar: CookieJar = {}) {
  const sockets: WebSocket[] = [];
  const env: WebBridgeEnvironment = {
    location: { host: `127.0.0.1:${server.port}`, protocol: 'http:' },
    checkSession: async () => {
      try {
        const response = await fetch(`${server.origin}/session`, { headers: jar.cookie ? { Cookie: jar.cookie } : {} });
        // Like a browser: a Max-Age=0 Set-Cookie deletes the cookie.
        if (response.headers.getSetCookie().some((c) => /Max-Age=0/.test(c))) delete jar.cookie;
        return sessionCheckFrom(response.status, await response.json().catch(() => null));
      } catch {
        return 'unreachable';
      }
    },
    createSocket: (url) => {
      const ws = new WebSocket(url, { origin: server.origin, headers: jar.cookie ? { Cookie: jar.cookie } : {} });
      sockets.push(ws);
      return ws as unknown as SocketLike;
    },
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  };
  return { env, jar, sockets };
}

/** A browser that opened a fresh login link of this server. */
async function signedInBrowser(h: Harness) {
  return browserLike(h.server, { cookie: await signIn(h.server.issueLoginLink()) });
}

const fast: WebBridgeOptions = { reconnectBaseMs: 50, reconnectMaxMs: 200, callTimeoutMs: 3_000 };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function harness(options?: Parameters<typeof startHarness>[0]): Promise<Harness> {
  const h = await startHarness(options);
  cleanups.push(() => h.close());
  return h;
}

async function connect(env: WebBridgeEnvironment, options: WebBridgeOptions = fast): Promise<WebBridge> {
  const bridge = await connectWebBridge(env, options);
  cleanups.push(() => bridge.close());
  return bridge;
}

function nextState(bridge: WebBridge, wanted: ConnectionState): Promise<void> {
  return new Promise((resolve) => {
    const off = bridge.onStateChange((state) => {
      if (state === wanted) {
        off();
        resolve();
      }
    });
  });
}

describe('web bridge client', () => {
  it('connects with the session cookie the link left, calls the API, and works again after a reload', async () => {
    const h = await harness();
    const browser = await signedInBrowser(h);
    const bridge = await connect(browser.env);
    expect(await bridge.api.app.info()).toMatchObject({ ok: true, value: { mode: 'web' } });
    // A reload: a new page in the same browser, same cookie, nothing in the URL.
    const again = await connect(browserLike(h.server, browser.jar).env);
    expect(await again.api.app.status()).toMatchObject({ ok: true });
  });

  it('rejects with the "open the link" message when the browser has no session', async () => {
    const h = await harness();
    const { env } = browserLike(h.server);
    await expect(connectWebBridge(env, fast)).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: NO_TOKEN_MESSAGE });
    expect(NO_TOKEN_MESSAGE).toContain('Each link works once');
  });

  it('rejects a cookie the server does not know (from before a restart) with the "new link" message', async () => {
    const h = await harness();
    const other = await harness();
    const old = await signIn(other.server.issueLoginLink());
    const browser = browserLike(h.server, { cookie: `${old.split('=')[0]!.replace(String(other.server.port), String(h.server.port))}=${old.split('=')[1]}` });
    await expect(connectWebBridge(browser.env, fast)).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: STALE_TOKEN_MESSAGE });
    expect(STALE_TOKEN_MESSAGE).toContain('needs a new link');
    expect(browser.jar.cookie).toBeUndefined(); // the server cleared the dead cookie
  });

  it('reports an unreachable server instead of hanging', async () => {
    const h = await harness();
    const browser = await signedInBrowser(h);
    await h.server.close();
    await expect(connectWebBridge(browser.env, fast)).rejects.toThrow(/Cannot reach the Authbahn server/);
  });

  it('delivers service events to subscribers until they unsubscribe', async () => {
    const h = await harness();
    const bridge = await connect((await signedInBrowser(h)).env);
    const seen: unknown[] = [];
    const off = bridge.api.events.on('accounts.changed', (payload) => seen.push(payload));
    h.services.events.emit('accounts.changed', { reason: 'imported' });
    await expect.poll(() => seen).toEqual([{ reason: 'imported' }]);
    off();
    h.services.events.emit('accounts.changed', { reason: 'removed' });
    await bridge.api.app.status(); // round trip: any event sent before it has arrived
    expect(seen).toEqual([{ reason: 'imported' }]);
  });

  it('resolves every call with an error Result on timeout instead of hanging', async () => {
    const h = await harness({ wrapHandlers: (real) => ({ ...real, app: { ...real.app, status: () => new Promise(() => undefined) } }) });
    const bridge = await connect((await signedInBrowser(h)).env, { ...fast, callTimeoutMs: 200 });
    const result = await bridge.api.app.status();
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(!result.ok && result.error.message).toMatch(/No answer/);
    expect(await bridge.api.app.info()).toMatchObject({ ok: true });
  });

  it('reconnects after the connection drops, fails in-flight calls and refreshes subscribers', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const h = await harness({ wrapHandlers: (real) => ({ ...real, app: { ...real.app, status: async () => (await gate, real.app.status()) } }) });
    const browser = await signedInBrowser(h);
    const bridge = await connect(browser.env);
    const refreshed: unknown[] = [];
    bridge.api.events.on('accounts.changed', (p) => refreshed.push(p));

    const inFlight = bridge.api.app.status();
    await new Promise((r) => setTimeout(r, 50));
    const reconnecting = nextState(bridge, 'reconnecting');
    const ready = nextState(bridge, 'ready');
    browser.sockets.at(-1)!.terminate();
    await reconnecting;
    expect(await inFlight).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/lost/) } });
    // Issued while disconnected: queued and sent once the socket is back.
    const queued = bridge.api.app.info();
    await ready;
    expect(await queued).toMatchObject({ ok: true, value: { mode: 'web' } });
    expect(refreshed).toEqual([{ reason: 'updated' }]);
    release();
  });

  it('after a server restart on the same port it stops and says a new link is needed', async () => {
    const h = await harness();
    const browser = await signedInBrowser(h);
    const bridge = await connect(browser.env);
    const { port } = h.server;
    const unauthorized = nextState(bridge, 'unauthorized');
    await h.server.close();
    const restarted = await startWebServer({ services: h.backend, staticDir: h.staticDir, port });
    cleanups.push(() => restarted.close());
    await unauthorized;
    expect(await bridge.api.app.info()).toEqual({ ok: false, error: { code: 'UNAUTHORIZED', message: STALE_TOKEN_MESSAGE } });
    // The new link works in the same browser.
    browser.jar.cookie = await signIn(restarted.issueLoginLink());
    const fresh = await connect(browser.env);
    expect(await fresh.api.app.info()).toMatchObject({ ok: true });
  });

  it('when the server stays away it goes offline: calls fail at once with what to do, retries go on', async () => {
    const h = await harness();
    const browser = await signedInBrowser(h);
    const bridge = await connect(browser.env, { ...fast, offlineAfterAttempts: 2, reconnectGraceMs: 150, callTimeoutMs: 120_000 });
    const reconnecting = nextState(bridge, 'reconnecting');
    const offline = nextState(bridge, 'offline');
    await h.server.close();
    await reconnecting;
    // During the blip a call waits only the short grace time, not the answer timeout (longer than this test's).
    expect(await bridge.api.codes.list()).toEqual({ ok: false, error: { code: 'INTERNAL', message: offlineMessage(`127.0.0.1:${h.server.port}`) } });
    await offline;
    expect(await bridge.api.codes.copy('any')).toEqual({ ok: false, error: { code: 'INTERNAL', message: offlineMessage(`127.0.0.1:${h.server.port}`) } });
    expect(offlineMessage('127.0.0.1:1')).toContain('open the new link');
    expect(bridge.connectionState).toBe('offline');
  });

  it('reconnecting to another run of the server on the same port (signed in there too) stops and asks for a reload', async () => {
    const h = await harness();
    const browser = await signedInBrowser(h);
    const bridge = await connect(browser.env);
    const { port } = h.server;
    const restarted = nextState(bridge, 'restarted');
    await h.server.close();
    const again = await startWebServer({ services: h.backend, staticDir: h.staticDir, port });
    cleanups.push(() => again.close());
    // This browser opened the new link in another tab: its cookie is valid for the new run.
    browser.jar.cookie = await signIn(again.issueLoginLink());
    await restarted;
    expect(await bridge.api.app.info()).toEqual({ ok: false, error: { code: 'UNAUTHORIZED', message: RESTARTED_MESSAGE } });
    // A reload (a fresh bridge in the same browser) works with the new run.
    const fresh = await connect(browser.env);
    expect(await fresh.api.app.info()).toMatchObject({ ok: true });
  });
});
