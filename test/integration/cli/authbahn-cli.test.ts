// The built CLI (`node bin/authbahn.js`, from `npm run build`) against the real test keychain.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMigrationUri } from '../../../shared/otp/migration';
import { parseOtpauthUri } from '../../../shared/otp/otpauth-uri';
import { requireKeyringSession, secretToolLookup } from '../keyring-env';

const root = resolve(import.meta.dirname, '..', '..', '..');
const bin = join(root, 'bin', 'authbahn.js');
let service: string;
let work: string;
let dataDir: string;

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function authbahn(args: string[], options: { env?: NodeJS.ProcessEnv; stdin?: string } = {}): Promise<Run> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: work, env: options.env ?? process.env, stdio: 'pipe' });
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
    child.stdin.end(options.stdin ?? '');
  });
}

// Reference values: RFC 6238 appendix B and the RFC 4226 HOTP table for the same secret.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const HOTP_RFC4226 = ['755224', '287082', '359152', '969429', '338314', '254676'];
const GITHUB = `otpauth://totp/GitHub:alice%40example.com?secret=${RFC_SECRET}&issuer=GitHub&digits=8`;
const BANK = `otpauth://hotp/Bank:ann?secret=${RFC_SECRET}&issuer=Bank&counter=2`;

beforeAll(async () => {
  service = requireKeyringSession();
  if (!existsSync(join(root, 'dist', 'main', 'cli.js'))) throw new Error('dist/main/cli.js is missing: run `npm run build` first');
  work = await mkdtemp(join(tmpdir(), 'authbahn-cli-it-'));
  dataDir = join(work, 'data');
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('built CLI', () => {
  it('code --secret prints the RFC 6238 vector without any keychain', async () => {
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };
    expect(await authbahn(['code', '--secret', '-', '--at', '59', '--digits', '8'], { env, stdin: `${RFC_SECRET}\n` })).toEqual({ code: 0, out: '94287082\n', err: '' });
    // On the command line it still works, with one warning line: other users can read argv (ps).
    expect(await authbahn(['code', '--secret', RFC_SECRET, '--at', '59', '--digits', '8'], { env })).toEqual({
      code: 0,
      out: '94287082\n',
      err: 'authbahn: warning: --secret on the command line is visible to other users (ps, shell history); use --secret - to read it from standard input\n',
    });
  });

  it('accounts add / list --json / code / export / remove --yes on the real keychain', async () => {
    const add = await authbahn(['accounts', 'add', '-', '--data-dir', dataDir], { stdin: `${GITHUB}\n${BANK}\n` });
    expect(add.err).toBe('');
    expect(add.code).toBe(0);
    expect(add.out).toMatch(/^Added GitHub \/ alice@example\.com \[[0-9a-f]{16}\]\nAdded Bank \/ ann \[[0-9a-f]{16}\]\n$/);

    const list = await authbahn(['--data-dir', dataDir, 'accounts', 'list', '--json']);
    expect(list.code).toBe(0);
    const accounts = JSON.parse(list.out) as { id: string; issuer: string; label: string; type: string; digits: number; counter: number }[];
    expect(accounts.map((a) => [a.issuer, a.label, a.type, a.digits, a.counter])).toEqual([
      ['GitHub', 'alice@example.com', 'totp', 8, 0],
      ['Bank', 'ann', 'hotp', 6, 2],
    ]);
    const [github, bank] = accounts;
    expect(await secretToolLookup(service, `account:${github!.id}`)).toBe(RFC_SECRET);
    const onDisk = (await Promise.all((await readdir(dataDir)).map((n) => readFile(join(dataDir, n), 'utf8')))).join('');
    expect(onDisk).not.toContain(RFC_SECRET);

    expect(await authbahn(['code', 'github', '--at', '59', '--data-dir', dataDir])).toEqual({ code: 0, out: '94287082\n', err: '' });
    expect((await authbahn(['code', github!.id, '--at', '20000000000', '--data-dir', dataDir])).out).toBe('65353130\n');
    const json = JSON.parse((await authbahn(['code', 'GitHub:alice@example.com', '--at', '59', '--json', '--data-dir', dataDir])).out);
    expect(json).toMatchObject({ id: github!.id, code: '94287082', validFrom: 30, validUntil: 60, secondsRemaining: 1 });

    expect((await authbahn(['code', 'bank', '--data-dir', dataDir])).out).toBe(`${HOTP_RFC4226[2]}\n`);
    expect((await authbahn(['code', 'bank', '--advance', '--data-dir', dataDir])).out).toBe(`${HOTP_RFC4226[3]}\n`);
    expect((await authbahn(['code', 'bank', '--data-dir', dataDir])).out).toBe(`${HOTP_RFC4226[3]}\n`);

    const uris = await authbahn(['accounts', 'export', '--data-dir', dataDir]);
    expect(uris.code).toBe(0);
    expect(uris.out.trim().split('\n').map((u) => parseOtpauthUri(u))).toEqual([
      { ok: true, value: { type: 'totp', issuer: 'GitHub', label: 'alice@example.com', secret: RFC_SECRET, algorithm: 'SHA1', digits: 8, period: 30, counter: 0 } },
      { ok: true, value: { type: 'hotp', issuer: 'Bank', label: 'ann', secret: RFC_SECRET, algorithm: 'SHA1', digits: 6, period: 30, counter: 3 } },
    ]);
    const migration = await authbahn(['accounts', 'export', '--format', 'migration', '--data-dir', dataDir]);
    const batch = parseMigrationUri(migration.out.trim());
    expect(batch.ok && batch.value.accounts.map((a) => [a.issuer, a.secret, a.counter])).toEqual([
      ['GitHub', RFC_SECRET, 0],
      ['Bank', RFC_SECRET, 3],
    ]);

    // The migration export re-imports into a fresh vault.
    const otherDir = join(work, 'other');
    const reimport = await authbahn(['accounts', 'add', '-', '--data-dir', otherDir], { stdin: migration.out });
    expect(reimport.code).toBe(0);
    expect(reimport.out.match(/^Added /gm)).toHaveLength(2);

    const refused = await authbahn(['accounts', 'remove', github!.id, '--data-dir', dataDir]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('without --yes');
    expect(await secretToolLookup(service, `account:${github!.id}`)).toBe(RFC_SECRET);

    expect(await authbahn(['accounts', 'remove', github!.id, '--yes', '--data-dir', dataDir])).toEqual({
      code: 0,
      out: `Removed GitHub / alice@example.com [${github!.id}]\n`,
      err: '',
    });
    expect(await secretToolLookup(service, `account:${github!.id}`)).toBeNull();
    expect((await authbahn(['accounts', 'remove', 'Bank:ann', '--yes', '--data-dir', dataDir])).code).toBe(0);
    for (const id of JSON.parse((await authbahn(['accounts', 'list', '--json', '--data-dir', otherDir])).out).map((a: { id: string }) => a.id)) {
      expect((await authbahn(['accounts', 'remove', id, '--yes', '--data-dir', otherDir])).code).toBe(0);
    }
    expect(await authbahn(['accounts', 'list', '--json', '--data-dir', dataDir])).toEqual({ code: 0, out: '[]\n', err: '' });
  });

  it('bad input exits 1, bad usage exits 2, each with a clear message on stderr', async () => {
    const invalidSecret = await authbahn(['code', '--secret', '-', '--data-dir', dataDir], { stdin: 'NOT-BASE32!\n' });
    expect(invalidSecret.code).toBe(1);
    expect(invalidSecret.out).toBe('');
    expect(invalidSecret.err).toMatch(/^authbahn: --secret: .*"!"/);

    const badUri = await authbahn(['accounts', 'add', 'https://example.com', '--data-dir', dataDir]);
    expect(badUri.code).toBe(1);
    expect(badUri.err).toContain('Expected an otpauth:// URI');

    const notFound = await authbahn(['code', 'nobody', '--data-dir', dataDir]);
    expect(notFound.code).toBe(1);
    expect(notFound.err).toContain('no account matches "nobody"');

    const unknownFlag = await authbahn(['accounts', 'list', '--colour']);
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.err).toMatch(/^authbahn: unknown option "--colour"\n\nUsage: authbahn accounts list/);

    const unknownCommand = await authbahn(['frobnicate']);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.err).toMatch(/^authbahn: unknown command "frobnicate"\n\nUsage: authbahn/);
  });

  it('an unreachable keychain exits 2 with the probe message; listing metadata still works', async () => {
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(work, 'dead-bus')}` };
    const add = await authbahn(['accounts', 'add', '-', '--data-dir', dataDir], { env, stdin: `${GITHUB}\n` });
    expect(add.code).toBe(2);
    expect(add.err).toMatch(/^authbahn: The OS keychain \(Secret Service\) is not usable: .*dead-bus.*No Secret Service is reachable/);
    expect(await authbahn(['accounts', 'list', '--json', '--data-dir', dataDir], { env })).toEqual({ code: 0, out: '[]\n', err: '' });
  });

  it('--version and --help', async () => {
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(await authbahn(['--version'])).toEqual({ code: 0, out: `authbahn ${pkg.version}\n`, err: '' });
    const help = await authbahn(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('accounts export [--format F]');
  });
});
