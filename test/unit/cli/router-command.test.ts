// `authbahn router` in-process: usage and config errors, secrets in an in-memory keychain, and a run
// that starts the real router on port 0 and stops when the (injected) signal arrives.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { main } from '../../../main/cli';
import type { CliDeps } from '../../../main/cli/command-context';
import { MemorySecretStore } from '../../../main/vault/memory-secret-store';

async function cli(argv: string[], opts: { store?: MemorySecretStore; stdin?: string; onListening?: (out: string) => Promise<void> } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'authbahn-router-unit-'));
  let out = '';
  let err = '';
  const deps: CliDeps = {
    serviceOverrides: { secretStore: opts.store ?? new MemorySecretStore(), platform: 'linux', probeTimeoutMs: 1_000 },
    home: '/nonexistent-home',
    ...(opts.stdin !== undefined ? { readStdin: async () => opts.stdin! } : {}),
  };
  const code = await main(
    argv,
    {
      stdout: (t) => void (out += t),
      stderr: (t) => void (err += t),
      env: { AUTHBAHN_DATA_DIR: join(dir, 'data') },
      // "Ctrl+C" arrives once the test has looked at the running router.
      untilSignal: async () => opts.onListening?.(out),
    },
    deps,
  );
  return { code, out, err, dir };
}

const config = (ticket: unknown) => ({
  version: 2,
  workers: [
    {
      type: 'router',
      realms: [{ name: 'realm1', roles: [{ name: 'frontend', permissions: [] }] }],
      transports: [{ type: 'websocket', id: 'ws', endpoint: { type: 'tcp', port: 0 }, auth: { ticket: { type: 'static', principals: { joe: { ticket, role: 'frontend' } } } } }],
    },
  ],
});

describe('authbahn router', () => {
  it('needs --config (usage error, exit 2) and lists itself in the help', async () => {
    const r = await cli(['router']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('give --config FILE');
    expect((await cli(['help', 'router'])).out).toContain('authbahn router --config FILE');
    expect((await cli(['--help'])).out).toContain('router --config FILE');
  });

  it('reports a missing file and a bad --port clearly (exit 1)', async () => {
    const missing = await cli(['router', '--config', '/nonexistent/config.json']);
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.err).toContain('/nonexistent/config.json: invalid router config:\n  (file): file not found');
    const port = await cli(['router', '--config', 'x.json', '--port', '70000']);
    expect(port.code).toBe(1);
    expect(port.err).toContain('--port must be from 0 to 65535');
  });

  it('stores and deletes router secrets (stdin, trailing newline dropped)', async () => {
    const store = new MemorySecretStore();
    expect((await cli(['router', 'secret', 'set', 'joe'], { store, stdin: 'hunter2\n' })).code).toBe(0);
    expect(await store.get('router:joe')).toBe('hunter2');
    expect((await cli(['router', 'secret', 'delete', 'joe'], { store })).code).toBe(0);
    expect(await store.get('router:joe')).toBeNull();
    const again = await cli(['router', 'secret', 'delete', 'joe'], { store });
    expect(again.code).toBe(1);
    expect(again.err).toContain('there is no keychain item router:joe');
    expect((await cli(['router', 'secret', 'set', 'bad name'], { store, stdin: 'x' })).code).toBe(1);
  });

  it('runs a config with a keychain reference, prints the URL as JSON and stops on the signal', async () => {
    const store = new MemorySecretStore();
    await store.set('router:joe', 'from-keychain');
    const dir = await mkdtemp(join(tmpdir(), 'authbahn-router-cfg-'));
    const file = join(dir, 'config.json');
    await writeFile(file, JSON.stringify(config({ keychain: 'joe' })));
    let reachable = false;
    const r = await cli(['router', '--config', file, '--port', '0', '--json'], {
      store,
      onListening: async (out) => {
        const url = (JSON.parse(out.split('\n')[0]!) as { transports: { url: string }[] }).transports[0]!.url;
        const ws = new WebSocket(url, ['wamp.2.json']);
        await new Promise<void>((res, rej) => {
          ws.once('open', () => res());
          ws.once('error', rej);
        });
        reachable = ws.protocol === 'wamp.2.json';
        ws.close();
      },
    });
    expect(r.code).toBe(0);
    expect(reachable).toBe(true);
    expect(r.out.split('\n')[0]).toMatch(/^\{"transports":\[\{"id":"ws","url":"ws:\/\/127\.0\.0\.1:\d+\/ws"\}\]\}$/);
    expect(r.err).toContain('Stopping the router');
  });

  it('refuses to start when a keychain reference is missing, naming it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'authbahn-router-cfg-'));
    const file = join(dir, 'config.json');
    await writeFile(file, JSON.stringify(config({ keychain: 'nobody' })));
    const r = await cli(['router', '--config', file, '--port', '0']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('keychain item "router:nobody" does not exist (store it with: authbahn router secret set nobody)');
  });
});
