// The web bridge's WebSocket API against a real server and real services.
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { BrowserSessions } from '../../../main/web/browser-sessions';
import { CLOSE, MAX_PAYLOAD_BYTES } from '../../../main/web/protocol';
import { signIn, startHarness, TestClient, type Harness } from './harness';

const account = { type: 'totp', issuer: 'ACME', label: 'alice@example.com', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 };

let h: Harness;
let cookie: string;
beforeAll(async () => {
  h = await startHarness();
  cookie = await signIn(h.server.issueLoginLink());
});
afterAll(() => h.close());

/**
 * Sends an upgrade request and, in the same write, the start of one WebSocket frame that announces
 * `announced` bytes of payload, then keeps writing `sent` bytes of it. Resolves with the HTTP status the
 * server answered and whether the server closed the connection.
 */
function upgradeWithBigFrame(port: number, origin: string, announced: number, sent: number, extraHeaders = ''): Promise<{ status: number; closedByServer: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    let status = 0;
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      data += chunk;
      status ||= Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
    });
    socket.on('error', () => undefined); // EPIPE/ECONNRESET once the server hangs up: expected
    socket.on('close', () => resolve({ status, closedByServer: true }));
    socket.on('connect', () => {
      const request =
        `GET /api HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${origin}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n${extraHeaders}\r\n`;
      // FIN + text opcode, masked, 64-bit length.
      const header = Buffer.alloc(14);
      header[0] = 0x81;
      header[1] = 0x80 | 127;
      header.writeBigUInt64BE(BigInt(announced), 2);
      randomBytes(4).copy(header, 10);
      socket.write(Buffer.concat([Buffer.from(request, 'latin1'), header]));
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let written = 0;
      const pump = () => {
        while (written < sent && !socket.destroyed) {
          written += chunk.length;
          if (!socket.write(chunk)) return void socket.once('drain', pump);
        }
      };
      pump();
    });
    setTimeout(() => reject(new Error(`server kept the connection open (status ${status})`)), 8_000).unref();
  });
}

describe('web server: handshake and origin', () => {
  it('accepts a signed-in browser and answers calls with Results', async () => {
    const client = await TestClient.ready(h.server, cookie);
    const info = await client.call(1, 'app', 'info');
    expect(info).toMatchObject({ ok: true, value: { mode: 'web', version: '0.0.0-test', dataDir: h.dataDir } });
    await client.close();
  });

  it('refuses the upgrade (401) without a session cookie: an unauthenticated peer never gets a WebSocket', async () => {
    const client = new TestClient(`ws://127.0.0.1:${h.server.port}/api`, { origin: h.server.origin });
    await expect(client.opened).rejects.toMatchObject({ status: 401 });
    const otherCookie = new TestClient(`ws://127.0.0.1:${h.server.port}/api`, { origin: h.server.origin, headers: { Cookie: 'other=1; session=abc' } });
    await expect(otherCookie.opened).rejects.toMatchObject({ status: 401 });
  });

  it('never reads a huge first frame from an unauthenticated peer: answers 401 and hangs up', async () => {
    // Before the fix every connection got a WebSocket and its first frame was buffered up to 40 MB.
    const before = h.backend.events.active;
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, () => upgradeWithBigFrame(h.server.port, h.server.origin, 38 * 1024 * 1024, 4 * 1024 * 1024)),
    );
    for (const outcome of outcomes) expect(outcome).toEqual({ status: 401, closedByServer: true });
    expect(h.backend.events.active).toBe(before); // no session was ever created
    expect(await (await TestClient.ready(h.server, cookie)).call(1, 'app', 'status')).toMatchObject({ ok: true });
  });

  it('refuses upgrades from foreign or missing origins with 403, even with a valid cookie', async () => {
    const port = h.server.port;
    for (const origin of ['http://evil.example', `http://evil.example:${port}`, `http://127.0.0.1:${port + 1}`, 'null', `https://127.0.0.1:${port}`]) {
      const client = new TestClient(`ws://127.0.0.1:${port}/api`, { origin, headers: { Cookie: cookie } });
      await expect(client.opened, origin).rejects.toMatchObject({ status: 403 });
    }
    const none = new TestClient(`ws://127.0.0.1:${port}/api`, { headers: { Cookie: cookie } });
    await expect(none.opened).rejects.toMatchObject({ status: 403 });
    // Cookies are per host: a session made on 127.0.0.1 is not one on localhost, but localhost is an allowed origin.
    const localCookie = await signIn(h.server.issueLoginLink().replace('127.0.0.1', 'localhost'));
    const localhost = new TestClient(`ws://localhost:${port}/api`, { origin: `http://localhost:${port}`, headers: { Cookie: localCookie } });
    await expect(localhost.opened).resolves.toBeUndefined();
    await localhost.close();
  });

  it('refuses upgrades with a rebinding Host header (421) or on another path (404)', async () => {
    const port = h.server.port;
    const rebound = new TestClient(`ws://127.0.0.1:${port}/api`, { origin: 'http://evil.example', headers: { Host: 'evil.example', Cookie: cookie } });
    await expect(rebound.opened).rejects.toMatchObject({ status: 421 });
    const wrongPath = new TestClient(`ws://127.0.0.1:${port}/other`, { origin: h.server.origin, headers: { Cookie: cookie } });
    await expect(wrongPath.opened).rejects.toMatchObject({ status: 404 });
  });
});

describe('web server: calls and events', () => {
  it('round-trips real account operations and validates arguments', async () => {
    const client = await TestClient.ready(h.server, cookie);
    const added = await client.call('a1', 'accounts', 'add', [account]);
    expect(added).toMatchObject({ ok: true, value: { issuer: 'ACME', label: 'alice@example.com' } });
    expect(JSON.stringify(added)).not.toContain('JBSWY3DPEHPK3PXP');
    const codes = await client.call(2, 'codes', 'list', []);
    expect(codes.ok).toBe(true);
    expect(codes.value.find((c: { id: string }) => c.id === added.value.id)?.code).toMatch(/^\d{6}$/);
    expect(await client.call(3, 'accounts', 'remove', [42])).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await client.call(4, 'nope', 'x')).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await client.call(5, 'accounts', '__proto__')).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await client.call(6, 'accounts', 'remove', ['no-such-id'])).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await client.call(7, 'accounts', 'remove', [added.value.id])).toEqual({ ok: true, value: null });
    await client.close();
  });

  it('forwards service events to every connected client', async () => {
    const a = await TestClient.ready(h.server, cookie);
    const b = await TestClient.ready(h.server, cookie);
    h.services.events.emit('accounts.changed', { reason: 'reordered' });
    expect(await a.next()).toEqual({ type: 'event', event: 'accounts.changed', payload: { reason: 'reordered' } });
    expect(await b.next()).toEqual({ type: 'event', event: 'accounts.changed', payload: { reason: 'reordered' } });
    await Promise.all([a.close(), b.close()]);
  });

  it('emits accounts.changed when an account is added through the API', async () => {
    const watcher = await TestClient.ready(h.server, cookie);
    const actor = await TestClient.ready(h.server, cookie);
    const added = await actor.call(1, 'accounts', 'add', [{ ...account, label: 'events@example.com' }]);
    expect(added.ok).toBe(true);
    expect(await watcher.next()).toMatchObject({ type: 'event', event: 'accounts.changed' });
    await actor.call(2, 'accounts', 'remove', [added.value.id]);
    await Promise.all([watcher.close(), actor.close()]);
  });

  it('reports malformed frames and keeps the connection usable', async () => {
    const client = await TestClient.ready(h.server, cookie);
    client.send('{ nope');
    expect(await client.next()).toEqual({ type: 'error', message: 'Frame is not valid JSON' });
    client.send({ type: 'subscribe' });
    expect((await client.next()).type).toBe('error');
    client.send({ type: 'call', id: 9, ns: 'app' });
    expect(await client.next()).toMatchObject({ type: 'error', id: 9 });
    client.send({ type: 'hello', token: 'x'.repeat(43) }); // the old handshake frame means nothing any more
    expect(await client.next()).toMatchObject({ type: 'error', message: expect.stringContaining('Unknown frame type') });
    client.ws.send(Buffer.from([1, 2, 3]));
    expect((await client.next()).type).toBe('error');
    expect(await client.call(10, 'app', 'status')).toMatchObject({ ok: true });
    await client.close();
  });

  it('closes an oversized frame (1009) without hurting the server', async () => {
    const client = await TestClient.ready(h.server, cookie);
    client.send({ type: 'call', id: 1, ns: 'accounts', method: 'importUri', args: ['x'.repeat(MAX_PAYLOAD_BYTES + 1024)] });
    expect((await client.closed).code).toBe(1009);
    const again = await TestClient.ready(h.server, cookie);
    expect(await again.call(1, 'app', 'info')).toMatchObject({ ok: true });
    await again.close();
  });

  it('serves concurrent clients with interleaved calls, matching ids', async () => {
    const clients = await Promise.all(Array.from({ length: 6 }, () => TestClient.ready(h.server, cookie)));
    const results = await Promise.all(
      clients.map(async (client, i) => {
        const ids = [`c${i}-1`, `c${i}-2`, `c${i}-3`];
        for (const [k, id] of ids.entries()) client.send({ type: 'call', id, ns: k === 1 ? 'app' : 'codes', method: k === 1 ? 'info' : 'list', args: [] });
        const seen = new Map<string, any>();
        while (seen.size < ids.length) {
          const message = await client.next();
          if (message.type === 'result') seen.set(message.id, message.result);
        }
        return seen;
      }),
    );
    for (const [i, seen] of results.entries()) {
      expect(seen.get(`c${i}-1`)).toMatchObject({ ok: true });
      expect(seen.get(`c${i}-2`)).toMatchObject({ ok: true, value: { mode: 'web' } });
    }
    await Promise.all(clients.map((c) => c.close()));
  });

  it('unsubscribes from service events when connections close', async () => {
    const before = h.backend.events.active;
    const clients = await Promise.all([TestClient.ready(h.server, cookie), TestClient.ready(h.server, cookie)]);
    expect(h.backend.events.active).toBe(before + 2);
    await Promise.all(clients.map((c) => c.close()));
    await new Promise((r) => setTimeout(r, 50));
    expect(h.backend.events.active).toBe(before);
    const dropped = await TestClient.ready(h.server, cookie);
    dropped.ws.terminate();
    await dropped.closed;
    await new Promise((r) => setTimeout(r, 50));
    expect(h.backend.events.active).toBe(before);
  });
});

describe('web server: limits and shutdown', () => {
  it('counts wrong session cookies and login codes toward the lockout, yet lets the right cookie in', async () => {
    const limited = await startHarness({ limiter: { maxFailures: 3, lockoutMs: 400 } });
    try {
      const good = await signIn(limited.server.issueLoginLink());
      const name = BrowserSessions.cookieNameFor(limited.server.port);
      const attempt = (cookieHeader: string) =>
        new TestClient(`ws://127.0.0.1:${limited.server.port}/api`, { origin: limited.server.origin, headers: { Cookie: cookieHeader } }).opened.then(
          () => 101,
          (error: { status?: number }) => error.status,
        );
      // Malformed, unknown and oversized cookie values: each is a wrong credential.
      expect(await attempt(`${name}=not-a-session`)).toBe(401);
      expect(await attempt(`${name}=${'A'.repeat(43)}`)).toBe(401);
      expect(await attempt(`${name}=${'x'.repeat(4000)}`)).toBe(401);
      // Locked out: further wrong attempts, by cookie or by login code, are turned away cheaply.
      expect(await attempt(`${name}=${'B'.repeat(43)}`)).toBe(429);
      expect((await fetch(`${limited.server.origin}/login?code=${'C'.repeat(43)}`, { redirect: 'manual' })).status).toBe(429);
      // The user's own session and a fresh link still work: a local process cannot lock them out.
      const ok = await TestClient.ready(limited.server, good);
      await ok.close();
      await new Promise((r) => setTimeout(r, 450));
      expect(await attempt(`${name}=${'D'.repeat(43)}`)).toBe(401);
    } finally {
      await limited.close();
    }
  });

  it('asks the secret-access check before secret-revealing calls, and only before those', async () => {
    const asked: string[] = [];
    const locked = await startHarness({
      secretAccess: ({ ns, method }) => (asked.push(`${ns}.${method}`), { ok: false, error: { code: 'UNAUTHORIZED', message: 'Unlock Authbahn first' } }),
    });
    try {
      const client = await TestClient.ready(locked.server);
      const added = await client.call(1, 'accounts', 'add', [account]);
      expect(added.ok).toBe(true);
      for (const [i, method] of ['exportUris', 'exportMigration'].entries()) {
        expect(await client.call(10 + i, 'accounts', method)).toEqual({ ok: false, error: { code: 'UNAUTHORIZED', message: 'Unlock Authbahn first' } });
      }
      expect(await client.call(12, 'accounts', 'qr', [added.value.id])).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
      expect(await client.call(13, 'accounts', 'list')).toMatchObject({ ok: true });
      expect(await client.call(14, 'codes', 'list', [])).toMatchObject({ ok: true });
      expect(asked).toEqual(['accounts.exportUris', 'accounts.exportMigration', 'accounts.qr']);
      await client.close();
    } finally {
      await locked.close();
    }
  });

  it('answers calls out of order: a slow handler does not hold up others', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = await startHarness({
      wrapHandlers: (real) => ({ ...real, app: { ...real.app, info: async () => (await gate, real.app.info()) } }),
    });
    try {
      const client = await TestClient.ready(slow.server);
      client.send({ type: 'call', id: 1, ns: 'app', method: 'info', args: [] });
      expect(await client.call(2, 'app', 'status')).toMatchObject({ ok: true });
      release();
      expect(await client.next()).toMatchObject({ type: 'result', id: 1, result: { ok: true, value: { mode: 'web' } } });
      await client.close();
    } finally {
      await slow.close();
    }
  });

  it('close() says goodbye (1001) to clients and frees the port', async () => {
    const temp = await startHarness();
    const client = await TestClient.ready(temp.server);
    const port = temp.server.port;
    await temp.close();
    expect((await client.closed).code).toBe(CLOSE.goingAway);
    const probe = new WebSocket(`ws://127.0.0.1:${port}/api`);
    await expect(new Promise((resolve, reject) => probe.once('error', reject).once('open', resolve))).rejects.toThrow(/ECONNREFUSED/);
  });

  it('refuses non-loopback hosts and reports a busy port clearly', async () => {
    const { startWebServer } = await import('../../../main/web/web-server');
    await expect(startWebServer({ services: h.backend, staticDir: h.staticDir, host: '0.0.0.0' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(startWebServer({ services: h.backend, staticDir: h.staticDir, port: h.server.port })).rejects.toThrow(/already in use/);
    await expect(startWebServer({ services: h.backend, staticDir: h.dataDir })).rejects.toThrow(/npm run build/);
  });
});
