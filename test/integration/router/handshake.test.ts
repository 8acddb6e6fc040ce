// Session lifecycle over real sockets: WELCOME contents, refusals (realm, role, credentials,
// timeouts), subprotocol/origin/path checks, several transports, events, GOODBYE and shutdown.
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuthAttemptEvent, SessionInfo, SessionLeftEvent } from '../../../main/router/types';
import { AnonymousTestAuthenticator, PermissiveAuthorizer, TicketTestAuthenticator } from '../../support/router/fixtures';
import { RawClient } from '../../support/router/raw-client';
import { startTestRouter, type TestRouter } from '../../support/router/router-harness';
import { Router } from '../../../main/router/router';

let r: TestRouter | undefined;
afterEach(async () => {
  await r?.stop();
  r = undefined;
});

describe('handshake', () => {
  it('WELCOMEs with roles, identity and a session id in [1, 2^53], and reports the join', async () => {
    r = await startTestRouter();
    const joined: SessionInfo[] = [];
    const auths: AuthAttemptEvent[] = [];
    r.router.on('session-joined', (s) => joined.push(s));
    r.router.on('auth', (a) => auths.push(a));
    const c = await RawClient.connect(r.url, 'cbor');
    c.send([1, 'realm1', { authid: 'alice', roles: { caller: {} } }]);
    const welcome = await c.next();
    expect(welcome[0]).toBe(2);
    const id = welcome[1] as number;
    expect(Number.isInteger(id) && id >= 1 && id <= 2 ** 53).toBe(true);
    const details = welcome[2] as Record<string, any>;
    expect(details).toMatchObject({ realm: 'realm1', authid: 'alice', authrole: 'anonymous', authmethod: 'anonymous', authprovider: 'test', authextra: {} });
    expect(details.roles.broker.features.pattern_based_subscription).toBe(true);
    expect(details.roles.dealer.features.progressive_call_results).toBe(true);
    expect(joined).toMatchObject([{ session: id, realm: 'realm1', authid: 'alice', serializer: 'cbor', transport: { transportId: 'ws1', protocol: 'wamp.2.cbor' } }]);
    expect(joined[0]!.transport.peer).toMatch(/^tcp4:127\.0\.0\.1:\d+$/);
    expect(auths).toMatchObject([{ outcome: 'success', stage: 'hello', realm: 'realm1', authid: 'alice', sessionId: id }]);
    expect(r.router.listSessions().map((s) => s.session)).toEqual([id]);
    expect(r.router.getSession(id)?.authid).toBe('alice');
    c.close();
  });

  it('ABORTs an unknown realm before asking the authenticator', async () => {
    const authenticator = new AnonymousTestAuthenticator();
    r = await startTestRouter({ authenticator });
    const auths: AuthAttemptEvent[] = [];
    r.router.on('auth', (a) => auths.push(a));
    const c = await RawClient.connect(r.url);
    c.send([1, 'nope', {}]);
    const abort = await c.next();
    expect(abort).toEqual([3, { message: "no realm 'nope' on this router" }, 'wamp.error.no_such_realm']);
    expect(authenticator.hellos).toHaveLength(0);
    expect(auths).toMatchObject([{ outcome: 'failure', reason: 'wamp.error.no_such_realm', realm: 'nope' }]);
    expect((await c.closed).code).toBe(1000);
  });

  it('ABORTs when the assigned role does not exist on the realm', async () => {
    r = await startTestRouter({ authorizer: new PermissiveAuthorizer(['anonymous']) });
    const c = await RawClient.connect(r.url);
    c.send([1, 'realm1', { authrole: 'admin' }]);
    const abort = await c.next();
    expect(abort[2]).toBe('wamp.error.no_such_role');
    expect((abort[1] as { message: string }).message).toContain("'admin'");
  });

  it('runs CHALLENGE → AUTHENTICATE → WELCOME, and ABORTs a wrong signature', async () => {
    r = await startTestRouter({ authenticator: new TicketTestAuthenticator('s3cret') });
    const auths: AuthAttemptEvent[] = [];
    r.router.on('auth', (a) => auths.push(a));
    const good = await RawClient.connect(r.url, 'msgpack');
    good.send([1, 'realm1', { authmethods: ['ticket'], authid: 'joe' }]);
    expect(await good.next()).toEqual([4, 'ticket', {}]);
    good.send([5, 's3cret', {}]);
    const welcome = await good.next();
    expect(welcome[0]).toBe(2);
    expect(welcome[2]).toMatchObject({ authid: 'joe', authrole: 'user', authmethod: 'ticket' });

    const bad = await RawClient.connect(r.url, 'json');
    bad.send([1, 'realm1', { authmethods: ['ticket'], authid: 'joe' }]);
    await bad.next(4);
    bad.send([5, 'wrong', {}]);
    expect(await bad.next()).toEqual([3, { message: 'wrong ticket' }, 'wamp.error.not_authorized']);
    expect(auths.map((a) => [a.outcome, a.stage, a.authmethod])).toEqual([
      ['success', 'authenticate', 'ticket'],
      ['failure', 'authenticate', 'ticket'],
    ]);

    const none = await RawClient.connect(r.url);
    none.send([1, 'realm1', {}]);
    expect((await none.next())[2]).toBe('wamp.error.no_auth_method');
  });

  it('ABORTs when AUTHENTICATE or HELLO do not arrive in time', async () => {
    r = await startTestRouter({ authenticator: new TicketTestAuthenticator('x'), transport: { authTimeoutMs: 100, handshakeTimeoutMs: 150 } });
    const auths: AuthAttemptEvent[] = [];
    r.router.on('auth', (a) => auths.push(a));
    const slow = await RawClient.connect(r.url);
    slow.send([1, 'realm1', { authmethods: ['ticket'] }]);
    await slow.next(4);
    const abort = await slow.next(3);
    expect(abort[2]).toBe('wamp.error.authentication_failed');
    expect(auths).toMatchObject([{ outcome: 'failure', stage: 'timeout' }]);
    const silent = await RawClient.connect(r.url);
    expect((await silent.next(3))[2]).toBe('wamp.error.timeout');
    expect((await silent.closed).code).toBe(1000);
  });

  it('answers GOODBYE with GOODBYE and reports the leave', async () => {
    r = await startTestRouter();
    const left: SessionLeftEvent[] = [];
    r.router.on('session-left', (e) => left.push(e));
    const c = await RawClient.connect(r.url);
    const id = await c.join('realm1');
    c.send([6, {}, 'wamp.close.normal']);
    expect(await c.next()).toEqual([6, {}, 'wamp.close.goodbye_and_out']);
    await c.closed;
    expect(left).toMatchObject([{ session: { session: id }, reason: 'wamp.close.normal' }]);
    expect(r.router.listSessions()).toEqual([]);
  });

  it('kills a session with GOODBYE on request', async () => {
    r = await startTestRouter();
    const c = await RawClient.connect(r.url);
    const id = await c.join('realm1');
    expect(r.router.killSession(id, 'wamp.close.killed', 'bye')).toBe(true);
    expect(await c.next()).toEqual([6, { message: 'bye' }, 'wamp.close.killed']);
    c.send([6, {}, 'wamp.close.goodbye_and_out']);
    await c.closed;
    expect(r.router.killSession(id)).toBe(false);
  });
});

describe('transport', () => {
  function upgrade(url: string, protocols: string[], headers: Record<string, string> = {}): Promise<{ status?: number; body?: string; protocol?: string }> {
    return new Promise((resolve) => {
      const ws = new WebSocket(url, protocols, { headers });
      ws.once('open', () => {
        resolve({ protocol: ws.protocol });
        ws.close();
      });
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode, body }));
      });
      ws.once('error', () => undefined);
    });
  }

  it('negotiates subprotocols and refuses clients with none in common', async () => {
    r = await startTestRouter({ transport: { serializers: ['msgpack', 'cbor'] } });
    expect(await upgrade(r.url, ['wamp.2.json', 'wamp.2.cbor'])).toEqual({ protocol: 'wamp.2.cbor' });
    const refused = await upgrade(r.url, ['wamp.2.json']);
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('no common WAMP subprotocol');
    expect((await upgrade(r.url, [])).status).toBe(400);
  });

  it('answers a plain HTTP GET with 426 and how to connect', async () => {
    r = await startTestRouter();
    const res = await fetch(r.url.replace(/^ws:/, 'http:'));
    expect(res.status).toBe(426);
    expect(await res.text()).toContain('wamp.2.json, wamp.2.msgpack, wamp.2.cbor');
  });

  it('checks Origin against allowed origins and the path', async () => {
    r = await startTestRouter({ transport: { allowedOrigins: ['http://localhost:*'] } });
    expect((await upgrade(r.url, ['wamp.2.json'], { Origin: 'http://evil.example' })).status).toBe(403);
    expect(await upgrade(r.url, ['wamp.2.json'], { Origin: 'http://localhost:5173' })).toEqual({ protocol: 'wamp.2.json' });
    expect(await upgrade(r.url, ['wamp.2.json'])).toEqual({ protocol: 'wamp.2.json' });
    const root = r.url.replace(/\/ws$/, '/');
    expect(await upgrade(root, ['wamp.2.json'])).toEqual({ protocol: 'wamp.2.json' });
    expect((await upgrade(r.url.replace(/\/ws$/, '/other'), ['wamp.2.json'])).status).toBe(404);
  });

  it('listens on several transports with their own authenticators, sharing realms', async () => {
    const authorizer = new PermissiveAuthorizer();
    const router = new Router({
      transports: [
        { id: 'open', port: 0, authenticator: new AnonymousTestAuthenticator() },
        { id: 'secure', port: 0, path: '/secure', authenticator: new TicketTestAuthenticator('pw') },
      ],
      realms: [{ name: 'realm1', authorizer }],
      shutdownGraceMs: 200,
    });
    const bound = await router.start();
    try {
      expect(bound.map((b) => b.id)).toEqual(['open', 'secure']);
      expect(bound[0]!.port).not.toBe(bound[1]!.port);
      expect(bound[1]!.url).toMatch(/\/secure$/);
      const a = await RawClient.connect(bound[0]!.url);
      await a.join('realm1');
      const b = await RawClient.connect(bound[1]!.url);
      b.send([1, 'realm1', { authmethods: ['ticket'] }]);
      await b.next(4);
      b.send([5, 'pw', {}]);
      await b.next(2);
      expect(router.listSessions('realm1').map((s) => s.transport.transportId).sort()).toEqual(['open', 'secure']);
    } finally {
      await router.stop();
    }
  });

  it('sends GOODBYE system_shutdown to every session on stop() and closes the listeners', async () => {
    const t = await startTestRouter();
    const a = await RawClient.connect(t.url);
    await a.join('realm1');
    const pending = await RawClient.connect(t.url); // still in its handshake
    const stopped = t.stop();
    expect(await a.next()).toEqual([6, { message: 'router is shutting down' }, 'wamp.close.system_shutdown']);
    a.send([6, {}, 'wamp.close.goodbye_and_out']);
    expect((await pending.next(3))[2]).toBe('wamp.close.system_shutdown');
    await stopped;
    await a.closed;
    await expect(RawClient.connect(t.url)).rejects.toThrow();
    expect(t.router.connectionCount).toBe(0);
  });

  it('fails start() cleanly when a port is taken', async () => {
    r = await startTestRouter();
    const clash = new Router({ transports: [{ id: 'x', port: r.bound[0]!.port, authenticator: new AnonymousTestAuthenticator() }], realms: [] });
    await expect(clash.start()).rejects.toThrow(/EADDRINUSE/);
  });
});
