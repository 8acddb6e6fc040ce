// Issue 12's "done when", end to end with the built CLI (`node bin/authbahn.js`, from `npm run build`):
// keys made and listed with `authbahn keys`, a certificate from `authbahn router cert`, ONE Crossbar
// config.json as Crossbar users write them (a TLS "websocket" transport, a TLS "web" transport with a
// websocket path, plain and TLS "rawsocket" transports, a "universal" one, a Unix-socket rawsocket for
// the backend; static and dynamic cryptosign principals with hex "authorized_keys") run unchanged by
// `authbahn router --config`. Autobahn|Python and AutobahnJS sign in over each transport with their own
// Ed25519 code; `authbahn test --cryptosign-key` reaches each and diagnoses a wrong key, an untrusted
// certificate and a RawSocket serializer refusal. Autobahn|Python's tls-unique channel binding is checked
// over TLS 1.3 and 1.2, and a signature without the binding is refused.
//
// Where the private keys come from. `authbahn keys` never prints a private key (the keychain is the only
// place it lives), so a client library cannot be handed a key made by `keys generate`. The test
// therefore uses both ways a user gets a key into the keychain:
//  - `keys generate done-laptop`: used by the tester (`--cryptosign-key done-laptop`), which signs in
//    the main process with the key from the keychain — the path the app itself offers;
//  - `keys import`: the user's existing key, as the client library reads it — an OpenSSH ed25519 file
//    from ssh-keygen (Autobahn|Python loads it with CryptosignKey.from_ssh_file) and 32-byte hex seeds
//    (AutobahnJS: nacl.sign.keyPair.fromSeed). The router's authorized_keys hold the public keys that
//    `keys import`/`keys show` print, so the router is proven to accept keys managed by `authbahn keys`.
import autobahn from 'autobahn';
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireKeyringSession } from '../keyring-env';
import { jsCryptosignJoin } from './cryptosign-support';
import type { Serializer } from './support';

const root = resolve(import.meta.dirname, '..', '..', '..');
const bin = join(root, 'bin', 'authbahn.js');
const SERIALIZERS: Serializer[] = ['json', 'msgpack', 'cbor'];

let work: string;
let env: NodeJS.ProcessEnv;
let router: ChildProcessWithoutNullStreams | undefined;
let routerLog = '';
let backend: autobahn.Connection | undefined;
let urls: Record<string, string>;
let caFile: string;
let ca: Buffer;
let fingerprint: string;
const pub: Record<string, string> = {};
const seed: Record<string, string> = {};
let sshKeyFile: string;
const keyNames = ['done-laptop', 'done-python', 'done-js', 'done-device'];

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function authbahn(args: string[], stdin = ''): Promise<Run> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: work, env, stdio: 'pipe' });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolveRun({ code, out, err });
    });
    child.stdin.end(stdin);
  });
}

async function ok(args: string[], stdin = ''): Promise<string> {
  const run = await authbahn(args, stdin);
  expect(run.code, `authbahn ${args.join(' ')}: ${run.err}`).toBe(0);
  return run.out;
}

/** The config a Crossbar user would write, with the public keys `authbahn keys` printed. */
function crossbarConfig() {
  const tls = { key: 'tls/key.pem', certificate: 'tls/cert.pem' };
  const staticAuth = {
    cryptosign: {
      type: 'static',
      principals: {
        laptop: { realm: 'realm1', role: 'frontend', authorized_keys: [pub['done-laptop']] },
        client: { realm: 'realm1', role: 'frontend', authorized_keys: [pub['done-python'], pub['done-js']] },
      },
    },
  };
  const dynamicAuth = { cryptosign: { type: 'dynamic', authenticator: 'com.example.authenticate' } };
  return {
    version: 2,
    controller: {},
    workers: [
      {
        type: 'router',
        realms: [
          {
            name: 'realm1',
            roles: [
              { name: 'frontend', permissions: [{ uri: 'com.example.', match: 'prefix', allow: { call: true, register: false, publish: false, subscribe: true }, disclose: { caller: false, publisher: false }, cache: true }] },
              { name: 'device', permissions: [{ uri: 'com.example.device.', match: 'prefix', allow: { call: false, register: false, publish: true, subscribe: false }, disclose: { caller: false, publisher: false }, cache: true }] },
              { name: 'authenticator', permissions: [{ uri: 'com.example.authenticate', match: 'exact', allow: { call: false, register: true, publish: false, subscribe: false }, disclose: { caller: false, publisher: false }, cache: true }] },
            ],
          },
        ],
        transports: [
          // Ports are 0 (any free port; the router prints what it bound) so parallel CI runs never collide.
          { type: 'websocket', id: 'wss', endpoint: { type: 'tcp', port: 0, tls }, serializers: ['json', 'msgpack', 'cbor'], auth: staticAuth },
          { type: 'web', id: 'wss-device', endpoint: { type: 'tcp', port: 0, tls }, paths: { ws: { type: 'websocket', auth: dynamicAuth } } },
          { type: 'rawsocket', id: 'rs', endpoint: { type: 'tcp', port: 0 }, serializers: ['json', 'msgpack', 'cbor'], auth: staticAuth },
          { type: 'rawsocket', id: 'rs-device', endpoint: { type: 'tcp', port: 0 }, auth: dynamicAuth },
          { type: 'rawsocket', id: 'rss', endpoint: { type: 'tcp', port: 0, tls }, auth: staticAuth },
          {
            type: 'universal',
            id: 'uni',
            endpoint: { type: 'tcp', port: 0 },
            rawsocket: { serializers: ['cbor'], auth: staticAuth },
            websocket: { ws: { type: 'websocket', auth: staticAuth } },
          },
          // The same with TLS: the first octet after the TLS handshake picks WebSocket or RawSocket.
          {
            type: 'universal',
            id: 'unis',
            endpoint: { type: 'tcp', port: 0, tls },
            rawsocket: { auth: staticAuth },
            websocket: { ws: { type: 'websocket', auth: staticAuth } },
          },
          // The authenticator component's way in: a Unix socket only local processes reach.
          { type: 'rawsocket', id: 'backend', endpoint: { type: 'unix', path: 'backend.sock' }, auth: { anonymous: { type: 'static', role: 'authenticator' } } },
        ],
      },
    ],
  };
}

/** Resolves with the router's first stdout line (its --json transport list). */
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
    child.once('close', (code) => rej(new Error(`the router exited with ${code} before listening: ${routerLog}`)));
  });
}

/** The dynamic authenticator: a backend AutobahnJS session over the Unix socket, as Crossbar users run one. */
function startAuthenticator(socketPath: string, devices: Record<string, { authid: string; role: string }>): Promise<autobahn.Connection> {
  return new Promise((res, rej) => {
    const connection = new autobahn.Connection({
      transports: [{ type: 'rawsocket', path: socketPath }],
      realm: 'realm1',
      max_retries: 0,
      retry_if_unreachable: false,
    } as unknown as autobahn.IConnectionOptions);
    connection.onopen = (session) => {
      session
        .register('com.example.authenticate', (args?: unknown[]) => {
          const [, , details] = args as [string, string | null, { authextra?: { pubkey?: string } }];
          const pubkey = details.authextra?.pubkey ?? '';
          const device = Object.prototype.hasOwnProperty.call(devices, pubkey) ? devices[pubkey] : undefined;
          if (device) return { pubkey, ...device };
          throw new autobahn.Error('com.example.unknown_device', ['this device is not registered']);
        })
        .then(() => res(connection), rej);
    };
    connection.onclose = (reason) => {
      rej(new Error(`authenticator session closed: ${reason}`));
      return true;
    };
    connection.open();
  });
}

beforeAll(async () => {
  requireKeyringSession();
  if (!existsSync(join(root, 'dist', 'main', 'cli.js'))) throw new Error('dist/main/cli.js is missing: run `npm run build` first');
  work = await mkdtemp(join(tmpdir(), 'authbahn-cryptosign-done-'));
  env = { ...process.env, AUTHBAHN_DATA_DIR: join(work, 'data') };

  // Keys, the way a user makes them (see the comment at the top).
  sshKeyFile = join(work, 'id_ed25519');
  await promisify(execFile)('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'done@test', '-f', sshKeyFile]);
  seed['done-js'] = randomBytes(32).toString('hex');
  seed['done-device'] = randomBytes(32).toString('hex');
  const [laptop, python, js, device] = await Promise.all([
    ok(['keys', 'generate', 'done-laptop']),
    readFile(sshKeyFile, 'utf8').then((text) => ok(['keys', 'import', 'done-python'], text)),
    ok(['keys', 'import', 'done-js'], `${seed['done-js']}\n`),
    ok(['keys', 'import', 'done-device'], seed['done-device']),
  ]);
  Object.assign(pub, { 'done-laptop': laptop.trim(), 'done-python': python.trim(), 'done-js': js.trim(), 'done-device': device.trim() });

  const cert = await ok(['router', 'cert', '--out', 'tls']);
  fingerprint = /SHA-256 fingerprint: (\S+)/.exec(cert)![1]!;
  caFile = join(work, 'tls', 'cert.pem');
  ca = await readFile(caFile);

  await writeFile(join(work, 'config.json'), JSON.stringify(crossbarConfig(), null, 2));
  router = spawn(process.execPath, [bin, 'router', '--config', 'config.json', '--json'], { cwd: work, env, stdio: 'pipe' });
  router.stderr.on('data', (d: Buffer) => (routerLog += d.toString()));
  const listening = JSON.parse(await firstLine(router)) as { transports: { id: string; url: string; urls?: string[] }[] };
  urls = {};
  for (const t of listening.transports) {
    urls[t.id] = t.url;
    for (const u of t.urls ?? []) urls[`${t.id} ${u.split(':')[0]}`] = u;
  }
  backend = await startAuthenticator(urls.backend!.replace(/^unix:/, ''), {
    [pub['done-device']!]: { authid: 'device-1', role: 'device' },
    [pub['done-laptop']!]: { authid: 'laptop-as-device', role: 'device' },
  });
}, 40_000);

afterAll(async () => {
  backend?.close();
  if (router && router.exitCode === null) {
    const exited = new Promise((res) => router!.once('close', res));
    router.kill('SIGTERM');
    await exited;
  }
  if (work) {
    await Promise.all(keyNames.filter((n) => pub[n]).map((n) => authbahn(['keys', 'delete', n, '--yes'])));
    await rm(work, { recursive: true, force: true });
  }
}, 30_000);

describe('keys and config', () => {
  it('`keys list --json` and `keys show` give the public keys the CLI printed; the OpenSSH import is the same key', async () => {
    const listed = JSON.parse(await ok(['keys', 'list', '--json'])) as { name: string; publicKey: string; origin: string }[];
    for (const name of keyNames) {
      expect(listed.find((k) => k.name === name)).toMatchObject({ publicKey: pub[name], origin: name === 'done-laptop' ? 'generated' : 'imported' });
    }
    expect((await ok(['keys', 'show', 'done-laptop'])).trim()).toBe(pub['done-laptop']);
    expect(pub['done-laptop']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the Crossbar config runs unchanged: every transport listens, nothing refused', async () => {
    expect(urls.wss).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/ws$/);
    expect(urls['wss-device']).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/ws$/);
    expect(urls.rs).toMatch(/^rs:\/\/127\.0\.0\.1:\d+$/);
    expect(urls['rs-device']).toMatch(/^rs:\/\/127\.0\.0\.1:\d+$/);
    expect(urls.rss).toMatch(/^rss:\/\/127\.0\.0\.1:\d+$/);
    expect(urls['uni ws']).toMatch(/^ws:\/\//);
    expect(urls['uni rs']).toMatch(/^rs:\/\//);
    expect(urls['unis wss']).toMatch(/^wss:\/\//);
    expect(urls['unis rss']).toMatch(/^rss:\/\//);
    expect(urls.backend).toBe(`unix:${join(work, 'backend.sock')}`);
    // No warning about any key of the config (it would name what is skipped or unsupported).
    expect(routerLog).not.toMatch(/warning|error/i);
  });
});

describe('Autobahn|Python (python3-autobahn, python3-nacl)', () => {
  interface PyLogin {
    url: string;
    serializer: Serializer;
    authid?: string;
    key: { seed: string } | { ssh_file: string };
    cafile?: string;
    tls_max?: '1.2';
    channel_binding?: 'tls-unique';
    sign_without_binding?: boolean;
  }
  type PyResult = { joined: boolean; authid?: string; authrole?: string; authprovider?: string; reason?: string; message?: string; error?: string; pubkey: string; tls_version?: string };

  function python(logins: PyLogin[]): Promise<PyResult[]> {
    const script = join(import.meta.dirname, 'cryptosign_logins.py');
    const args = JSON.stringify(logins.map((l) => ({ realm: 'realm1', ...l })));
    return new Promise((res, rej) => {
      const child = spawn('/usr/bin/python3', [script, args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
      child.on('error', rej);
      child.on('close', (code) => {
        clearTimeout(timer);
        const line = out.trim().split('\n').at(-1);
        if (code !== 0 || !line) return rej(new Error(`python client failed (${code}): ${err}`));
        res(JSON.parse(line) as PyResult[]);
      });
    });
  }

  // One Python process runs every login (importing Autobahn costs more than a login); the cases below
  // read their part of its answers.
  const sshKey = () => ({ ssh_file: sshKeyFile });
  const device = () => ({ seed: seed['done-device']! });
  const cases: [string, () => PyLogin, Record<string, unknown>][] = [
    ...SERIALIZERS.map((s): [string, () => PyLogin, Record<string, unknown>] => [`wss:// static, ${s}`, () => ({ url: urls.wss!, serializer: s, authid: 'client', key: sshKey(), cafile: caFile }), { joined: true, authid: 'client', authrole: 'frontend', authprovider: 'static' }]),
    ...SERIALIZERS.map((s): [string, () => PyLogin, Record<string, unknown>] => [`rs:// static, ${s}`, () => ({ url: urls.rs!, serializer: s, key: sshKey() }), { joined: true, authid: 'client', authrole: 'frontend', authprovider: 'static' }]),
    ['rss:// static, cbor', () => ({ url: urls.rss!, serializer: 'cbor', authid: 'client', key: sshKey(), cafile: caFile }), { joined: true, authid: 'client' }],
    ['universal rs:// static, cbor', () => ({ url: urls['uni rs']!, serializer: 'cbor', key: sshKey() }), { joined: true, authid: 'client' }],
    ['universal ws:// static, json', () => ({ url: urls['uni ws']!, serializer: 'json', key: sshKey() }), { joined: true, authid: 'client' }],
    ['wss:// dynamic (web path), msgpack', () => ({ url: urls['wss-device']!, serializer: 'msgpack', key: device(), cafile: caFile }), { joined: true, authid: 'device-1', authrole: 'device', authprovider: 'dynamic' }],
    ['rs:// dynamic, cbor', () => ({ url: urls['rs-device']!, serializer: 'cbor', key: device() }), { joined: true, authid: 'device-1', authrole: 'device', authprovider: 'dynamic' }],
    ['rs:// dynamic, unknown key: the authenticator\'s error', () => ({ url: urls['rs-device']!, serializer: 'json', key: sshKey() }), { joined: false, reason: 'com.example.unknown_device', message: 'this device is not registered' }],
    ['rs:// static, wrong key for the authid', () => ({ url: urls.rs!, serializer: 'json', authid: 'laptop', key: sshKey() }), { joined: false, reason: 'wamp.error.not_authorized', message: 'extra.pubkey provided does not match any one of authorized_keys for the principal' }],
    ['wss:// tls-unique over TLS 1.3', () => ({ url: urls.wss!, serializer: 'json', key: sshKey(), cafile: caFile, channel_binding: 'tls-unique' }), { joined: true, authid: 'client', tls_version: 'TLSv1.3' }],
    ['wss:// tls-unique over TLS 1.2', () => ({ url: urls.wss!, serializer: 'cbor', key: sshKey(), cafile: caFile, tls_max: '1.2', channel_binding: 'tls-unique' }), { joined: true, authid: 'client', tls_version: 'TLSv1.2' }],
    ['rss:// tls-unique over TLS 1.2', () => ({ url: urls.rss!, serializer: 'msgpack', key: sshKey(), cafile: caFile, tls_max: '1.2', channel_binding: 'tls-unique' }), { joined: true, authid: 'client', tls_version: 'TLSv1.2' }],
    ['universal TLS rss:// tls-unique over TLS 1.3', () => ({ url: urls['unis rss']!, serializer: 'cbor', key: sshKey(), cafile: caFile, channel_binding: 'tls-unique' }), { joined: true, authid: 'client', tls_version: 'TLSv1.3' }],
    ['universal TLS wss:// tls-unique over TLS 1.2', () => ({ url: urls['unis wss']!, serializer: 'msgpack', key: sshKey(), cafile: caFile, tls_max: '1.2', channel_binding: 'tls-unique' }), { joined: true, authid: 'client', tls_version: 'TLSv1.2' }],
    ['wss:// dynamic with tls-unique', () => ({ url: urls['wss-device']!, serializer: 'json', key: device(), cafile: caFile, channel_binding: 'tls-unique' }), { joined: true, authid: 'device-1', authprovider: 'dynamic' }],
    [
      'wss:// tls-unique asked for, bare challenge signed: refused (a signature from another channel)',
      () => ({ url: urls.wss!, serializer: 'json', key: sshKey(), cafile: caFile, channel_binding: 'tls-unique', sign_without_binding: true }),
      { joined: false, reason: 'wamp.error.not_authorized', message: 'message signed is bogus' },
    ],
    [
      'rs:// tls-unique without TLS: refused',
      () => ({ url: urls.rs!, serializer: 'json', key: sshKey(), channel_binding: 'tls-unique' }),
      { joined: false, reason: 'wamp.error.not_authorized', message: expect.stringContaining('this transport is not TLS') },
    ],
  ];
  let results: Promise<PyResult[]> | undefined;
  const resultOf = async (i: number) => {
    results ??= python(cases.map(([, login]) => login()));
    return (await results)[i]!;
  };

  it.each(cases.map((c, i) => [c[0], i] as const))('%s', async (_label, i) => {
    const result = await resultOf(i);
    expect(result, JSON.stringify(result)).toMatchObject(cases[i]![2]);
    const login = cases[i]![1]();
    expect(result.pubkey).toBe('ssh_file' in login.key ? pub['done-python'] : pub['done-device']);
  }, 45_000);
});

describe('AutobahnJS (tweetnacl)', () => {
  const wssTransport = (url: string) => [{ type: 'websocket', url, agent: new Agent({ ca }) }];
  const rawsocket = (url: string) => {
    const u = new URL(url.replace(/^rs:/, 'http:'));
    return [{ type: 'rawsocket', host: u.hostname, port: Number(u.port) }];
  };

  it.each(SERIALIZERS)('wss:// static and dynamic, %s', async (serializer) => {
    const js = await jsCryptosignJoin({ url: urls.wss!, transports: wssTransport(urls.wss!), seed: seed['done-js']!, authid: 'client', serializer });
    expect(js).toMatchObject({ joined: true, authid: 'client', authrole: 'frontend', authprovider: 'static', pubkey: pub['done-js'] });
    const dev = await jsCryptosignJoin({ url: urls['wss-device']!, transports: wssTransport(urls['wss-device']!), seed: seed['done-device']!, serializer });
    expect(dev).toMatchObject({ joined: true, authid: 'device-1', authrole: 'device', authprovider: 'dynamic' });
  });

  // AutobahnJS's RawSocket transport (Node only) speaks JSON over plain TCP or a Unix socket: no
  // msgpack/cbor and no TLS (lib/transport/rawsocket.js), so rs:// with JSON is what it can do.
  it('rs:// static and dynamic (json: the only serializer of its RawSocket transport)', async () => {
    const js = await jsCryptosignJoin({ url: urls.rs!, transports: rawsocket(urls.rs!), seed: seed['done-js']! });
    expect(js).toMatchObject({ joined: true, authid: 'client', authprovider: 'static' });
    const dev = await jsCryptosignJoin({ url: urls['rs-device']!, transports: rawsocket(urls['rs-device']!), seed: seed['done-device']! });
    expect(dev).toMatchObject({ joined: true, authid: 'device-1', authprovider: 'dynamic' });
    const wrong = await jsCryptosignJoin({ url: urls.rs!, transports: rawsocket(urls.rs!), seed: seed['done-device']! });
    expect(wrong).toMatchObject({ joined: false, reason: 'wamp.error.not_authorized' });
  });

  it('universal transport: ws:// on the same port as its RawSocket', async () => {
    const js = await jsCryptosignJoin({ url: urls['uni ws']!, seed: seed['done-js']!, serializer: 'cbor' });
    expect(js).toMatchObject({ joined: true, authid: 'client' });
  });

  it('wss:// refuses the self-signed certificate without the CA', async () => {
    const js = await jsCryptosignJoin({ url: urls.wss!, seed: seed['done-js']! });
    expect(js.joined).toBe(false);
  });
});

describe('the tester (`authbahn test`, built CLI) with the key from `authbahn keys generate`', () => {
  interface TestJson {
    outcome: string;
    reason?: string;
    diagnosis: { kind: string; title: string; explanation: string; hint: string };
    details: { welcome?: { authid: string; authrole: string; authmethod: string; authprovider: string }; transport?: string; tls?: boolean; certificateSha256?: string };
  }
  async function tester(url: string, extra: string[]): Promise<{ code: number | null; json: TestJson; err: string }> {
    const run = await authbahn(['test', '--url', url, '--realm', 'realm1', '--cryptosign-key', 'done-laptop', '--json', '--timeout', '5000', ...extra]);
    return { code: run.code, json: JSON.parse(run.out) as TestJson, err: run.err };
  }

  it('reaches every transport: wss://, rs://, rss://, universal rs:// and ws:// (static), wss://, rs:// (dynamic)', async () => {
    const runs = await Promise.all([
      tester(urls.wss!, ['--authid', 'laptop', '--ca', caFile, '--serializer', 'cbor']),
      tester(urls.rs!, ['--authid', 'laptop', '--serializer', 'msgpack']),
      tester(urls.rss!, ['--ca', caFile]),
      tester(urls['uni rs']!, ['--serializer', 'cbor']),
      tester(urls['uni ws']!, []),
      tester(urls['unis rss']!, ['--ca', caFile, '--serializer', 'msgpack']),
      tester(urls['wss-device']!, ['--pin', fingerprint]),
      tester(urls['rs-device']!, []),
    ]);
    const expected = [
      { transport: 'websocket', tls: true, authprovider: 'static' },
      { transport: 'rawsocket', tls: false, authprovider: 'static' },
      { transport: 'rawsocket', tls: true, authprovider: 'static' },
      { transport: 'rawsocket', tls: false, authprovider: 'static' },
      { transport: 'websocket', tls: false, authprovider: 'static' },
      { transport: 'rawsocket', tls: true, authprovider: 'static' },
      { transport: 'websocket', tls: true, authprovider: 'dynamic' },
      { transport: 'rawsocket', tls: false, authprovider: 'dynamic' },
    ];
    runs.forEach((run, i) => {
      const e = expected[i]!;
      expect(run.code, JSON.stringify(run.json.diagnosis)).toBe(0);
      expect(run.json).toMatchObject({
        outcome: 'welcome',
        details: {
          transport: e.transport,
          tls: e.tls,
          welcome: { authid: e.authprovider === 'static' ? 'laptop' : 'laptop-as-device', authmethod: 'cryptosign', authprovider: e.authprovider },
        },
      });
    });
  }, 45_000);

  it('diagnoses a wrong key, an untrusted certificate and a RawSocket serializer refusal', async () => {
    const [wrongKey, wrongDynamic, untrusted, untrustedRss, refused] = await Promise.all([
      authbahn(['test', '--url', urls.rs!, '--realm', 'realm1', '--authid', 'laptop', '--cryptosign-key', 'done-js', '--json']),
      authbahn(['test', '--url', urls['rs-device']!, '--realm', 'realm1', '--cryptosign-key', 'done-js', '--json']),
      tester(urls.wss!, ['--authid', 'laptop']),
      tester(urls.rss!, []),
      tester(urls['uni rs']!, ['--serializer', 'json']),
    ]);

    expect(wrongKey.code).toBe(1);
    expect(JSON.parse(wrongKey.out)).toMatchObject({
      outcome: 'abort',
      reason: 'wamp.error.not_authorized',
      diagnosis: { kind: 'cryptosign_rejected', title: 'WAMP-Cryptosign key not accepted', explanation: expect.stringContaining('does not match any one of authorized_keys') },
    });
    expect(wrongDynamic.code).toBe(1);
    expect(JSON.parse(wrongDynamic.out)).toMatchObject({ outcome: 'abort', reason: 'com.example.unknown_device', diagnosis: { explanation: expect.stringContaining('this device is not registered') } });

    for (const run of [untrusted, untrustedRss]) {
      expect(run.code).toBe(2);
      expect(run.json).toMatchObject({ outcome: 'no_connection', reason: 'tls_failure', diagnosis: { title: 'Untrusted certificate: self-signed' }, details: { certificateSha256: fingerprint } });
      expect(run.json.diagnosis.hint).toContain('--ca');
      expect(run.json.diagnosis.hint).toContain(`--pin ${fingerprint}`);
    }

    expect(refused.code).toBe(2);
    expect(refused.json).toMatchObject({ outcome: 'no_connection', reason: 'rawsocket_serializer_refused', diagnosis: { title: 'RawSocket serializer not accepted' } });
    expect(refused.json.diagnosis.explanation).toContain('does not speak json');
  }, 45_000);
});

describe('the router log', () => {
  it('names the transport of each login', () => {
    for (const id of ['wss', 'wss-device', 'rs', 'rs-device', 'rss', 'uni', 'unis']) {
      expect(routerLog).toMatch(new RegExp(`auth: transport=${id} .* method=cryptosign → welcome`));
    }
    expect(routerLog).toMatch(/auth: transport=rs .*authid=laptop method=cryptosign → abort wamp\.error\.not_authorized/);
  });
});
