// `authbahn test` from the built CLI (`npm run build` first) against our router running in this
// process: exit codes, --json shape, secrets from stdin, saved profiles with keychain secrets, and a
// stored authenticator account as the TOTP source.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../../main/services';
import { requireKeyringSession } from '../keyring-env';
import { ALICE_PASSWORD, startOurRouter, TOTP_SECRET, type RunningRouter } from './support/our-router';
import { closedPort } from './support/servers';

const root = resolve(import.meta.dirname, '..', '..', '..');
const bin = join(root, 'bin', 'authbahn.js');
let router: RunningRouter;
let work: string;
let dataDir: string;
let keychainService: string;

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function authbahn(args: string[], stdin = ''): Promise<Run> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [bin, '--data-dir', dataDir, ...args], { cwd: work, env: process.env, stdio: 'pipe' });
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

beforeAll(async () => {
  keychainService = requireKeyringSession();
  if (!existsSync(join(root, 'dist', 'main', 'cli.js'))) throw new Error('dist/main/cli.js is missing: run `npm run build` first');
  router = await startOurRouter();
  work = await mkdtemp(join(tmpdir(), 'authbahn-cli-tester-'));
  dataDir = join(work, 'data');
});

afterAll(async () => {
  await router?.stop();
  if (work) {
    // Profile and account secrets live in the shared test keychain: remove them through the app.
    const services = await createServices({ dataDir, keychainService, mode: 'web', clipboard: null, version: 'test' });
    for (const p of await services.handlers.tester.listProfiles()) await services.handlers.tester.removeProfile(p.id);
    for (const a of await services.handlers.accounts.list()) await services.handlers.accounts.remove(a.id);
    await services.dispose();
    await rm(work, { recursive: true, force: true });
  }
});

describe('authbahn test', () => {
  it('exits 0 on WELCOME and prints the trace, diagnosis and WELCOME details', async () => {
    const run = await authbahn(['test', '--url', router.url, '--realm', 'realm1']);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/→ HELLO/);
    expect(run.out).toMatch(/← WELCOME/);
    expect(run.out).toContain('OK: Connected and joined the realm');
    expect(run.out).toMatch(/authrole +public/);
  });

  it('--json prints outcome, reason, diagnosis, details, trace and probes', async () => {
    const run = await authbahn(['test', '--url', router.url, '--realm', 'realm1', '--ticket', 'secret!!!', '--authid', 'joe', '--serializer', 'msgpack', '--json']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.out);
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['outcome', 'reason', 'diagnosis', 'details', 'trace', 'probes']));
    expect(json).toMatchObject({ outcome: 'welcome', reason: 'welcome', details: { subprotocol: 'wamp.2.msgpack', welcome: { authid: 'joe' } } });
    expect(run.out).not.toContain('secret!!!');
  });

  it('exits 1 on ABORT with the diagnosis of a wrong ticket', async () => {
    const run = await authbahn(['test', '--url', router.url, '--realm', 'realm1', '--ticket', 'wrong', '--authid', 'joe', '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.out)).toMatchObject({ outcome: 'abort', reason: 'wamp.error.not_authorized', diagnosis: { kind: 'ticket_rejected' } });
  });

  it('reads a WAMP-CRA secret from stdin and says which key interpretation the router expects', async () => {
    const run = await authbahn(['test', '--url', router.url, '--realm', 'realm1', '--authid', 'alice', '--secret', '-', '--json'], `${ALICE_PASSWORD}\n`);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out).details).toMatchObject({ authmethod: 'wampcra', craKey: 'password' });
  });

  it('exits 1 when a probe is denied and shows the matrix', async () => {
    const run = await authbahn([
      'test',
      '--url',
      router.url,
      '--realm',
      'realm1',
      '--authmethod',
      'ticket',
      '--secret',
      'secret!!!',
      '--authid',
      'joe',
      '--call',
      'com.example.add2',
      '--register',
      'com.example.add2',
      '--publish',
      'com.example.news',
      '--subscribe',
      'org.other.news',
    ]);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/call +com\.example\.add2 +allowed +wamp\.error\.no_such_procedure/);
    expect(run.out).toMatch(/register +com\.example\.add2 +denied +wamp\.error\.not_authorized/);
    expect(run.out).toMatch(/publish +com\.example\.news +allowed +PUBLISHED/);
    expect(run.out).toMatch(/subscribe +org\.other\.news +denied/);
  });

  it('exits 2 when nothing listens', async () => {
    const port = await closedPort();
    const run = await authbahn(['test', '--url', `ws://127.0.0.1:${port}/ws`, '--realm', 'realm1', '--timeout', '2000']);
    expect(run.code).toBe(2);
    expect(run.out).toContain('FAILED: Connection refused');
  });

  it('exits 2 with the usage on missing options', async () => {
    const run = await authbahn(['test', '--url', router.url]);
    expect(run.code).toBe(2);
    expect(run.err).toContain('give --url and --realm');
    expect(run.err).toContain('Usage: authbahn test');
  });

  it('runs a saved profile with its keychain secret, and a stored account as TOTP source', async () => {
    const services = await createServices({ dataDir, keychainService, mode: 'web', clipboard: null, version: 'test' });
    try {
      await services.handlers.tester.saveProfile(
        {
          name: 'Local joe',
          url: router.url,
          realm: 'realm1',
          authmethod: 'ticket',
          authid: 'joe',
          serializer: 'cbor',
          timeoutMs: 3000,
          probes: { call: [], register: [], publish: [], subscribe: ['com.example.news'] },
        },
        'secret!!!',
      );
      await services.handlers.accounts.importUri(`otpauth://totp/Router:ann?secret=${TOTP_SECRET}&issuer=Router`);
    } finally {
      await services.dispose();
    }
    const saved = await authbahn(['test', '--profile', 'local joe', '--json']);
    expect(saved.code).toBe(0);
    expect(JSON.parse(saved.out)).toMatchObject({ details: { subprotocol: 'wamp.2.cbor', welcome: { authid: 'joe' } }, probes: [{ outcome: 'allowed' }] });

    const totp = await authbahn(['test', '--url', router.url, '--realm', 'realm1', '--authid', 'ann', '--totp-account', 'Router:ann', '--json']);
    expect(totp.code).toBe(0);
    expect(JSON.parse(totp.out)).toMatchObject({ outcome: 'welcome', details: { authmethod: 'totp', welcome: { authid: 'ann' } } });

    const report = join(work, 'report.md');
    const all = await authbahn(['test', '--all', '--report', report]);
    expect(all.code).toBe(0);
    expect(all.err).toContain(`report written to ${report}`);
    const markdown = await readFile(report, 'utf8');
    expect(markdown).toContain('## Local joe');
    expect(markdown).toContain('| subscribe | com.example.news | ✅ allowed |');
    expect(markdown).not.toContain('secret!!!');

    // --profile and --all runs join the profile's history (shown in the app's Tester), marked as CLI runs;
    // the --url/--totp-account run belongs to no profile and is not recorded.
    const history = JSON.parse(await readFile(join(dataDir, 'tester-history.json'), 'utf8'));
    expect(history.runs.map((r: { profileName: string; source: string; outcome: string }) => [r.profileName, r.source, r.outcome])).toEqual([
      ['Local joe', 'cli', 'welcome'],
      ['Local joe', 'cli', 'welcome'],
    ]);
    expect(JSON.stringify(history)).not.toContain('secret!!!');

    const unknown = await authbahn(['test', '--profile', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('no tester profile named "nope"');
  }, 90_000);
});
