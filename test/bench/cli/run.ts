// `npm run bench:cli`: start-up cost of the built `authbahn` CLI against a bare `node -e 0`, measured
// in one run, interleaved (each round runs every command once), median of --runs=N rounds (default 10).
// Runs inside a private keyring session (see package.json) so `code ACCOUNT` and `accounts list` read
// the real Secret Service. Prints numbers and ratios against the targets; asserts nothing.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { WebSocketServer } from 'ws';

const root = resolve(import.meta.dirname, '../../..');
const cli = join(root, 'bin/authbahn.js');
const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 10);
const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const time = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

interface Sample {
  ms: number;
  peakKb: number | null;
}

/** Wall time of one process from spawn to exit, and its peak RSS when /usr/bin/time is there. */
function measure(args: string[], env: NodeJS.ProcessEnv): Sample {
  const cmd = time ? [time, '-f', '%M', process.execPath, ...args] : [process.execPath, ...args];
  const t0 = performance.now();
  const r = spawnSync(cmd[0]!, cmd.slice(1), { env, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const peak = time ? Number(r.stderr.trim().split('\n').at(-1)) : NaN;
  return { ms, peakKb: Number.isFinite(peak) ? peak : null };
}

/** `authbahn test` against a WebSocket server here: time from spawn until its HELLO arrives. */
async function firstFrame(env: NodeJS.ProcessEnv): Promise<number> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (p) => [...p][0] ?? false });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const port = (wss.address() as { port: number }).port;
  const hello = new Promise<number>((r) => wss.once('connection', (ws) => ws.once('message', () => (r(performance.now()), ws.close()))));
  const t0 = performance.now();
  const child = spawn(process.execPath, [cli, 'test', '--url', `ws://127.0.0.1:${port}/ws`, '--realm', 'realm1', '--timeout', '2000'], { env, stdio: 'ignore' });
  const at = await hello;
  await new Promise((r) => child.once('exit', r));
  wss.close();
  return at - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  if (!existsSync(join(root, 'dist/main/cli.js'))) throw new Error('run `npm run build` first');
  const dataDir = mkdtempSync(join(tmpdir(), 'authbahn-bench-cli-'));
  const env = { ...process.env, AUTHBAHN_DATA_DIR: dataDir };
  try {
    measure([cli, 'accounts', 'add', `otpauth://totp/Bench:alice?secret=${SECRET}&issuer=Bench`], env);
    const cases: { name: string; args: string[]; target: number }[] = [
      { name: '--version', args: [cli, '--version'], target: 1.5 },
      { name: 'help', args: [cli, 'help'], target: 1.5 },
      { name: 'code --secret', args: [cli, 'code', '--secret', SECRET], target: 1.5 },
      { name: 'code ACCOUNT (keychain)', args: [cli, 'code', 'Bench:alice'], target: 2 },
      { name: 'accounts list (keychain)', args: [cli, 'accounts', 'list'], target: 2 },
    ];
    const base: Sample[] = [];
    const samples = new Map<string, Sample[]>(cases.map((c) => [c.name, []]));
    const frames: number[] = [];
    for (let i = 0; i < runs; i++) {
      base.push(measure(['-e', '0'], env));
      for (const c of cases) samples.get(c.name)!.push(measure(c.args, env));
      frames.push(await firstFrame(env));
    }
    const baseMs = median(base.map((s) => s.ms));
    const peak = (xs: Sample[]) => (xs[0]?.peakKb == null ? '' : `${(median(xs.map((s) => s.peakKb!)) / 1024).toFixed(0)} MB peak`);
    console.log(`median of ${runs} interleaved rounds`);
    console.log(`${'node -e 0'.padEnd(28)} ${baseMs.toFixed(0).padStart(6)} ms   ${peak(base)}`);
    for (const c of cases) {
      const ms = median(samples.get(c.name)!.map((s) => s.ms));
      const ratio = ms / baseMs;
      console.log(`${c.name.padEnd(28)} ${ms.toFixed(0).padStart(6)} ms   ${(ratio.toFixed(2) + '×').padStart(6)} (target ≤ ${c.target}×) ${ratio <= c.target ? 'ok ' : 'MISS'}   ${peak(samples.get(c.name)!)}`);
    }
    const frame = median(frames);
    console.log(`${'test: first frame sent'.padEnd(28)} ${frame.toFixed(0).padStart(6)} ms   ${((frame / baseMs).toFixed(2) + '×').padStart(6)} (target ≤ 2× + network) ${frame / baseMs <= 2 ? 'ok ' : 'MISS'}`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
