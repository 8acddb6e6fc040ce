// `npm run bench:router`: throughput and latency of the WAMP router with AutobahnJS clients, plus
// raw-client runs (our own serializer, no client library overhead) and a raw WebSocket echo rate
// as the physical bound on this machine. Router, the RPC callee and the other clients run in
// separate processes. AutobahnJS clients use native Promises (its documented `use_es6_promises` option)
// rather than its when.js default, as current applications do.
// Bounded: every phase has a count and a time cap. Prints numbers; exits 1 only on errors.
//
// Two hardening phases: the router's RSS while a publisher floods a subscriber that stopped reading
// (the router drops that session once its outgoing buffer passes the bound), and what a session
// holding 20,000 wildcard subscriptions costs others (target: < 1 ms per publish).
//
// RawSocket and TLS: "rawsocket" runs the raw-client RPC and event phases over rs:// next to the same
// phases over ws:// (so the two transports are compared in one run, same router process); "tls" measures
// TLS handshakes per second (10 at a time) and WAMP logins per second over wss:// and rss:// against
// ws:// and rs://.
//
// Options: --serializer=json|msgpack|cbor (default json), --seconds=<cap per phase> (default 8),
// --phases=echo,rpc,events,raw,rawsocket,tls,stalled,wildcard,idle,logins (default all).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import autobahn from 'autobahn';
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import WebSocket from 'ws';
import { FrameReader, SERIALIZER_IDS, frameHeader, handshakeBytes } from '../../../main/router/transport/rawsocket-framing';
import { SERIALIZERS, type SerializerId } from '../../../shared/wamp/serializers';
import { idleSessionMemory, loginRate } from './sessions';

const args = process.argv.slice(2);
const value = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const serializer = (value('serializer') ?? 'json') as SerializerId;
const capMs = Number(value('seconds') ?? 8) * 1000;
const phases = new Set((value('phases') ?? 'echo,rpc,events,raw,rawsocket,tls,stalled,wildcard,idle,logins').split(','));

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => `${n.toFixed(3)} ms`;

interface Started {
  child: ChildProcess;
  port: number;
  rsPort?: number;
  wssPort?: number;
  rssPort?: number;
  ca?: string;
}

async function startProcess(mode: 'router' | 'echo' | 'callee', extra: string[] = []): Promise<Started> {
  const jiti = join(import.meta.dirname, '..', '..', '..', 'node_modules', 'jiti', 'lib', 'jiti-cli.mjs');
  // BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") lets you profile the router process.
  const nodeArgs = mode === 'router' ? (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean) : [];
  const child = spawn(process.execPath, [...nodeArgs, jiti, join(import.meta.dirname, 'router-process.ts'), mode, ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${mode} process exited with ${code}`)));
  });
  return { child, ...(JSON.parse(line) as Omit<Started, 'child'>) };
}

function abSerializer(): unknown {
  const s = autobahn.serializer;
  return serializer === 'msgpack' ? new s.MsgpackSerializer() : serializer === 'cbor' ? new s.CBORSerializer() : new s.JSONSerializer();
}

function open(url: string): Promise<{ session: autobahn.Session; connection: autobahn.Connection }> {
  return new Promise((resolve, reject) => {
    const connection = new autobahn.Connection({ url, realm: 'bench', serializers: [abSerializer()], max_retries: 0, retry_if_unreachable: false, use_es6_promises: true });
    connection.onopen = (session) => resolve({ session, connection });
    connection.onclose = (reason) => {
      reject(new Error(reason));
      return true;
    };
    connection.open();
  });
}

/** Raw WAMP client: our serializer over ws, callbacks per message type. */
interface Raw {
  id: number;
  ws: WebSocket;
  send(m: unknown[]): void;
  close(): void;
}

async function rawClient(url: string, onMessage: (m: unknown[]) => void, ca?: Buffer): Promise<Raw> {
  const s = SERIALIZERS[serializer];
  const ws = new WebSocket(url, [s.subprotocol], { perMessageDeflate: false, ...(ca ? { ca } : {}) });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const welcome = new Promise<number>((resolve) => {
    ws.on('message', (data, isBinary) => {
      const m = s.decode(isBinary ? (data as Buffer) : (data as Buffer).toString()) as unknown[];
      if (m[0] === 2) resolve(m[1] as number);
      else onMessage(m);
    });
  });
  // Batch this client's frames per tick (as the router does) so the client is not the bottleneck.
  const tcp = (ws as unknown as { _socket: { cork(): void; uncork(): void } })._socket;
  let corked = false;
  const send = (m: unknown[]) => {
    if (!corked) {
      corked = true;
      tcp.cork();
      process.nextTick(() => {
        corked = false;
        tcp.uncork();
      });
    }
    ws.send(s.encode(m), { binary: s.binary });
  };
  send([1, 'bench', { roles: { caller: {}, callee: {}, publisher: {}, subscriber: {} } }]);
  const id = await welcome;
  return { id, ws, send, close: () => ws.close() };
}

/** Raw WAMP client over RawSocket (rs://, or rss:// with a CA): our serializer and framing, writes batched per tick. */
async function rawSocketClient(target: { port: number; ca?: Buffer }, onMessage: (m: unknown[]) => void): Promise<Raw> {
  const s = SERIALIZERS[serializer];
  const socket: Socket = target.ca ? tlsConnect({ host: '127.0.0.1', port: target.port, ca: target.ca }) : netConnect({ host: '127.0.0.1', port: target.port });
  socket.setNoDelay(true);
  await new Promise((resolve, reject) => {
    socket.once(target.ca ? 'secureConnect' : 'connect', resolve);
    socket.once('error', reject);
  });
  socket.write(handshakeBytes(15, SERIALIZER_IDS[serializer]));
  const reader = new FrameReader(2 ** 24);
  let handshaken = false;
  let welcomed: (id: number) => void = () => undefined;
  const welcome = new Promise<number>((resolve) => (welcomed = resolve));
  socket.on('data', (chunk: Buffer) => {
    if (!handshaken) {
      handshaken = true;
      if ((chunk[1]! & 0x0f) === 0) throw new Error(`rawsocket handshake refused: error ${chunk[1]! >> 4}`);
      chunk = chunk.subarray(4);
    }
    reader.push(chunk);
    for (let f = reader.next(); f.kind === 'frame'; f = reader.next()) {
      if (f.type !== 0) continue;
      const m = s.decode(s.binary ? f.payload : f.payload.toString()) as unknown[];
      if (m[0] === 2) welcomed(m[1] as number);
      else onMessage(m);
    }
  });
  let corked = false;
  const send = (m: unknown[]) => {
    if (!corked) {
      corked = true;
      socket.cork();
      process.nextTick(() => {
        corked = false;
        socket.uncork();
      });
    }
    const data = s.encode(m);
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    socket.write(frameHeader(0, bytes.length));
    socket.write(bytes);
  };
  send([1, 'bench', { roles: { caller: {}, callee: {}, publisher: {}, subscriber: {} } }]);
  const id = await welcome;
  return { id, ws: undefined as unknown as WebSocket, send, close: () => socket.end() };
}

type Connect = (onMessage: (m: unknown[]) => void) => Promise<Raw>;

/** TLS handshakes per second (10 at a time, each a fresh full handshake), and WAMP logins per second per transport. */
async function tlsPhase(router: Started): Promise<void> {
  const ca = readFileSync(router.ca!);
  const handshake = () =>
    new Promise<void>((resolve, reject) => {
      const socket = tlsConnect({ host: '127.0.0.1', port: router.wssPort!, ca });
      socket.once('secureConnect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', reject);
    });
  const limit = Math.min(capMs, 5000);
  let done = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (performance.now() - start < limit) {
        await handshake();
        done += 1;
      }
    }),
  );
  const secs = (performance.now() - start) / 1000;
  console.log(`TLS handshakes (ECDSA P-256, 10 at a time): ${fmt(done / secs)} per second (${fmt(done)} handshakes)`);
  const logins = async (label: string, connect: () => Promise<Raw>) => {
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < Math.min(capMs, 3000)) {
      const c = await connect();
      c.close();
      n += 1;
    }
    console.log(`${label} logins (connect + HELLO → WELCOME, one at a time): ${fmt(n / ((performance.now() - t0) / 1000))} per second`);
  };
  await logins('ws:// ', () => rawClient(`ws://127.0.0.1:${router.port}/ws`, () => undefined));
  await logins('wss://', () => rawClient(`wss://127.0.0.1:${router.wssPort}/ws`, () => undefined, ca));
  await logins('rs:// ', () => rawSocketClient({ port: router.rsPort! }, () => undefined));
  await logins('rss://', () => rawSocketClient({ port: router.rssPort!, ca }, () => undefined));
}

/** Resident set size of a process in MB (Linux /proc; `ps` elsewhere). */
function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    if (Number.isFinite(kb)) return kb / 1024;
  } catch {
    // not Linux
  }
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)]).toString().trim()) / 1024;
}

/** CPU time (user + system) a process has used, in ms; NaN where /proc is missing. */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) / 100) * 1000;
  } catch {
    return NaN;
  }
}

/** A raw client that answers request → reply round trips (acknowledged publishes, calls). */
async function requester(url: string, onOther: (m: unknown[]) => void = () => undefined) {
  const waiting = new Map<number, (m: unknown[]) => void>();
  let request = 0;
  const client = await rawClient(url, (m) => {
    const id = (m[0] === 8 ? m[2] : m[1]) as number;
    const w = m[0] === 17 || m[0] === 50 || m[0] === 8 ? waiting.get(id) : undefined;
    if (w) {
      waiting.delete(id);
      w(m);
    } else onOther(m);
  });
  const ask = (m: (id: number) => unknown[]) =>
    new Promise<unknown[]>((resolve) => {
      request += 1;
      waiting.set(request, resolve);
      client.send(m(request));
    });
  return { client, ask };
}

/** Router RSS while a publisher floods a subscriber that stopped reading; the router should drop that session. */
async function stalledSubscriber(url: string, routerPid: number): Promise<void> {
  const payload = 'x'.repeat(4096);
  const stalled = await rawClient(url, () => undefined);
  stalled.send([32, 1, {}, 'bench.flood']);
  let delivered = 0;
  const reader = await rawClient(url, (m) => {
    if (m[0] === 36) delivered += 1;
  });
  reader.send([32, 1, {}, 'bench.flood']);
  await new Promise((r) => setTimeout(r, 200));
  (stalled.ws as unknown as { _socket: { pause(): void } })._socket.pause();
  const { client: pub, ask } = await requester(url);
  const before = rssMb(routerPid);
  let peak = before;
  let published = 0;
  let dropped = false;
  const start = performance.now();
  const limit = Math.min(capMs, 20_000);
  while (!dropped && performance.now() - start < limit) {
    for (let i = 0; i < 200; i += 1, published += 1) pub.send([16, 1_000_000 + published, {}, 'bench.flood', [published, payload]]);
    const reply = await ask((id) => [48, id, {}, 'wamp.session.get', [stalled.id]]);
    dropped = reply[0] === 8 && reply[4] === 'wamp.error.no_such_session';
    peak = Math.max(peak, rssMb(routerPid));
  }
  const floodSecs = (performance.now() - start) / 1000;
  await ask((id) => [16, id, { acknowledge: true }, 'bench.flood', ['last']]);
  await new Promise((r) => setTimeout(r, 1500));
  const after = rssMb(routerPid);
  console.log(
    `stalled subscriber: router RSS ${before.toFixed(0)} MB before, ${peak.toFixed(0)} MB peak, ${after.toFixed(0)} MB after; ` +
      `${dropped ? `stalled session dropped after ${fmt(published)} events of 4 KB (${floodSecs.toFixed(1)} s)` : `NOT dropped within ${floodSecs.toFixed(1)} s (${fmt(published)} events)`}; ` +
      `reading subscriber got ${fmt(delivered)} of ${fmt(published + 1)}`,
  );
  stalled.ws.terminate();
  reader.close();
  pub.close();
}

/** Per-publish cost (acknowledged round trip, sequential) seen by a session that is not the pattern holder. */
async function publishCost(ask: (m: (id: number) => unknown[]) => Promise<unknown[]>, topic: string, routerPid: number): Promise<string> {
  const count = 2000;
  const start = performance.now();
  const cpu = cpuMs(routerPid);
  let done = 0;
  for (; done < count && performance.now() - start < capMs; done += 1) await ask((id) => [16, id, { acknowledge: true }, topic, [done]]);
  return `${ms((performance.now() - start) / done)} round trip, router CPU ${ms((cpuMs(routerPid) - cpu) / done)}`;
}

/** One session subscribes 20,000 wildcard patterns; how long that takes, and what others pay meanwhile and after. */
async function wildcardCost(url: string, routerPid: number): Promise<void> {
  const patterns = 20_000;
  const { client: pub, ask } = await requester(url);
  const baseMiss = await publishCost(ask, 'bench.other.topic.y', routerPid);
  let subscribed = 0;
  let events = 0;
  let allSubscribed: () => void = () => undefined;
  const done = new Promise<void>((r) => (allSubscribed = r));
  const heavy = await rawClient(url, (m) => {
    if (m[0] === 33 && ++subscribed === patterns) allSubscribed();
    if (m[0] === 36) events += 1;
  });
  const start = performance.now();
  const cpuStart = cpuMs(routerPid);
  for (let i = 0; i < patterns; i += 1) heavy.send([32, i + 1, { match: 'wildcard' }, `bench.w${i}..x`]);
  // A login while the router works through those SUBSCRIBEs.
  const loginStart = performance.now();
  const login = await rawClient(url, () => undefined);
  const loginMs = performance.now() - loginStart;
  login.close();
  await Promise.race([done, new Promise((r) => setTimeout(r, Math.max(capMs, 30_000)))]);
  const subscribeMs = performance.now() - start;
  const subscribeCpu = cpuMs(routerPid) - cpuStart;
  const miss = await publishCost(ask, 'bench.other.topic.y', routerPid);
  const hit = await publishCost(ask, 'bench.w7.any.x', routerPid);
  const leaveStart = performance.now();
  const leaveCpu = cpuMs(routerPid);
  heavy.close();
  await new Promise((r) => heavy.ws.once('close', r));
  const afterLeave = await rawClient(url, () => undefined);
  const leaveLoginMs = performance.now() - leaveStart;
  const leaveCpuMs = cpuMs(routerPid) - leaveCpu;
  afterLeave.close();
  console.log(
    `wildcard: ${fmt(subscribed)} of ${fmt(patterns)} patterns subscribed by one session in ${fmt(subscribeMs)} ms (router CPU ${fmt(subscribeCpu)} ms); a login meanwhile took ${fmt(loginMs)} ms`,
  );
  console.log(`wildcard: acknowledged publish by another session, no patterns held: ${baseMiss}`);
  console.log(`wildcard: same with ${fmt(patterns)} patterns held, no match: ${miss}`);
  console.log(`wildcard: same with ${fmt(patterns)} patterns held, one match (${fmt(events)} events delivered): ${hit}`);
  console.log(`wildcard: the 20k-pattern session left and a new login completed in ${fmt(leaveLoginMs)} ms (router CPU ${fmt(leaveCpuMs)} ms)`);
  pub.close();
}

async function rawEcho(port: number): Promise<void> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: false });
  await new Promise((resolve) => ws.once('open', resolve));
  const total = 200_000;
  const window = 100;
  const payload = SERIALIZERS.json.encode([48, 1, {}, 'bench.echo', [1]]);
  let sent = 0;
  let got = 0;
  const start = performance.now();
  await new Promise<void>((resolve) => {
    ws.on('message', () => {
      got += 1;
      if (got === total || performance.now() - start > capMs) return resolve();
      if (sent < total) {
        ws.send(payload);
        sent += 1;
      }
    });
    for (; sent < window; sent += 1) ws.send(payload);
  });
  const secs = (performance.now() - start) / 1000;
  console.log(`raw ws echo (physical bound), 100 in flight: ${fmt(got / secs)} msgs/s (${fmt(got)} round trips)`);
  ws.terminate();
}

async function abRpc(url: string): Promise<void> {
  const callee = await startProcess('callee', [url, serializer]);
  procs.push(callee.child);
  const caller = await open(url);

  // sequential: latency
  const latencies: number[] = [];
  const seqStart = performance.now();
  for (let i = 0; i < 5000 && performance.now() - seqStart < capMs; i += 1) {
    const t = performance.now();
    await caller.session.call('bench.echo', [i]);
    latencies.push(performance.now() - t);
  }
  const seqSecs = (performance.now() - seqStart) / 1000;
  latencies.sort((a, b) => a - b);
  console.log(`AutobahnJS RPC sequential: ${fmt(latencies.length / seqSecs)} calls/s, p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))} (${fmt(latencies.length)} calls)`);

  // 100 in flight
  const total = 100_000;
  let started = 0;
  let done = 0;
  const inFlight: number[] = [];
  const start = performance.now();
  await new Promise<void>((resolve, reject) => {
    const next = () => {
      if (done === total || (performance.now() - start > capMs && done === started)) return resolve();
      if (started < total && performance.now() - start <= capMs) {
        started += 1;
        const t = performance.now();
        caller.session.call('bench.echo', [started]).then(() => {
          inFlight.push(performance.now() - t);
          done += 1;
          next();
        }, reject);
      } else if (done === started) resolve();
    };
    for (let i = 0; i < 100; i += 1) next();
  });
  const secs = (performance.now() - start) / 1000;
  inFlight.sort((a, b) => a - b);
  console.log(
    `AutobahnJS RPC 100 in flight: ${fmt(done / secs)} calls/s, p50 ${ms(percentile(inFlight, 50))}, p99 ${ms(percentile(inFlight, 99))} (${fmt(done)} calls)`,
  );
  callee.child.kill();
  caller.connection.close();
}

async function abEvents(url: string): Promise<void> {
  const subscribers = await Promise.all(Array.from({ length: 10 }, () => open(url)));
  const publisher = await open(url);
  const total = 50_000;
  let received = 0;
  let resolveAll: () => void = () => undefined;
  const allIn = new Promise<void>((r) => (resolveAll = r));
  for (const s of subscribers) {
    await s.session.subscribe('bench.topic', () => {
      received += 1;
      if (received === total * 10) resolveAll();
    });
  }
  const start = performance.now();
  let published = 0;
  // Publish in slices so the socket and event loop keep up; stop early at the time cap.
  while (published < total && performance.now() - start < capMs) {
    for (let i = 0; i < 500 && published < total; i += 1, published += 1) publisher.session.publish('bench.topic', [published]);
    await new Promise((r) => setImmediate(r));
  }
  await Promise.race([allIn, new Promise((r) => setTimeout(r, capMs))]);
  const secs = (performance.now() - start) / 1000;
  console.log(`AutobahnJS events 1 → 10 subscribers: ${fmt(received / secs)} events delivered/s (${fmt(published)} published, ${fmt(received)} delivered)`);
  publisher.connection.close();
  for (const s of subscribers) s.connection.close();
}

async function rawRpc(connect: Connect, label = 'raw-client', routerPid?: number): Promise<void> {
  let callee!: Raw;
  callee = await connect((m) => {
    if (m[0] === 68) callee.send([70, m[1], {}, m[4] ?? []]);
  });
  callee.send([64, 1, {}, 'bench.raw']);
  const total = 200_000;
  let started = 0;
  let done = 0;
  const start = performance.now();
  const cpuStart = routerPid === undefined ? 0 : cpuMs(routerPid);
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((r) => (finish = r));
  const caller = await connect((m) => {
    if (m[0] !== 50) return;
    done += 1;
    if (done === total || (performance.now() - start > capMs && done === started)) return finish();
    if (started < total && performance.now() - start <= capMs) {
      started += 1;
      caller.send([48, started, {}, 'bench.raw', [started]]);
    }
  });
  await new Promise((r) => setTimeout(r, 50));
  for (let i = 0; i < 100; i += 1) {
    started += 1;
    caller.send([48, started, {}, 'bench.raw', [started]]);
  }
  await finished;
  const secs = (performance.now() - start) / 1000;
  const cpu = routerPid === undefined ? '' : `, router CPU ${((cpuMs(routerPid) - cpuStart) * 1000 / done).toFixed(1)} µs per call`;
  console.log(`${label} RPC 100 in flight: ${fmt(done / secs)} calls/s (${fmt(done)} calls${cpu})`);
  caller.close();
  callee.close();
}

async function rawEvents(connect: Connect, label = 'raw-client', routerPid?: number): Promise<void> {
  const total = 100_000;
  let received = 0;
  let resolveAll: () => void = () => undefined;
  const allIn = new Promise<void>((r) => (resolveAll = r));
  const subs = await Promise.all(
    Array.from({ length: 10 }, () =>
      connect((m) => {
        if (m[0] === 36 && ++received === total * 10) resolveAll();
      }),
    ),
  );
  for (const s of subs) s.send([32, 1, {}, 'bench.rawtopic']);
  await new Promise((r) => setTimeout(r, 100));
  const pub = await connect(() => undefined);
  const start = performance.now();
  const cpuStart = routerPid === undefined ? 0 : cpuMs(routerPid);
  let published = 0;
  while (published < total && performance.now() - start < capMs) {
    for (let i = 0; i < 1000 && published < total; i += 1, published += 1) pub.send([16, published + 1, {}, 'bench.rawtopic', [published]]);
    await new Promise((r) => setImmediate(r));
  }
  await Promise.race([allIn, new Promise((r) => setTimeout(r, capMs))]);
  const secs = (performance.now() - start) / 1000;
  const cpu = routerPid === undefined ? '' : `, router CPU ${((cpuMs(routerPid) - cpuStart) * 1000 / Math.max(1, received)).toFixed(1)} µs per delivered event`;
  console.log(`${label} events 1 → 10 subscribers: ${fmt(received / secs)} events delivered/s (${fmt(published)} published, ${fmt(received)} delivered${cpu})`);
  pub.close();
  for (const s of subs) s.close();
}

const procs: ChildProcess[] = [];
try {
  console.log(`router bench: serializer ${serializer}, cap ${capMs / 1000} s per phase, node ${process.version}`);
  if (phases.has('echo')) {
    const echo = await startProcess('echo');
    procs.push(echo.child);
    await rawEcho(echo.port);
  }
  const router = await startProcess('router');
  procs.push(router.child);
  const url = `ws://127.0.0.1:${router.port}/ws`;
  if (phases.has('rpc')) await abRpc(url);
  if (phases.has('events')) await abEvents(url);
  const wsConnect: Connect = (on) => rawClient(url, on);
  const rsConnect: Connect = (on) => rawSocketClient({ port: router.rsPort! }, on);
  if (phases.has('raw')) {
    await rawRpc(wsConnect, 'raw-client ws://', router.child.pid);
    await rawEvents(wsConnect, 'raw-client ws://', router.child.pid);
  }
  if (phases.has('rawsocket')) {
    await rawRpc(rsConnect, 'raw-client rs://', router.child.pid);
    await rawEvents(rsConnect, 'raw-client rs://', router.child.pid);
  }
  if (phases.has('tls')) await tlsPhase(router);
  if (phases.has('stalled')) await stalledSubscriber(url, router.child.pid!);
  if (phases.has('wildcard')) await wildcardCost(url, router.child.pid!);
  if (phases.has('idle')) await idleSessionMemory(url, serializer, () => rssMb(router.child.pid!), capMs);
  if (phases.has('logins')) await loginRate(url, serializer, capMs);
} catch (err) {
  console.error('bench failed:', err);
  process.exitCode = 1;
} finally {
  for (const p of procs) p.kill();
}
process.exit();
