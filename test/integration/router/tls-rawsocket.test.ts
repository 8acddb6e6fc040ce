// TLS endpoints, RawSocket (TCP, Unix socket, TLS) and the universal transport, from a Crossbar config
// with paths relative to its folder — exercised with AutobahnJS (wss://), Autobahn|Python (rs://, rss://,
// unix:, wss://; Debian's python3-autobahn) and raw sockets for what no library sends (bad handshakes,
// oversized frames, PING).
import { spawn } from 'node:child_process';
import { Agent } from 'node:https';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect as netConnect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeRouter } from '../../../main/router/config/compose-router';
import { parseRouterConfig } from '../../../main/router/config/parse-config';
import type { Router } from '../../../main/router/router';
import type { BoundTransport } from '../../../main/router/types';
import { writeSelfSignedCertificate } from '../../../main/tls/cert-files';
import { SERIALIZERS } from '../../../shared/wamp/serializers';
import { closeSession, openSession, until } from '../../support/router/router-harness';

let dir: string;
let router: Router;
let bound: Record<string, BoundTransport>;
let fingerprint: string;
let caFile: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'authbahn-tls-rs-'));
  const cert = await writeSelfSignedCertificate(join(dir, 'tls'));
  fingerprint = cert.fingerprint256;
  caFile = cert.certFile;
  const tls = { key: 'tls/key.pem', certificate: 'tls/cert.pem' };
  const plan = parseRouterConfig(
    {
      version: 2,
      workers: [
        {
          type: 'router',
          realms: [{ name: 'realm1', roles: [{ name: 'anonymous', permissions: [{ uri: '', match: 'prefix', allow: { call: true, register: true, publish: true, subscribe: true } }] }] }],
          transports: [
            { type: 'websocket', id: 'ws', endpoint: { type: 'tcp', port: 0 } },
            { type: 'websocket', id: 'wss', endpoint: { type: 'tcp', port: 0, tls } },
            { type: 'rawsocket', id: 'rs', endpoint: { type: 'tcp', port: 0 }, serializers: ['json', 'msgpack', 'cbor'], max_message_size: 65536 },
            { type: 'rawsocket', id: 'rss', endpoint: { type: 'tcp', port: 0, tls } },
            { type: 'rawsocket', id: 'unix', endpoint: { type: 'unix', path: 'router.sock' }, serializers: ['cbor', 'msgpack'] },
            { type: 'universal', id: 'uni', endpoint: { type: 'tcp', port: 0 }, rawsocket: { serializers: ['json', 'cbor'] }, websocket: { ws: { type: 'websocket' } } },
          ],
        },
      ],
    },
    'config.json',
    { baseDir: dir },
  );
  ({ router } = composeRouter(plan, { shutdownGraceMs: 300 }));
  bound = Object.fromEntries((await router.start()).map((t) => [t.id, t]));
});

afterAll(async () => {
  await router?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('bound transports', () => {
  it('report their URLs', () => {
    expect(bound.wss!.url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/ws$/);
    expect(bound.rs!.url).toMatch(/^rs:\/\/127\.0\.0\.1:\d+$/);
    expect(bound.rss!.url).toMatch(/^rss:\/\//);
    expect(bound.unix!.url).toBe(`unix:${join(dir, 'router.sock')}`);
    expect(bound.uni!.urls).toEqual([expect.stringMatching(/^ws:\/\/.*\/ws$/), expect.stringMatching(/^rs:\/\//)]);
  });
});

/** A raw RawSocket peer: handshake bytes in, frames out. */
async function rawConnect(target: string | number): Promise<{ socket: Socket; data: () => Buffer; closed: Promise<void> }> {
  const socket = typeof target === 'string' ? netConnect({ path: target }) : netConnect({ host: '127.0.0.1', port: target });
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let received = Buffer.alloc(0);
  socket.on('data', (d: Buffer) => (received = Buffer.concat([received, d])));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => undefined);
  return { socket, data: () => received, closed };
}

function frame(type: number, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from([type, payload.length >> 16, (payload.length >> 8) & 0xff, payload.length & 0xff]), payload]);
}

describe('RawSocket handshake and framing (spec rules)', () => {
  it('answers with its own length limit (65536 → exponent 7) and the chosen serializer, then speaks WAMP', async () => {
    const c = await rawConnect(bound.rs!.port);
    c.socket.write(Buffer.from([0x7f, 0xf1, 0, 0])); // up to 16 MiB, JSON
    await until(() => c.data().length >= 4);
    expect([...c.data().subarray(0, 4)]).toEqual([0x7f, 0x71, 0, 0]);
    c.socket.write(frame(0, Buffer.from(JSON.stringify([1, 'realm1', { roles: { caller: {} } }]))));
    await until(() => c.data().length > 8);
    const welcome = JSON.parse(c.data().subarray(8).toString()) as unknown[];
    expect(welcome[0]).toBe(2);
    // PING → PONG with the same payload.
    const before = c.data().length;
    c.socket.write(frame(1, Buffer.from('ping!')));
    await until(() => c.data().length >= before + 9);
    expect([...c.data().subarray(before, before + 4)]).toEqual([2, 0, 0, 5]);
    expect(c.data().subarray(before + 4, before + 9).toString()).toBe('ping!');
    c.socket.destroy();
  });

  it('refuses an unsupported serializer with error 1 and closes', async () => {
    const c = await rawConnect(bound.unix!.socketPath!);
    c.socket.write(Buffer.from([0x7f, 0xf1, 0, 0])); // JSON, which this transport does not allow
    await c.closed;
    expect([...c.data()]).toEqual([0x7f, 0x10, 0, 0]);
  });

  it('refuses reserved bits with error 3 and unknown serializers (UBJSON) with error 1', async () => {
    const reserved = await rawConnect(bound.rs!.port);
    reserved.socket.write(Buffer.from([0x7f, 0xf1, 0, 1]));
    await reserved.closed;
    expect([...reserved.data()]).toEqual([0x7f, 0x30, 0, 0]);
    const ubjson = await rawConnect(bound.rs!.port);
    ubjson.socket.write(Buffer.from([0x7f, 0xf4, 0, 0]));
    await ubjson.closed;
    expect([...ubjson.data()]).toEqual([0x7f, 0x10, 0, 0]);
  });

  it('drops a connection whose frame announces more than the negotiated maximum, before reading it', async () => {
    const c = await rawConnect(bound.rs!.port);
    c.socket.write(Buffer.from([0x7f, 0xf1, 0, 0]));
    await until(() => c.data().length >= 4);
    // Only the 4-octet header of a 1 MiB frame: the router must not wait for (or buffer) the payload.
    c.socket.write(Buffer.from([0, 0x10, 0, 0]));
    await c.closed;
  });

  it('drops reserved frame types', async () => {
    const c = await rawConnect(bound.rs!.port);
    c.socket.write(Buffer.from([0x7f, 0xf1, 0, 0]));
    await until(() => c.data().length >= 4);
    c.socket.write(frame(5, Buffer.from('x')));
    await c.closed;
  });

  it('answers HTTP on a RawSocket-only port with a plain explanation', async () => {
    const c = await rawConnect(bound.rs!.port);
    c.socket.write('GET /ws HTTP/1.1\r\nHost: x\r\n\r\n');
    await c.closed;
    expect(c.data().toString()).toMatch(/^HTTP\/1\.1 400 .*speaks WAMP over RawSocket/s);
  });

  it('does not send a message larger than the client accepts (drops the connection instead)', async () => {
    const c = await rawConnect(bound.rs!.port);
    c.socket.write(Buffer.from([0x7f, 0x01, 0, 0])); // client accepts 512 bytes, JSON
    await until(() => c.data().length >= 4);
    c.socket.write(frame(0, Buffer.from(JSON.stringify([1, 'realm1', { roles: { caller: {} }, authid: 'x'.repeat(200), padding: 'y'.repeat(300) }]))));
    await c.closed;
    // The WELCOME (which echoes the details) would have been over 512 bytes; nothing but the handshake answer came.
    expect(c.data().length).toBe(4);
  });
});

/**
 * AutobahnJS takes a CA only together with a client certificate (tlsConfiguration), but passes a
 * transport's `agent` to ws: an https.Agent that trusts the router's certificate does it.
 */
function withCa(url: string, ca: Buffer): Record<string, unknown> {
  return { transports: [{ type: 'websocket', url, agent: new Agent({ ca }) }] };
}

describe('TLS channel binding for WAMP-Cryptosign', () => {
  it('is a function on the TransportInfo of TLS sessions and absent from what is serialized', async () => {
    const { connection } = await openSession(bound.wss!.url, 'realm1', 'json', withCa(bound.wss!.url, await readFile(caFile)));
    try {
      const info = router.listSessions('realm1').find((s) => s.transport.transportId === 'wss')!;
      expect(info.transport.tls).toBe(true);
      const binding = info.transport.channelBinding?.();
      expect(Buffer.isBuffer(binding) && binding.length).toBeGreaterThan(0);
      expect(JSON.stringify(info.transport)).not.toContain('channelBinding');
      expect(Object.keys(info.transport)).not.toContain('channelBinding');
    } finally {
      await closeSession(connection);
    }
  });
});

describe('AutobahnJS over wss:// with the self-signed certificate as CA', () => {
  it.each(['json', 'msgpack', 'cbor'] as const)('%s: joins and calls', async (serializer) => {
    const a = await openSession(bound.wss!.url, 'realm1', serializer, withCa(bound.wss!.url, await readFile(caFile)));
    try {
      await a.session.register(`com.tls.${serializer}.add`, (args) => (args[0] as number) + (args[1] as number));
      expect(await a.session.call(`com.tls.${serializer}.add`, [2, 3])).toBe(5);
    } finally {
      await closeSession(a.connection);
    }
  });

  it('is refused without the CA (self-signed)', async () => {
    await expect(openSession(bound.wss!.url, 'realm1', 'json')).rejects.toThrow();
  });
});

function runPython(url: string, serializer: string, prefix: string, cafile?: string) {
  const child = spawn('/usr/bin/python3', [join(import.meta.dirname, 'python', 'peer.py'), url, 'realm1', serializer, prefix, ...(cafile ? [cafile] : [])], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const lines: Record<string, unknown>[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line.startsWith('{')) lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, lines, exited, stderr: () => stderr };
}

describe('Autobahn|Python over RawSocket and TLS', () => {
  const cases: [string, () => string, 'json' | 'msgpack' | 'cbor', boolean][] = [
    ['rs:// json', () => bound.rs!.url, 'json', false],
    ['rs:// msgpack', () => bound.rs!.url, 'msgpack', false],
    ['rs:// cbor', () => bound.rs!.url, 'cbor', false],
    ['rss:// json (CA file)', () => bound.rss!.url, 'json', true],
    ['rss:// cbor (CA file)', () => bound.rss!.url, 'cbor', true],
    ['unix: msgpack', () => bound.unix!.url, 'msgpack', false],
    ['universal rs:// cbor', () => bound.uni!.urls[1]!, 'cbor', false],
    ['universal ws:// json', () => bound.uni!.urls[0]!, 'json', false],
    ['wss:// msgpack (CA file)', () => bound.wss!.url, 'msgpack', true],
  ];
  it.each(cases)('%s: RPC and pub/sub with a JS peer', async (label, url, serializer, withCa) => {
    const prefix = `com.py.${label.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}`;
    const js = await openSession(bound.ws!.url, 'realm1', 'json');
    const py = runPython(url(), serializer, prefix, withCa ? caFile : undefined);
    try {
      await js.session.register(`${prefix}.js_add`, (args) => (args[0] as number) + (args[1] as number));
      const echoed: unknown[] = [];
      await js.session.subscribe(`${prefix}.echoed`, (args) => echoed.push(args));
      await until(() => py.lines.some((l) => l.event === 'ready') || py.child.exitCode !== null, 15_000).catch(() => undefined);
      expect(py.lines.find((l) => l.event === 'ready'), py.stderr()).toEqual({ event: 'ready', add: 2 ** 40 + 3 });
      const joined = py.lines.find((l) => l.event === 'joined')!;
      const info = router.getSession(joined.session as number)!;
      expect(info.serializer).toBe(serializer);
      expect(info.transport.type).toBe(url().startsWith('ws') ? 'websocket' : 'rawsocket');
      expect(await js.session.call(`${prefix}.mul`, [2 ** 20, 2 ** 20])).toBe(2 ** 40);
      await js.session.publish(`${prefix}.echo`, ['hi', 1.5], {}, { acknowledge: true });
      await until(() => echoed.length === 1, 5000);
      expect(await js.session.call(`${prefix}.quit`)).toBe('bye');
      expect(await py.exited).toBe(0);
    } finally {
      if (py.child.exitCode === null) py.child.kill();
      await closeSession(js.connection);
    }
  });
});

describe('RawSocket carries binary payloads', () => {
  it('cbor bytes come back unchanged (the tester\'s RawSocket client as publisher and subscriber)', async () => {
    const { RawSocketClientConnection } = await import('../../../main/tester/rawsocket-client');
    const { Tracer } = await import('../../../main/tester/trace');
    const { parseRouterUrl } = await import('../../../shared/wamp/router-url');
    const parsed = parseRouterUrl(bound.rs!.url);
    if (!parsed.ok) throw new Error(parsed.error);
    const opened = await RawSocketClientConnection.open(parsed, SERIALIZERS.cbor, 3000, new Tracer());
    if (!opened.ok) throw new Error(opened.failure.error);
    const conn = opened.connection;
    conn.send([1, 'realm1', { roles: { subscriber: {}, publisher: {} } }]);
    expect((await conn.receive(3000)).type).toBe('message');
    conn.send([32, 1, {}, 'com.bin.topic']);
    await conn.receiveMatching((m) => m[0] === 33, 3000);
    conn.send([16, 2, { exclude_me: false }, 'com.bin.topic', [new Uint8Array([0, 1, 2, 255])]]);
    const event = await conn.receiveMatching((m) => m[0] === 36, 3000);
    expect(event.type === 'message' && Buffer.from((event.message[4] as Uint8Array[])[0]!)).toEqual(Buffer.from([0, 1, 2, 255]));
    await conn.close(1000);
  });
});

describe('RawSocket has the WebSocket caps', () => {
  it('drops a RawSocket subscriber that stopped reading once its outgoing buffer passes the bound', async () => {
    const plan = parseRouterConfig({
      version: 2,
      workers: [
        {
          type: 'router',
          realms: [{ name: 'realm1', roles: [{ name: 'anonymous', permissions: [{ uri: '', match: 'prefix', allow: { publish: true, subscribe: true } }] }] }],
          transports: [{ type: 'rawsocket', endpoint: { type: 'tcp', port: 0 }, options: { max_outgoing_buffer_size: 256 * 1024 } }],
        },
      ],
    });
    const { router: small } = composeRouter(plan, { shutdownGraceMs: 300 });
    const [t] = await small.start();
    const left: string[] = [];
    small.on('session-left', (e) => left.push(e.reason));
    try {
      const stalled = await rawConnect(t!.port);
      stalled.socket.write(Buffer.from([0x7f, 0xf1, 0, 0]));
      stalled.socket.write(frame(0, Buffer.from(JSON.stringify([1, 'realm1', { roles: { subscriber: {} } }]))));
      stalled.socket.write(frame(0, Buffer.from(JSON.stringify([32, 1, {}, 'com.flood']))));
      await until(() => small.listSessions().length === 1 && small.listSubscriptions('realm1').length === 1);
      stalled.socket.pause();
      const pub = await rawConnect(t!.port);
      pub.socket.write(Buffer.from([0x7f, 0xf1, 0, 0]));
      pub.socket.write(frame(0, Buffer.from(JSON.stringify([1, 'realm1', { roles: { publisher: {} } }]))));
      await until(() => small.listSessions().length === 2);
      const payload = 'x'.repeat(8 * 1024);
      for (let i = 0; i < 4000 && left.length === 0; i += 1) {
        pub.socket.write(frame(0, Buffer.from(JSON.stringify([16, i + 1, {}, 'com.flood', [payload]]))));
        if (i % 100 === 99) await new Promise((r) => setTimeout(r, 5));
      }
      await until(() => left.length > 0, 10_000);
      expect(left[0]).toMatch(/^outgoing buffer over 262144 bytes: peer is not reading/);
      stalled.socket.destroy();
      pub.socket.destroy();
    } finally {
      await small.stop();
    }
  }, 30_000);
});
