// The built CLI (`node bin/authbahn.js router`, from `npm run build`): starts from a config file, an
// AutobahnJS client logs in with a ticket, the login is logged, SIGTERM stops it cleanly.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRouterConfigText } from '../../../main/router/config/load-config';
import { requireKeyringSession } from '../keyring-env';
import { jsJoin, jsLeave, routerConfig } from './support';

const root = resolve(import.meta.dirname, '..', '..', '..');
const bin = join(root, 'bin', 'authbahn.js');
let work: string;

beforeAll(async () => {
  if (!existsSync(join(root, 'dist', 'main', 'cli.js'))) throw new Error('dist/main/cli.js is missing: run `npm run build` first');
  work = await mkdtemp(join(tmpdir(), 'authbahn-router-cli-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function start(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [bin, ...args], { cwd: work, stdio: 'pipe', env: process.env });
}

function finished(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; out: string; err: string }> {
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((res) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      res({ code, out, err });
    }),
  );
}

function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((res, rej) => {
    let buffer = '';
    const onData = (d: Buffer) => {
      buffer += d.toString();
      const i = buffer.indexOf('\n');
      if (i >= 0) {
        child.stdout.off('data', onData);
        res(buffer.slice(0, i));
      }
    };
    child.stdout.on('data', onData);
    child.once('close', (code) => rej(new Error(`exited with ${code} before printing`)));
  });
}

describe('authbahn router', () => {
  it('runs a config, accepts an AutobahnJS ticket login, logs it, and stops on SIGTERM', async () => {
    const file = join(work, 'config.json');
    const roles = [{ name: 'frontend', permissions: [{ uri: 'com.example.', match: 'prefix', allow: { call: true } }] }];
    const config = routerConfig({ ticket: { type: 'static', principals: { joe: { ticket: 'secret!!!', role: 'frontend' } } } }, roles);
    await writeFile(file, JSON.stringify(config));
    const child = start(['router', '--config', file, '--port', '0', '--json']);
    const done = finished(child);
    const line = JSON.parse(await firstLine(child)) as { transports: { id: string; url: string }[] };
    expect(line.transports).toHaveLength(1);
    expect(line.transports[0]!.id).toBe('main');
    expect(line.transports[0]!.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/ws$/);

    const ok = await jsJoin({ url: line.transports[0]!.url, authmethods: ['ticket'], authid: 'joe', secret: 'secret!!!' });
    expect(ok).toMatchObject({ joined: true, authid: 'joe', authrole: 'frontend' });
    const bad = await jsJoin({ url: line.transports[0]!.url, authmethods: ['ticket'], authid: 'joe', secret: 'nope' });
    expect(bad).toMatchObject({ joined: false, reason: 'wamp.error.not_authorized' });
    // Refused before any authenticator runs: the log must still show it.
    const lost = await jsJoin({ url: line.transports[0]!.url, realm: 'realm2', authmethods: ['ticket'], authid: 'joe', secret: 'secret!!!' });
    expect(lost).toMatchObject({ joined: false, reason: 'wamp.error.no_such_realm' });

    const goodbye = new Promise<string>((res) => {
      ok.connection!.onclose = (_reason, details: { reason?: string }) => {
        res(details.reason ?? '');
        return true;
      };
    });
    child.kill('SIGTERM');
    expect(await goodbye).toBe('wamp.close.system_shutdown');
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/auth: transport=main peer=tcp4:127\.0\.0\.1:\d+ realm=realm1 authid=joe method=ticket → welcome role=frontend/);
    expect(result.err).toMatch(/authid=joe method=ticket → abort wamp\.error\.not_authorized: ticket in static WAMP-Ticket authentication is invalid/);
    expect(result.err).toMatch(/realm=realm2 authid=joe method=- → abort wamp\.error\.no_such_realm: no realm 'realm2' on this router/);
    expect(result.err).not.toContain('secret!!!');
    await jsLeave(ok);
  });

  it('explains a broken config and exits 1', async () => {
    const file = join(work, 'broken.json');
    await writeFile(file, JSON.stringify({ version: 2, workers: [{ type: 'router', realms: [], transports: [{ type: 'websocket', endpoint: { type: 'tcp', port: 'x' } }] }] }));
    const result = await finished(start(['router', '--config', file]));
    expect(result.code).toBe(1);
    expect(result.err).toContain('invalid router config');
    expect(result.err).toContain('workers[0].transports[0].endpoint.port: port must be a number from 0 to 65535, got "x"');
    const garbage = join(work, 'garbage.json');
    await writeFile(garbage, '{"version": 2,');
    const second = await finished(start(['router', '--config', garbage]));
    expect(second.code).toBe(1);
    expect(second.err).toContain('not valid JSON');
  });

  it('stores a router secret in the keychain and serves a config that references it', async () => {
    requireKeyringSession();
    const dataDir = join(work, 'data');
    const setter = start(['--data-dir', dataDir, 'router', 'secret', 'set', 'cli-joe']);
    const stored = finished(setter);
    setter.stdin.end('ticket-in-keychain\n');
    expect(await stored).toMatchObject({ code: 0 });
    const file = join(work, 'keychain.json');
    const roles = [{ name: 'frontend', permissions: [] }];
    await writeFile(file, JSON.stringify(routerConfig({ ticket: { type: 'static', principals: { joe: { ticket: { keychain: 'cli-joe' }, role: 'frontend' } } } }, roles)));
    const child = start(['--data-dir', dataDir, 'router', '--config', file, '--port', '0', '--json']);
    const done = finished(child);
    const line = JSON.parse(await firstLine(child)) as { transports: { url: string }[] };
    const ok = await jsJoin({ url: line.transports[0]!.url, authmethods: ['ticket'], authid: 'joe', secret: 'ticket-in-keychain' });
    expect(ok).toMatchObject({ joined: true, authid: 'joe' });
    child.kill('SIGINT');
    expect((await done).code).toBe(0);
    const deleter = start(['--data-dir', dataDir, 'router', 'secret', 'delete', 'cli-joe']);
    const deleted = finished(deleter);
    deleter.stdin.end();
    expect(await deleted).toMatchObject({ code: 0 });
    // The reference now fails at start-up, naming the item.
    const failing = start(['--data-dir', dataDir, 'router', '--config', file, '--port', '0']);
    const failed = finished(failing);
    failing.stdin.end();
    const result = await failed;
    expect(result.code).toBe(1);
    expect(result.err).toContain('keychain item "router:cli-joe" does not exist');
  });

  it('prints an example config that loads', async () => {
    const result = await finished(start(['router', '--example-config']));
    expect(result.code).toBe(0);
    expect(parseRouterConfigText(result.out).realms[0]!.name).toBe('realm1');
    expect(result.err).toContain('keychain');
  });
});
