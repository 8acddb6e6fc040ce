// The router namespace end to end through the web bridge: real services (temp data dir, in-memory
// secret store), the loopback API server, a WebSocket API client, and AutobahnJS against the router.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsJoin, jsLeave } from '../router-auth/support';
import { startHarness, TestClient, type Harness } from '../web/harness';

let harness: Harness;
let client: TestClient;
let events: { event: string; payload: any }[];
let nextId = 1;

const call = (method: string, args: unknown[] = []) => client.call(nextId++, 'router', method, args);

async function eventually<T>(read: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = read();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeEach(async () => {
  harness = await startHarness();
  client = await TestClient.ready(harness.server);
  events = [];
  client.ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { type: string; event: string; payload: unknown };
    if (message.type === 'event') events.push({ event: message.event, payload: message.payload });
  });
});

afterEach(async () => {
  await client?.close();
  await harness?.close();
});

describe('router API over the web bridge', () => {
  it('edits router.json, runs the router, and pushes status, sessions and auth events', async () => {
    const config = await call('getConfig');
    expect(config.ok).toBe(true);
    expect(config.value.path).toBe(join(harness.dataDir, 'router.json'));
    expect(config.value.summary.transports[0].port).toBe(8080);

    // Arguments are validated against the contract before the service sees them.
    const badPort = await call('setPort', [70_000]);
    expect(badPort).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const ported = await call('setPort', [0]);
    expect(ported.value.summary.transports[0].port).toBe(0);

    const invalid = await call('saveConfig', [config.value.text.replace('"websocket"', '"rawsocket-ish"')]);
    expect(invalid.ok).toBe(false);
    expect(invalid.error.code).toBe('INVALID_ARGUMENT');
    expect(invalid.error.details.issues[0].path).toBe('workers[0].transports[0].type');
    expect(JSON.parse(readFileSync(join(harness.dataDir, 'router.json'), 'utf8')).workers[0].transports[0].endpoint.port).toBe(0);

    const started = await call('start');
    expect(started.ok).toBe(true);
    const url: string = started.value.transports[0].url;
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/ws$/);
    await eventually(() => events.find((e) => e.event === 'router.status' && e.payload.state === 'running'), 'the running status event');

    const joined = await jsJoin({ url });
    expect(joined.joined).toBe(true);
    const sessionsEvent = await eventually(() => events.find((e) => e.event === 'router.sessions' && e.payload.total === 1), 'a sessions event');
    expect(sessionsEvent.payload.sessions[0]).toMatchObject({ realm: 'realm1', authrole: 'anonymous', authmethod: 'anonymous' });
    const authEvent = await eventually(() => events.find((e) => e.event === 'router.auth'), 'an auth event');
    expect(authEvent.payload).toMatchObject({ outcome: 'success', authmethod: 'anonymous', realm: 'realm1' });
    expect((await call('sessions')).value.total).toBe(1);
    expect((await call('authLog')).value).toHaveLength(1);
    await jsLeave(joined);

    const stopped = await call('stop');
    expect(stopped.value).toMatchObject({ state: 'stopped', running: false });
  });

  it('reports a port in use by the first router to a second one, and stops the router on dispose', async () => {
    await call('setPort', [0]);
    const first = await call('start');
    const port = Number(new URL(first.value.transports[0].url).port);

    const other = await startHarness();
    try {
      const otherClient = await TestClient.ready(other.server);
      await otherClient.call(1, 'router', 'setPort', [port]);
      const refused = await otherClient.call(2, 'router', 'start');
      expect(refused.ok).toBe(false);
      expect(refused.error.code).toBe('ROUTER_ERROR');
      expect(refused.error.message).toContain(`port ${port} is already in use`);
      const status = await otherClient.call(3, 'router', 'status');
      expect(status.value).toMatchObject({ running: false, state: 'stopped' });
      expect(status.value.error).toContain(`port ${port} is already in use`);
      await otherClient.close();
    } finally {
      await other.close();
    }

    await harness.services.dispose();
    expect(harness.services.router.status().running).toBe(false);
    const refused = await new Promise<string>((resolve) => {
      const ws = new WebSocket(first.value.transports[0].url, ['wamp.2.json']);
      ws.once('open', () => resolve('open'));
      ws.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
  });

  it('stores a keychain secret for a config reference', async () => {
    const config = await call('getConfig');
    const doc = JSON.parse(config.value.text);
    doc.workers[0].transports[0].auth = { ticket: { type: 'static', principals: { joe: { ticket: { keychain: 'joe' }, role: 'anonymous' } } } };
    const saved = await call('saveConfig', [JSON.stringify(doc, null, 2)]);
    expect(saved.ok).toBe(true);
    expect(saved.value.secretProblems.join('\n')).toContain('router:joe');
    expect((await call('setSecret', ['joe', 'joe-ticket'])).ok).toBe(true);
    expect((await call('getConfig')).value.secretProblems).toEqual([]);
    expect((await call('setSecret', ['bad name!', 'x'])).error.code).toBe('INVALID_ARGUMENT');
    expect((await call('deleteSecret', ['joe'])).value).toBe(true);
  });
});
