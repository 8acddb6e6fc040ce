// The web bridge's WebSocket API against a real server and real services.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CLOSE, MAX_PAYLOAD_BYTES } from '../../../main/web/protocol';
import { startHarness, TestClient, type Harness } from './harness';

const account = { type: 'totp', issuer: 'ACME', label: 'alice@example.com', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 };

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ helloTimeoutMs: 300 });
});
afterAll(() => h.close());

describe('web server: handshake and origin', () => {
  it('accepts the right token and answers calls with Results', async () => {
    const client = await TestClient.ready(h.server);
    const info = await client.call(1, 'app', 'info');
    expect(info).toMatchObject({ ok: true, value: { mode: 'web', version: '0.0.0-test', dataDir: h.dataDir } });
    await client.close();
  });

  it('closes with 4401 on a wrong token', async () => {
    const client = await TestClient.connect(h.server);
    client.send({ type: 'hello', token: `${h.server.token.slice(0, -2)}xx` });
    expect((await client.closed).code).toBe(CLOSE.unauthorized);
  });

  it('closes with 4401 when the first frame is not a hello', async () => {
    for (const first of [{ type: 'call', id: 1, ns: 'app', method: 'info', args: [] }, 'not json', { token: h.server.token }]) {
      const client = await TestClient.connect(h.server);
      client.send(first);
      expect((await client.closed).code).toBe(CLOSE.unauthorized);
    }
    const binary = await TestClient.connect(h.server);
    binary.ws.send(Buffer.from(JSON.stringify({ type: 'hello', token: h.server.token })));
    expect((await binary.closed).code).toBe(CLOSE.unauthorized);
  });

  it('closes with 4408 when no hello arrives in time', async () => {
    const client = await TestClient.connect(h.server);
    const started = Date.now();
    expect((await client.closed).code).toBe(CLOSE.helloTimeout);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('refuses upgrades from foreign or missing origins with 403', async () => {
    const port = h.server.port;
    for (const origin of ['http://evil.example', `http://evil.example:${port}`, `http://127.0.0.1:${port + 1}`, 'null', `https://127.0.0.1:${port}`]) {
      const client = new TestClient(`ws://127.0.0.1:${port}/api`, { origin });
      await expect(client.opened, origin).rejects.toMatchObject({ status: 403 });
    }
    const none = new TestClient(`ws://127.0.0.1:${port}/api`);
    await expect(none.opened).rejects.toMatchObject({ status: 403 });
    const localhost = new TestClient(`ws://localhost:${port}/api`, { origin: `http://localhost:${port}` });
    await expect(localhost.opened).resolves.toBeUndefined();
    await localhost.close();
  });

  it('refuses upgrades with a rebinding Host header (421) or on another path (404)', async () => {
    const port = h.server.port;
    const rebound = new TestClient(`ws://127.0.0.1:${port}/api`, { origin: 'http://evil.example', headers: { Host: 'evil.example' } });
    await expect(rebound.opened).rejects.toMatchObject({ status: 421 });
    const wrongPath = new TestClient(`ws://127.0.0.1:${port}/other`, { origin: h.server.origin });
    await expect(wrongPath.opened).rejects.toMatchObject({ status: 404 });
  });
});

describe('web server: calls and events', () => {
  it('round-trips real account operations and validates arguments', async () => {
    const client = await TestClient.ready(h.server);
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
    const a = await TestClient.ready(h.server);
    const b = await TestClient.ready(h.server);
    h.services.events.emit('accounts.changed', { reason: 'reordered' });
    expect(await a.next()).toEqual({ type: 'event', event: 'accounts.changed', payload: { reason: 'reordered' } });
    expect(await b.next()).toEqual({ type: 'event', event: 'accounts.changed', payload: { reason: 'reordered' } });
    await Promise.all([a.close(), b.close()]);
  });

  it('emits accounts.changed when an account is added through the API', async () => {
    const watcher = await TestClient.ready(h.server);
    const actor = await TestClient.ready(h.server);
    const added = await actor.call(1, 'accounts', 'add', [{ ...account, label: 'events@example.com' }]);
    expect(added.ok).toBe(true);
    expect(await watcher.next()).toMatchObject({ type: 'event', event: 'accounts.changed' });
    await actor.call(2, 'accounts', 'remove', [added.value.id]);
    await Promise.all([watcher.close(), actor.close()]);
  });

  it('reports malformed frames and keeps the connection usable', async () => {
    const client = await TestClient.ready(h.server);
    client.send('{ nope');
    expect(await client.next()).toEqual({ type: 'error', message: 'Frame is not valid JSON' });
    client.send({ type: 'subscribe' });
    expect((await client.next()).type).toBe('error');
    client.send({ type: 'call', id: 9, ns: 'app' });
    expect(await client.next()).toMatchObject({ type: 'error', id: 9 });
    client.send({ type: 'hello', token: h.server.token });
    expect(await client.next()).toEqual({ type: 'error', message: 'Already authenticated' });
    client.ws.send(Buffer.from([1, 2, 3]));
    expect((await client.next()).type).toBe('error');
    expect(await client.call(10, 'app', 'status')).toMatchObject({ ok: true });
    await client.close();
  });

  it('closes an oversized frame (1009) without hurting the server', async () => {
    const client = await TestClient.ready(h.server);
    client.send({ type: 'call', id: 1, ns: 'accounts', method: 'importUri', args: ['x'.repeat(MAX_PAYLOAD_BYTES + 1024)] });
    expect((await client.closed).code).toBe(1009);
    const again = await TestClient.ready(h.server);
    expect(await again.call(1, 'app', 'info')).toMatchObject({ ok: true });
    await again.close();
  });

  it('serves concurrent clients with interleaved calls, matching ids', async () => {
    const clients = await Promise.all(Array.from({ length: 6 }, () => TestClient.ready(h.server)));
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
    const clients = await Promise.all([TestClient.ready(h.server), TestClient.ready(h.server)]);
    expect(h.backend.events.active).toBe(before + 2);
    await Promise.all(clients.map((c) => c.close()));
    await new Promise((r) => setTimeout(r, 50));
    expect(h.backend.events.active).toBe(before);
    const dropped = await TestClient.ready(h.server);
    dropped.ws.terminate();
    await dropped.closed;
    await new Promise((r) => setTimeout(r, 50));
    expect(h.backend.events.active).toBe(before);
  });
});

describe('web server: limits and shutdown', () => {
  it('locks out a peer after repeated wrong tokens, then lets it back in', async () => {
    const limited = await startHarness({ limiter: { maxFailures: 3, lockoutMs: 400 } });
    try {
      for (let i = 0; i < 3; i++) {
        const client = await TestClient.connect(limited.server);
        client.send({ type: 'hello', token: 'wrong-token-wrong-token' });
        expect((await client.closed).code).toBe(CLOSE.unauthorized);
      }
      const refused = new TestClient(`ws://127.0.0.1:${limited.server.port}/api`, { origin: limited.server.origin });
      await expect(refused.opened).rejects.toMatchObject({ status: 429 });
      await new Promise((r) => setTimeout(r, 450));
      const ok = await TestClient.ready(limited.server);
      await ok.close();
    } finally {
      await limited.close();
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
