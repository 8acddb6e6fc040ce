// The renderer's web bridge (renderer/bridge/web-bridge.ts) against the real server: the same code the
// browser runs, with Node's `ws` client standing in for the browser WebSocket.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TOKEN_STORAGE_KEY } from '../../../renderer/bridge/token';
import {
  connectWebBridge,
  NO_TOKEN_MESSAGE,
  STALE_TOKEN_MESSAGE,
  type ConnectionState,
  type SocketLike,
  type WebBridge,
  type WebBridgeEnvironment,
  type WebBridgeOptions,
} from '../../../renderer/bridge/web-bridge';
import { startWebServer, type WebServer } from '../../../main/web/web-server';
import { startHarness, type Harness } from './harness';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

function browserLike(server: { port: number; origin: string }, hash: string, storage = new MemoryStorage()) {
  const replaced: string[] = [];
  const sockets: WebSocket[] = [];
  const env: WebBridgeEnvironment = {
    location: { hash, host: `127.0.0.1:${server.port}`, protocol: 'http:', pathname: '/', search: '' },
    history: { state: null, replaceState: (_d, _u, url) => void replaced.push(String(url)) },
    storage,
    createSocket: (url) => {
      const ws = new WebSocket(url, { origin: server.origin });
      sockets.push(ws);
      return ws as unknown as SocketLike;
    },
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  };
  return { env, replaced, storage, sockets };
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
  it('takes the token from the link, hides it from the URL, keeps it for reloads, and calls the API', async () => {
    const h = await harness();
    const { env, replaced, storage } = browserLike(h.server, `#token=${h.server.token}`);
    const bridge = await connect(env);
    expect(replaced).toEqual(['/']);
    expect(storage.getItem(TOKEN_STORAGE_KEY)).toBe(h.server.token);
    expect(await bridge.api.app.info()).toMatchObject({ ok: true, value: { mode: 'web' } });

    // A reload: no fragment any more, the token comes from sessionStorage.
    const reload = browserLike(h.server, '', storage);
    const again = await connect(reload.env);
    expect(reload.replaced).toEqual([]);
    expect(await again.api.app.status()).toMatchObject({ ok: true });
  });

  it('keeps other fragment parameters when removing the token', async () => {
    const h = await harness();
    const { env, replaced } = browserLike(h.server, `#view=codes&token=${h.server.token}`);
    await connect(env);
    expect(replaced).toEqual(['/#view=codes']);
  });

  it('rejects with the "open the link" message when there is no token', async () => {
    const h = await harness();
    const { env } = browserLike(h.server, '');
    await expect(connectWebBridge(env, fast)).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: NO_TOKEN_MESSAGE });
    const garbage = browserLike(h.server, '#token=<script>');
    await expect(connectWebBridge(garbage.env, fast)).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: NO_TOKEN_MESSAGE });
  });

  it('rejects a stale token clearly and forgets it', async () => {
    const h = await harness();
    const { env, storage } = browserLike(h.server, `#token=${'A'.repeat(43)}`);
    await expect(connectWebBridge(env, fast)).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: STALE_TOKEN_MESSAGE });
    expect(storage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
  });

  it('reports an unreachable server instead of hanging', async () => {
    const h = await harness();
    const port = h.server.port;
    const origin = h.server.origin;
    await h.server.close();
    const { env } = browserLike({ port, origin }, `#token=${'A'.repeat(43)}`);
    await expect(connectWebBridge(env, fast)).rejects.toThrow(/Cannot reach the Authbahn server/);
  });

  it('delivers service events to subscribers until they unsubscribe', async () => {
    const h = await harness();
    const bridge = await connect(browserLike(h.server, `#token=${h.server.token}`).env);
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
    const bridge = await connect(browserLike(h.server, `#token=${h.server.token}`).env, { ...fast, callTimeoutMs: 200 });
    const result = await bridge.api.app.status();
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(!result.ok && result.error.message).toMatch(/No answer/);
    expect(await bridge.api.app.info()).toMatchObject({ ok: true });
  });

  it('reconnects after the connection drops, fails in-flight calls and refreshes subscribers', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const h = await harness({ wrapHandlers: (real) => ({ ...real, app: { ...real.app, status: async () => (await gate, real.app.status()) } }) });
    const browser = browserLike(h.server, `#token=${h.server.token}`);
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

  it('survives a server restart on the same port and token', async () => {
    const h = await harness();
    const browser = browserLike(h.server, `#token=${h.server.token}`);
    const bridge = await connect(browser.env);
    const { port, token } = h.server;
    const reconnecting = nextState(bridge, 'reconnecting');
    await h.server.close();
    await reconnecting;
    const ready = nextState(bridge, 'ready');
    const restarted: WebServer = await startWebServer({ services: h.backend, staticDir: h.staticDir, port, token });
    cleanups.push(() => restarted.close());
    await ready;
    expect(await bridge.api.app.info()).toMatchObject({ ok: true });
  });

  it('stops and explains when the restarted server has a new token', async () => {
    const h = await harness();
    const browser = browserLike(h.server, `#token=${h.server.token}`);
    const bridge = await connect(browser.env);
    const { port } = h.server;
    const unauthorized = nextState(bridge, 'unauthorized');
    await h.server.close();
    const restarted = await startWebServer({ services: h.backend, staticDir: h.staticDir, port });
    cleanups.push(() => restarted.close());
    await unauthorized;
    expect(await bridge.api.app.info()).toEqual({ ok: false, error: { code: 'UNAUTHORIZED', message: STALE_TOKEN_MESSAGE } });
    expect(browser.storage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
  });
});
