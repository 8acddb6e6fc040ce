// `authbahn serve` in-process: real services (in-memory secrets), real server, a fake signal.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../main/cli/context';
import { runServe, type ServeDeps } from '../../../main/cli/serve';
import { createServices, type ServiceOptions } from '../../../main/services';
import { MemorySecretStore } from '../../../main/vault/memory-secret-store';
import type { SecretStore } from '../../../main/vault/secret-store';
import { signIn, TestClient } from './harness';

let root: string;
let staticDir: string;
let dataDir: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'authbahn-serve-it-'));
  staticDir = join(root, 'static');
  dataDir = join(root, 'data');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>serve test</title>');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function fakeIo() {
  let stdout = '';
  let stderr = '';
  let signal!: () => void;
  const stopped = new Promise<void>((resolve) => (signal = resolve));
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: { AUTHBAHN_KEYCHAIN_SERVICE: 'authbahn-serve-it' },
    untilSignal: () => stopped,
  };
  return { io, signal, out: () => stdout, err: () => stderr };
}

function deps(secretStore: SecretStore = new MemorySecretStore(), extra: Partial<ServeDeps> = {}) {
  const seen: ServiceOptions[] = [];
  let disposed = 0;
  const d: ServeDeps = {
    createServices: async (opts) => {
      seen.push(opts);
      const services = await createServices({ ...opts, secretStore });
      const dispose = services.dispose.bind(services);
      return Object.assign(services, { dispose: async () => (disposed++, dispose()) });
    },
    ...extra,
  };
  return { d, seen, disposed: () => disposed };
}

async function waitFor<T>(fn: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = fn();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('authbahn serve', () => {
  it('serves the UI and the API until signalled, then shuts everything down', async () => {
    const { io, signal, out, err } = fakeIo();
    const { d, seen, disposed } = deps();
    const exit = runServe(['--print-url-json', '--data-dir', dataDir, '--static', staticDir], io, d);
    const line = await waitFor(() => out().split('\n').find((l) => l.startsWith('{')), 'the JSON line');
    const info = JSON.parse(line) as { url: string; origin: string; port: number };
    expect(Object.keys(info).sort()).toEqual(['origin', 'port', 'url']);
    expect(info.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${info.port}/login\\?code=[A-Za-z0-9_-]{43}$`));
    expect(out()).toBe(`${line}\n`); // nothing else on stdout in JSON mode
    expect(err()).toContain(`Authbahn web UI: ${info.url}`);
    expect(err()).toContain('signs in one browser, once');
    expect(err()).toContain('Keychain: memory (tests)');
    expect(seen[0]).toMatchObject({ dataDir, keychainService: 'authbahn-serve-it', mode: 'web', clipboard: null });

    expect(await (await fetch(`${info.origin}/`)).text()).toContain('serve test');
    const client = await TestClient.ready(info, await signIn(info.url));
    // The printed link worked once; now it is spent.
    expect((await fetch(info.url, { redirect: 'manual' })).status).toBe(410);
    expect(await client.call(1, 'app', 'info')).toMatchObject({ ok: true, value: { mode: 'web', dataDir } });

    signal();
    expect(await exit).toBe(0);
    expect((await client.closed).code).toBe(1001);
    expect(disposed()).toBe(1);
    await expect(fetch(`${info.origin}/`)).rejects.toThrow();
  });

  it('with --open hands the browser a private file, never the link; the file and its code are one-use', async () => {
    const { io, signal, out } = fakeIo();
    const opened: string[] = [];
    const openerParentDir = join(root, 'tmp');
    mkdirSync(openerParentDir);
    const { d } = deps(undefined, { openInBrowser: async (target) => void opened.push(target), openerParentDir });
    const exit = runServe(['--open', '--data-dir', dataDir, '--static', staticDir], io, d);
    const link = await waitFor(() => /Authbahn web UI: (\S+)/.exec(out())?.[1], 'the link');
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/login\?code=[A-Za-z0-9_-]{43}$/);
    const target = await waitFor(() => opened[0], 'the browser');

    // What reaches the launcher's argv (and `ps`): a file path, with no code in it.
    const code = new URL(link).searchParams.get('code')!;
    expect(target.startsWith(openerParentDir)).toBe(true);
    expect(target).not.toMatch(/code=|login/);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(statSync(join(target, '..')).mode & 0o777).toBe(0o700);
    const html = readFileSync(target, 'utf8');
    const openLink = /http-equiv="refresh" content="0;url=([^"]+)"/.exec(html)?.[1]?.replace(/&#38;/g, '&');
    expect(openLink).toMatch(/\/login\?code=/);
    expect(openLink).not.toContain(code); // its own code: the printed link still works once
    expect(target).not.toContain(new URL(openLink!).searchParams.get('code'));

    // The browser follows the file: signed in, file gone, code spent.
    const cookie = await signIn(openLink!);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(openerParentDir)).toEqual([]);
    expect((await fetch(openLink!, { redirect: 'manual' })).status).toBe(410);
    const client = await TestClient.ready({ origin: new URL(link).origin, port: Number(new URL(link).port) }, cookie);
    await client.close();
    await signIn(link);
    signal();
    expect(await exit).toBe(0);
  });

  it('with --open deletes the file and voids its code after a short time if the browser never came', async () => {
    const { io, signal, out } = fakeIo();
    const opened: string[] = [];
    const openerParentDir = join(root, 'tmp');
    mkdirSync(openerParentDir);
    const { d } = deps(undefined, { openInBrowser: async (target) => void opened.push(target), openerParentDir, openerTtlMs: 100 });
    const exit = runServe(['--open', '--data-dir', dataDir, '--static', staticDir], io, d);
    await waitFor(() => /Authbahn web UI: (\S+)/.exec(out())?.[1], 'the link');
    const target = await waitFor(() => opened[0], 'the browser');
    const openLink = /content="0;url=([^"]+)"/.exec(readFileSync(target, 'utf8'))![1]!;
    await waitFor(() => (existsSync(target) ? undefined : true), 'the file to go away');
    expect((await fetch(openLink, { redirect: 'manual' })).status).toBe(410);
    signal();
    expect(await exit).toBe(0);
  });

  it('keeps serving when the browser cannot be opened', async () => {
    const { io, signal, err } = fakeIo();
    const openerParentDir = join(root, 'tmp');
    mkdirSync(openerParentDir);
    const { d } = deps(undefined, { openInBrowser: async () => Promise.reject(new Error('xdg-open not found')), openerParentDir });
    const exit = runServe(['--open', '--data-dir', dataDir, '--static', staticDir], io, d);
    await waitFor(() => (err().includes('could not open a browser') ? true : undefined), 'the note');
    expect(err()).toContain('xdg-open not found');
    expect(readdirSync(openerParentDir)).toEqual([]); // the opener file did not outlive the failure
    signal();
    expect(await exit).toBe(0);
  });

  it('still serves, with a clear warning, when the keychain is unavailable', async () => {
    const broken: SecretStore = {
      backend: 'Secret Service',
      get: () => Promise.reject(new Error('org.freedesktop.DBus.Error.ServiceUnknown')),
      set: () => Promise.reject(new Error('org.freedesktop.DBus.Error.ServiceUnknown')),
      delete: () => Promise.reject(new Error('org.freedesktop.DBus.Error.ServiceUnknown')),
    };
    const { io, signal, out, err } = fakeIo();
    const { d } = deps(broken);
    const exit = runServe(['--print-url-json', '--data-dir', dataDir, '--static', staticDir], io, d);
    const line = await waitFor(() => out().split('\n').find((l) => l.startsWith('{')), 'the JSON line');
    expect(err()).toMatch(/Warning: the OS keychain is unavailable/);
    const info = JSON.parse(line);
    const client = await TestClient.ready(info, await signIn(info.url));
    expect(await client.call(1, 'app', 'status')).toMatchObject({ ok: true, value: { keychain: { ok: false } } });
    await client.close();
    signal();
    expect(await exit).toBe(0);
  });

  it('fails clearly on a missing UI build, a busy port and bad options', async () => {
    const missing = fakeIo();
    expect(await runServe(['--static', join(root, 'nope'), '--data-dir', dataDir], missing.io, deps().d)).toBe(1);
    expect(missing.err()).toContain('npm run build');

    const bad = fakeIo();
    expect(await runServe(['--host', '0.0.0.0'], bad.io, deps().d)).toBe(2);
    expect(bad.err()).toContain('loopback');
    expect(bad.err()).toContain('Usage: authbahn serve');

    const first = fakeIo();
    const firstExit = runServe(['--print-url-json', '--data-dir', dataDir, '--static', staticDir], first.io, deps().d);
    const line = await waitFor(() => first.out().split('\n').find((l) => l.startsWith('{')), 'the JSON line');
    const { port } = JSON.parse(line) as { port: number };
    const busy = fakeIo();
    const busyDeps = deps();
    expect(await runServe(['--port', String(port), '--data-dir', join(root, 'data2'), '--static', staticDir], busy.io, busyDeps.d)).toBe(1);
    expect(busy.err()).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    expect(busyDeps.disposed()).toBe(1);
    first.signal();
    expect(await firstExit).toBe(0);
  });

  it('prints help', async () => {
    const { io, out } = fakeIo();
    expect(await runServe(['--help'], io, deps().d)).toBe(0);
    expect(out()).toContain('--print-url-json');
  });
});
