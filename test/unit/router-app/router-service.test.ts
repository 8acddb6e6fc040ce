// RouterService with a real router on 127.0.0.1:0, real files in a temp dir, AutobahnJS clients and an
// in-memory secret store (the keychain itself is covered by the integration tests).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvents, EventName } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/errors';
import { EventBus } from '../../../main/events';
import { VaultSecretResolver } from '../../../main/router/auth/secret-refs';
import { defaultRouterConfig, formatConfig } from '../../../main/router-app/default-config';
import { writeSelfSignedCertificate } from '../../../main/tls/cert-files';
import { RouterService } from '../../../main/router-app/router-service';
import { MemorySecretStore } from '../../../main/vault/memory-secret-store';
import { jsJoin, jsLeave } from '../../integration/router-auth/support';

type Seen = { event: EventName; payload: ApiEvents[EventName] };

let dir: string;
let store: MemorySecretStore;
let events: EventBus;
let seen: Seen[];
let warnings: string[];
let service: RouterService;

function makeService(defaultPort = 0) {
  return new RouterService({
    dataDir: dir,
    secrets: new VaultSecretResolver({ secrets: store, accounts: async () => [] }),
    events,
    warn: (m) => warnings.push(m),
    defaultPort,
    sessionsEventDelayMs: 5,
    shutdownGraceMs: 200,
  });
}

/** Default config with the transport's auth replaced. */
function configWithAuth(auth: unknown, roles: unknown[] = [{ name: 'anonymous', permissions: [] }, { name: 'user', permissions: [] }]) {
  const config = defaultRouterConfig(0) as { workers: [{ realms: [{ roles: unknown[] }]; transports: [{ auth: unknown }] }] };
  config.workers[0].realms[0].roles = roles;
  config.workers[0].transports[0].auth = auth;
  return formatConfig(config);
}

async function until<T>(read: () => T, ok: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = read();
    if (ok(value)) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'authbahn-router-app-'));
  store = new MemorySecretStore();
  events = new EventBus();
  seen = [];
  warnings = [];
  events.on((event, payload) => seen.push({ event, payload }));
  service = makeService();
});

afterEach(async () => {
  await service.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('router.json', () => {
  it('is created with the default local config on first use', async () => {
    expect(existsSync(join(dir, 'router.json'))).toBe(false);
    const view = await service.getConfig();
    expect(view.valid).toBe(true);
    expect(view.path).toBe(join(dir, 'router.json'));
    expect(JSON.parse(readFileSync(view.path, 'utf8'))).toEqual(JSON.parse(view.text));
    expect(view.summary?.realms).toEqual([{ name: 'realm1', roles: ['anonymous'] }]);
    expect(view.summary?.transports).toEqual([{ id: 'local', host: '127.0.0.1', port: 0, path: '/ws', authmethods: ['anonymous'] }]);
    expect(view.notices).toEqual([expect.objectContaining({ level: 'info', message: expect.stringContaining('Created') })]);
    expect(warnings).toEqual([]);
  });

  it('drops the "Created router.json" notice once the user saved a config', async () => {
    const first = await service.getConfig();
    expect(first.notices).toHaveLength(1);
    const saved = await service.saveConfig(configWithAuth({ anonymous: { type: 'static', role: 'user' } }));
    expect(saved.notices).toEqual([]);
    expect((await service.getConfig()).notices).toEqual([]);
  });

  it('says which keychain items exist, by name only', async () => {
    await service.setSecret('joe-ticket', 'right-ticket');
    await service.setSecret('ann-secret', 'ann-pw');
    expect(await service.storedSecrets(['ann-secret', 'nobody', 'joe-ticket', 'ann-secret'])).toEqual(['ann-secret', 'joe-ticket']);
    await service.deleteSecret('ann-secret');
    expect(await service.storedSecrets(['ann-secret', 'joe-ticket'])).toEqual(['joe-ticket']);
    await expect(service.storedSecrets(['bad name!'])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('the default port is 8080 on loopback only, with browser origins limited to localhost', async () => {
    const config = defaultRouterConfig() as { workers: [{ transports: [{ endpoint: unknown; options: unknown }] }] };
    expect(config.workers[0].transports[0].endpoint).toEqual({ type: 'tcp', port: 8080, interface: '127.0.0.1' });
    expect(config.workers[0].transports[0].options).toEqual({ allowed_origins: ['http://localhost:*', 'http://127.0.0.1:*'] });
  });

  it('round-trips a saved config exactly and keeps the previous one as .bak', async () => {
    const first = (await service.getConfig()).text;
    const next = configWithAuth({ ticket: { type: 'static', principals: { joe: { ticket: { keychain: 'joe' }, role: 'user' } } } });
    const view = await service.saveConfig(next);
    expect(view.text).toBe(next);
    expect(readFileSync(join(dir, 'router.json'), 'utf8')).toBe(next);
    expect(readFileSync(join(dir, 'router.json.bak'), 'utf8')).toBe(first);
    // A fresh service (next app start) reads the same text.
    const again = makeService();
    expect((await again.getConfig()).text).toBe(next);
    await again.dispose();
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses an invalid config with path-precise issues and leaves the file untouched', async () => {
    const before = (await service.getConfig()).text;
    const bad = before.replace('"port": 0', '"port": 70000').replace('"subscribe": true', '"subscribe": "yes"');
    const error = await service.saveConfig(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('INVALID_ARGUMENT');
    const issues = (error as AppError).details?.issues as { path: string; message: string }[];
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['workers[0].transports[0].endpoint.port', 'workers[0].realms[0].roles[0].permissions[0].allow.subscribe']),
    );
    expect(readFileSync(join(dir, 'router.json'), 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'router.json.bak'))).toBe(false);

    const syntax = service.validateConfig('{"version": 2,\n  "workers": [}');
    expect(syntax.valid).toBe(false);
    expect(syntax.issues[0]!.path).toBe('(file)');
    expect(syntax.issues[0]!.message).toMatch(/not valid JSON/);
  });

  it('sets a corrupt router.json aside and restores the backup', async () => {
    await service.getConfig();
    const good = configWithAuth({ anonymous: { type: 'static', role: 'user' } });
    await service.saveConfig(good);
    await service.saveConfig(configWithAuth({ anonymous: { type: 'static', role: 'anonymous' } }));
    writeFileSync(join(dir, 'router.json'), '{"version": 2, "workers": [');

    const view = await service.getConfig();
    expect(view.text).toBe(good);
    const aside = readdirSync(dir).filter((f) => f.startsWith('router.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]!), 'utf8')).toBe('{"version": 2, "workers": [');
    expect(view.notices.at(-1)).toMatchObject({ level: 'warning', message: expect.stringContaining(aside[0]!) });
    expect(warnings.at(-1)).toContain('could not be read');
  });

  it('replaces an empty router.json without a backup by the default, and restores a deleted one from .bak', async () => {
    writeFileSync(join(dir, 'router.json'), '');
    const view = await service.getConfig();
    expect(view.valid).toBe(true);
    expect(view.summary?.realms[0]?.name).toBe('realm1');
    expect(view.notices.at(-1)?.message).toContain('the file is empty');
    expect(view.notices.at(-1)?.message).toContain('a default config was written');
    expect(readdirSync(dir).filter((f) => f.startsWith('router.json.corrupt-')).map((f) => readFileSync(join(dir, f), 'utf8'))).toEqual(['']);

    const mine = configWithAuth({ anonymous: { type: 'static', role: 'user' } });
    await service.saveConfig(mine);
    await service.saveConfig(configWithAuth({ anonymous: { type: 'static', role: 'anonymous' } }));
    rmSync(join(dir, 'router.json'));
    const restored = await service.getConfig();
    expect(restored.text).toBe(mine);
    expect(restored.notices.at(-1)).toMatchObject({ level: 'warning', message: expect.stringContaining('was missing') });
    expect(readFileSync(join(dir, 'router.json'), 'utf8')).toBe(mine);
  });

  it('keeps a valid-JSON but invalid config for the editor and refuses to start with it', async () => {
    writeFileSync(join(dir, 'router.json'), '{"version": 3, "workers": []}\n');
    const view = await service.getConfig();
    expect(view.text).toBe('{"version": 3, "workers": []}\n');
    expect(view.valid).toBe(false);
    expect(view.issues.map((i) => i.path)).toContain('version');
    const error = await service.start().catch((e: unknown) => e);
    expect((error as AppError).code).toBe('ROUTER_ERROR');
    expect(service.status()).toMatchObject({ state: 'stopped', running: false });
    expect(service.status().error).toContain('version');
  });

  it('setPort changes only the first transport port', async () => {
    const view = await service.setPort(18_080);
    expect(view.summary?.transports[0]?.port).toBe(18_080);
    const doc = JSON.parse(view.text) as { workers: [{ transports: [{ endpoint: unknown; options: unknown }] }] };
    expect(doc.workers[0].transports[0].endpoint).toEqual({ type: 'tcp', port: 18_080, interface: '127.0.0.1' });
    expect(doc.workers[0].transports[0].options).toEqual({ allowed_origins: ['http://localhost:*', 'http://127.0.0.1:*'] });
  });
});

describe('running the router', () => {
  it('starts, lists sessions, logs logins and stops with events for each', async () => {
    const status = await service.start();
    expect(status.running).toBe(true);
    expect(status.transports).toHaveLength(1);
    expect(status.transports[0]!.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/ws$/);
    expect(status.transports[0]!.url).not.toMatch(/:0\//);
    expect(seen.filter((s) => s.event === 'router.status').map((s) => (s.payload as { state: string }).state)).toEqual(['starting', 'running']);

    const client = await jsJoin({ url: status.transports[0]!.url });
    expect(client.joined).toBe(true);
    const sessions = await until(() => service.sessions(), (s) => s.total === 1, 'the session');
    expect(sessions.sessions[0]).toMatchObject({ realm: 'realm1', authrole: 'anonymous', authmethod: 'anonymous', transport: 'local', serializer: 'json' });
    expect(sessions.sessions[0]!.peer).toMatch(/^tcp4:127\.0\.0\.1:\d+$/);
    await until(() => seen, (s) => s.some((e) => e.event === 'router.sessions' && (e.payload as { total: number }).total === 1), 'a sessions event');
    expect(service.authLog()).toEqual([
      expect.objectContaining({ outcome: 'success', authmethod: 'anonymous', authrole: 'anonymous', realm: 'realm1', transport: 'local', reason: null }),
    ]);
    expect(seen.some((e) => e.event === 'router.auth')).toBe(true);

    await jsLeave(client);
    await until(() => service.sessions(), (s) => s.total === 0, 'the session to leave');
    const stopped = await service.stop();
    expect(stopped).toMatchObject({ state: 'stopped', running: false, transports: [], startedAt: null, error: null });
  });

  it('warns (app warnings and config notices, once) when TLS "ciphers" leave no TLS 1.2 cipher for the key', async () => {
    await writeSelfSignedCertificate(join(dir, 'tls'));
    const config = defaultRouterConfig(0) as { workers: [{ transports: [{ endpoint: Record<string, unknown> }] }] };
    // Crossbar's documented RSA-only list with the ECDSA certificate `authbahn router cert` makes.
    config.workers[0].transports[0].endpoint.tls = { key: 'tls/key.pem', certificate: 'tls/cert.pem', ciphers: 'ECDHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES128-GCM-SHA256' };
    expect((await service.saveConfig(formatConfig(config))).valid).toBe(true);
    expect((await service.start()).transports[0]!.url).toMatch(/^wss:/);
    await service.stop();
    await service.start();
    const expected = expect.stringMatching(/^transport "local": its TLS "ciphers" leave no TLS 1\.2 cipher for the ECDSA key/);
    expect(warnings).toEqual([expected]);
    expect((await service.getConfig()).notices.filter((n) => n.level === 'warning')).toEqual([{ level: 'warning', message: expected }]);
  });

  it('logs a wrong ticket as a failure with its reason, never the ticket', async () => {
    await service.saveConfig(configWithAuth({ ticket: { type: 'static', principals: { joe: { ticket: { keychain: 'joe-ticket' }, role: 'user' } } } }));
    await service.setSecret('joe-ticket', 'right-ticket');
    expect(await store.get('router:joe-ticket')).toBe('right-ticket');
    expect(readFileSync(join(dir, 'router.json'), 'utf8')).not.toContain('right-ticket');

    const { transports } = await service.start();
    const url = transports[0]!.url;
    const good = await jsJoin({ url, authmethods: ['ticket'], authid: 'joe', secret: 'right-ticket' });
    expect(good).toMatchObject({ joined: true, authid: 'joe', authrole: 'user' });
    const bad = await jsJoin({ url, authmethods: ['ticket'], authid: 'joe', secret: 'wrong-ticket' });
    expect(bad.joined).toBe(false);

    const log = await until(() => service.authLog(), (l) => l.length === 2, 'two log entries');
    expect(log[0]).toMatchObject({ outcome: 'success', authid: 'joe', authmethod: 'ticket', authrole: 'user' });
    expect(log[1]).toMatchObject({ outcome: 'failure', authid: 'joe', authmethod: 'ticket', reason: bad.reason });
    expect(log[1]!.reason).toMatch(/^wamp\.error\./);
    expect(JSON.stringify(log)).not.toMatch(/right-ticket|wrong-ticket/);
    await jsLeave(good);
  });

  it('logs refusals the authenticators never see (unknown realm) and ones decided at HELLO', async () => {
    await service.saveConfig(configWithAuth({ wampcra: { type: 'static', users: { ann: { secret: 'ann-secret', role: 'user' } } } }));
    const { transports } = await service.start();
    const url = transports[0]!.url;
    const noRealm = await jsJoin({ url, realm: 'no.such.realm', authmethods: ['wampcra'], authid: 'ann', secret: 'ann-secret' });
    expect(noRealm).toMatchObject({ joined: false, reason: 'wamp.error.no_such_realm' });
    const unknownUser = await jsJoin({ url, authmethods: ['wampcra'], authid: 'bob', secret: 'x' });
    expect(unknownUser.joined).toBe(false);
    const ann = await jsJoin({ url, authmethods: ['wampcra'], authid: 'ann', secret: 'ann-secret' });
    expect(ann.joined).toBe(true);

    const log = await until(() => service.authLog(), (l) => l.length === 3, 'three log entries');
    expect(log[0]).toMatchObject({ outcome: 'failure', realm: 'no.such.realm', authid: 'ann', authmethod: null, reason: 'wamp.error.no_such_realm' });
    expect(log[1]).toMatchObject({ outcome: 'failure', authid: 'bob', authmethod: 'wampcra', reason: unknownUser.reason });
    expect(log[2]).toMatchObject({ outcome: 'success', authid: 'ann', authmethod: 'wampcra', authrole: 'user' });
    expect(JSON.stringify(log)).not.toContain('ann-secret');
    await jsLeave(ann);
  });

  it('refuses to start when a keychain reference cannot be resolved', async () => {
    await service.saveConfig(configWithAuth({ ticket: { type: 'static', principals: { joe: { ticket: { keychain: 'missing' }, role: 'user' } } } }));
    const error = (await service.start().catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('ROUTER_ERROR');
    expect(error.message).toContain('router:missing');
    expect((await service.getConfig()).secretProblems.join('\n')).toContain('router:missing');
    expect(service.status().running).toBe(false);
  });

  it('says which port is in use', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await service.setPort(port);
      const error = (await service.start().catch((e: unknown) => e)) as AppError;
      expect(error.code).toBe('ROUTER_ERROR');
      expect(error.message).toContain(`port ${port} is already in use`);
      expect(service.status()).toMatchObject({ state: 'stopped', running: false });
      expect(service.status().error).toContain(`port ${port} is already in use`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
    // Once the port is free, the same config starts.
    expect((await service.start()).running).toBe(true);
  });

  it('marks a config saved while running, and a double start binds once', async () => {
    const [a, b] = await Promise.all([service.start(), service.start()]);
    expect(a.transports).toEqual(b.transports);
    expect(a.configChangedSinceStart).toBe(false);
    await service.saveConfig((await service.getConfig()).text.replace('"cache": true', '"cache": false'));
    expect(service.status().configChangedSinceStart).toBe(true);
    await service.stop();
    expect((await service.start()).configChangedSinceStart).toBe(false);
  });

  it('kills a session and stops on dispose', async () => {
    const { transports } = await service.start();
    const client = await jsJoin({ url: transports[0]!.url });
    const closed = new Promise<string>((resolve) => {
      client.connection!.onclose = (_reason, details: Record<string, unknown>) => {
        resolve(details.reason as string);
        return true;
      };
    });
    const [session] = (await until(() => service.sessions(), (s) => s.total === 1, 'the session')).sessions;
    expect(service.killSession(session!.id)).toBe(true);
    expect(await closed).toBe('wamp.close.killed');
    expect(service.killSession(session!.id)).toBe(false);
    await service.dispose();
    expect(service.status().running).toBe(false);
  });
});
