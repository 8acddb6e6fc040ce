// Shared set-up for the web bridge integration tests: a real web server on port 0 over real services
// (temp data dir, in-memory secret store) and a small promise-based WebSocket client.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { ApiHandlers } from '../../../shared/api/contract';
import { EventBus, type EventListener } from '../../../main/events';
import { createServices, type ServiceOptions, type Services } from '../../../main/services';
import { MemorySecretStore } from '../../../main/vault/memory-secret-store';
import type { ApiBackend } from '../../../main/web/api-session';
import { lockSecretAccess } from '../../../main/web/secret-access';
import { startWebServer, type WebServer, type WebServerOptions } from '../../../main/web/web-server';

export const INDEX_HTML = '<!doctype html><html><head><title>Authbahn test</title></head><body><div id="root"></div></body></html>';

/** EventBus that counts live subscriptions, to prove sessions unsubscribe when they close. */
export class CountingBus extends EventBus {
  active = 0;
  override on(listener: EventListener): () => void {
    const off = super.on(listener);
    this.active += 1;
    let done = false;
    return () => {
      if (!done) this.active -= 1;
      done = true;
      return off();
    };
  }
}

export interface Harness {
  server: WebServer;
  services: Services;
  /** What the server was given: the services' handlers with a counting event bus that forwards service events. */
  backend: ApiBackend & { events: CountingBus };
  staticDir: string;
  dataDir: string;
  close(): Promise<void>;
}

export async function startHarness(
  overrides: Partial<WebServerOptions> & { wrapHandlers?: (real: ApiHandlers) => ApiHandlers; serviceOptions?: Partial<ServiceOptions> } = {},
): Promise<Harness> {
  const root = mkdtempSync(join(tmpdir(), 'authbahn-web-it-'));
  const staticDir = join(root, 'static');
  const dataDir = join(root, 'data');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(staticDir, 'assets', 'app-1a2b.js'), 'export const x = 1;\n');
  writeFileSync(join(staticDir, 'assets', 'zxing.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  writeFileSync(join(staticDir, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');

  const services = await createServices({
    dataDir,
    keychainService: 'authbahn-web-it',
    mode: 'web',
    clipboard: null,
    version: '0.0.0-test',
    secretStore: new MemorySecretStore(),
    ...overrides.serviceOptions,
  });
  const bus = new CountingBus();
  const unforward = services.events.on((event, payload) => bus.emit(event, payload));
  const backend = { handlers: overrides.wrapHandlers ? overrides.wrapHandlers(services.handlers) : services.handlers, events: bus };
  const { wrapHandlers: _ignored, serviceOptions: _alsoIgnored, ...serverOptions } = overrides;
  // As `authbahn serve` does: the lock's re-auth rule as the bridge's secret-access hook.
  const server = await startWebServer({ services: backend, staticDir, port: 0, secretAccess: lockSecretAccess(services.lock), ...serverOptions });
  return {
    server,
    services,
    backend,
    staticDir,
    dataDir,
    async close() {
      await server.close();
      unforward();
      await services.dispose();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A WebSocket client with a message queue, so tests can `await next()` without racing. */
export class TestClient {
  readonly ws: WebSocket;
  private readonly queue: unknown[] = [];
  private readonly waiters: ((value: unknown) => void)[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly opened: Promise<void>;

  constructor(url: string, options: WebSocket.ClientOptions = {}) {
    this.ws = new WebSocket(url, options);
    this.ws.on('message', (data, isBinary) => {
      const value = isBinary ? data : JSON.parse(data.toString());
      const waiter = this.waiters.shift();
      if (waiter) waiter(value);
      else this.queue.push(value);
    });
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })));
      this.ws.once('error', reject);
    });
    this.opened.catch(() => undefined);
    this.closed = new Promise((resolve) => this.ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  /** Opens /api with the page's Origin and, when given, a Cookie header (`name=value`). */
  static async connect(server: ServerAddress, cookie?: string, options: WebSocket.ClientOptions = {}): Promise<TestClient> {
    const client = new TestClient(`ws://127.0.0.1:${server.port}/api`, {
      origin: server.origin,
      ...options,
      headers: { ...(cookie ? { Cookie: cookie } : {}), ...options.headers },
    });
    await client.opened;
    return client;
  }

  /** Connect as a signed-in browser (signing in with a fresh link unless a cookie is given) and wait for `ready`. */
  static async ready(server: ServerAddress & Partial<Pick<WebServer, 'issueLoginLink'>>, cookie?: string): Promise<TestClient> {
    const jar = cookie ?? (server.issueLoginLink ? await signIn(server.issueLoginLink()) : undefined);
    if (!jar) throw new Error('TestClient.ready needs a cookie or a server that issues login links');
    const client = await TestClient.connect(server, jar);
    const first = await client.next();
    if ((first as { type?: string }).type !== 'ready') throw new Error(`expected ready, got ${JSON.stringify(first)}`);
    return client;
  }

  send(value: unknown): void {
    this.ws.send(typeof value === 'string' ? value : JSON.stringify(value));
  }

  next(timeoutMs = 5_000): Promise<any> {
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no message within timeout')), timeoutMs);
      this.waiters.push((value) => {
        clearTimeout(timer);
        resolve(value);
      });
    });
  }

  async call(id: number | string, ns: string, method: string, args: unknown[] = []): Promise<any> {
    this.send({ type: 'call', id, ns, method, args });
    for (;;) {
      const message = await this.next();
      if (message.type === 'result' && message.id === id) return message.result;
    }
  }

  close(): Promise<{ code: number; reason: string }> {
    this.ws.close();
    return this.closed;
  }
}

export type ServerAddress = Pick<WebServer, 'port' | 'origin'>;

/** Opens a login link like a browser would and returns the session cookie as `name=value` (for a Cookie header). */
export async function signIn(link: string): Promise<string> {
  const response = await fetch(link, { redirect: 'manual' });
  if (response.status !== 303) throw new Error(`login link answered ${response.status}, not 303`);
  const cookie = response.headers.getSetCookie()[0];
  if (!cookie) throw new Error('login answered without Set-Cookie');
  return cookie.split(';', 1)[0]!;
}

/** A raw HTTP/1.1 request over TCP, so paths and Host headers reach the server exactly as written. */
export async function rawHttp(port: number, request: string): Promise<{ status: number; head: string; body: string }> {
  const { connect } = await import('node:net');
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (data += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const [head = '', body = ''] = data.split('\r\n\r\n', 2);
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), head, body });
    });
  });
}
