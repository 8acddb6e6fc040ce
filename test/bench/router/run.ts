// `npm run bench:router`: throughput and latency of the WAMP router with AutobahnJS clients, plus
// raw-client runs (our own serializer, no client library overhead) and a raw WebSocket echo rate
// as the physical bound on this machine. Router, the RPC callee and the other clients run in
// separate processes. AutobahnJS clients use native Promises (its documented `use_es6_promises` option)
// rather than its when.js default, as current applications do.
// Bounded: every phase has a count and a time cap. Prints numbers; exits 1 only on errors.
//
// Options: --serializer=json|msgpack|cbor (default json), --seconds=<cap per phase> (default 8).
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import autobahn from 'autobahn';
import WebSocket from 'ws';
import { SERIALIZERS, type SerializerId } from '../../../shared/wamp/serializers';

const args = process.argv.slice(2);
const value = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const serializer = (value('serializer') ?? 'json') as SerializerId;
const capMs = Number(value('seconds') ?? 8) * 1000;

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => `${n.toFixed(3)} ms`;

async function startProcess(mode: 'router' | 'echo' | 'callee', extra: string[] = []): Promise<{ child: ChildProcess; port: number }> {
  const jiti = join(import.meta.dirname, '..', '..', '..', 'node_modules', 'jiti', 'lib', 'jiti-cli.mjs');
  // BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") lets you profile the router process.
  const nodeArgs = mode === 'router' ? (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean) : [];
  const child = spawn(process.execPath, [...nodeArgs, jiti, join(import.meta.dirname, 'router-process.ts'), mode, ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${mode} process exited with ${code}`)));
  });
  return { child, port: (JSON.parse(line) as { port: number }).port };
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
async function rawClient(url: string, onMessage: (m: unknown[]) => void): Promise<{ send(m: unknown[]): void; close(): void }> {
  const s = SERIALIZERS[serializer];
  const ws = new WebSocket(url, [s.subprotocol], { perMessageDeflate: false });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const welcome = new Promise<void>((resolve) => {
    ws.on('message', (data, isBinary) => {
      const m = s.decode(isBinary ? (data as Buffer) : (data as Buffer).toString()) as unknown[];
      if (m[0] === 2) resolve();
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
  await welcome;
  return { send, close: () => ws.close() };
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

async function rawRpc(url: string): Promise<void> {
  let callee!: Awaited<ReturnType<typeof rawClient>>;
  callee = await rawClient(url, (m) => {
    if (m[0] === 68) callee.send([70, m[1], {}, m[4] ?? []]);
  });
  callee.send([64, 1, {}, 'bench.raw']);
  const total = 200_000;
  let started = 0;
  let done = 0;
  const start = performance.now();
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((r) => (finish = r));
  const caller = await rawClient(url, (m) => {
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
  console.log(`raw-client RPC 100 in flight: ${fmt(done / secs)} calls/s (${fmt(done)} calls)`);
  caller.close();
  callee.close();
}

async function rawEvents(url: string): Promise<void> {
  const total = 100_000;
  let received = 0;
  let resolveAll: () => void = () => undefined;
  const allIn = new Promise<void>((r) => (resolveAll = r));
  const subs = await Promise.all(
    Array.from({ length: 10 }, () =>
      rawClient(url, (m) => {
        if (m[0] === 36 && ++received === total * 10) resolveAll();
      }),
    ),
  );
  for (const s of subs) s.send([32, 1, {}, 'bench.rawtopic']);
  await new Promise((r) => setTimeout(r, 100));
  const pub = await rawClient(url, () => undefined);
  const start = performance.now();
  let published = 0;
  while (published < total && performance.now() - start < capMs) {
    for (let i = 0; i < 1000 && published < total; i += 1, published += 1) pub.send([16, published + 1, {}, 'bench.rawtopic', [published]]);
    await new Promise((r) => setImmediate(r));
  }
  await Promise.race([allIn, new Promise((r) => setTimeout(r, capMs))]);
  const secs = (performance.now() - start) / 1000;
  console.log(`raw-client events 1 → 10 subscribers: ${fmt(received / secs)} events delivered/s (${fmt(published)} published, ${fmt(received)} delivered)`);
  pub.close();
  for (const s of subs) s.close();
}

const procs: ChildProcess[] = [];
try {
  console.log(`router bench: serializer ${serializer}, cap ${capMs / 1000} s per phase, node ${process.version}`);
  const echo = await startProcess('echo');
  procs.push(echo.child);
  await rawEcho(echo.port);
  const router = await startProcess('router');
  procs.push(router.child);
  const url = `ws://127.0.0.1:${router.port}/ws`;
  await abRpc(url);
  await abEvents(url);
  await rawRpc(url);
  await rawEvents(url);
} catch (err) {
  console.error('bench failed:', err);
  process.exitCode = 1;
} finally {
  for (const p of procs) p.kill();
}
process.exit();
