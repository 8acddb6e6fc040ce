import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { bytesToBase32 } from '../../../shared/otp/base32';
import { parseMigrationUri } from '../../../shared/otp/migration';
import { parseOtpauthUri } from '../../../shared/otp/otpauth-uri';
import { main } from '../../../main/cli';
import { SERVE_USAGE } from '../../../main/cli/serve';
import type { CliDeps } from '../../../main/cli/command-context';
import { MemorySecretStore } from '../../../main/vault/memory-secret-store';
import { readAegisVault } from '../../../main/backup/aegis-reader';
import type { SecretStore } from '../../../main/vault/secret-store';
import { refHotp, refTotp, SECRET_A, SECRET_B, tempDir } from '../accounts/fixtures';
import pkg from '../../../package.json' with { type: 'json' };

interface Run {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in-process against one temp data folder and one in-memory keychain. */
async function cli(opts: { secretStore?: SecretStore; stdin?: string; now?: number; prompts?: string[] } = {}) {
  const dataDir = join(await tempDir(), 'data');
  const secretStore = opts.secretStore ?? new MemorySecretStore();
  const run = async (argv: string[], stdin = opts.stdin): Promise<Run> => {
    let out = '';
    let err = '';
    const deps: CliDeps = {
      serviceOverrides: { secretStore, platform: 'linux', probeTimeoutMs: 1_000 },
      home: '/nonexistent-home',
      ...(stdin !== undefined ? { readStdin: async () => stdin } : {}),
      ...(opts.now !== undefined ? { now: () => opts.now! } : {}),
      // No terminal in tests: without `prompts`, asking for a password must fail like a pipe would.
      ...(opts.prompts ? { promptPassword: async () => opts.prompts!.shift() ?? '' } : {}),
    };
    const code = await main(
      argv,
      { stdout: (t) => void (out += t), stderr: (t) => void (err += t), env: { AUTHBAHN_DATA_DIR: dataDir }, untilSignal: () => Promise.resolve() },
      deps,
    );
    return { code, out, err };
  };
  return { run, dataDir, secretStore };
}

/** The stderr line for a secret given on the command line instead of through "-". */
const warning = (what: string, instead: string) => `authbahn: warning: ${what} on the command line is visible to other users (ps, shell history); ${instead}\n`;
const SECRET_FLAG_WARNING = warning('--secret', 'use --secret - to read it from standard input');

const RFC_SHA1 = bytesToBase32(new TextEncoder().encode('12345678901234567890'));
const RFC_SHA256 = bytesToBase32(new TextEncoder().encode('12345678901234567890123456789012'));
const RFC_SHA512 = bytesToBase32(new TextEncoder().encode('1234567890123456789012345678901234567890123456789012345678901234'));

describe('authbahn code --secret', () => {
  it('prints the RFC 6238 test vectors', async () => {
    const { run } = await cli();
    expect(RFC_SHA1).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(await run(['code', '--secret', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '--at', '59', '--digits', '8'])).toEqual({ code: 0, out: '94287082\n', err: SECRET_FLAG_WARNING });
    expect((await run(['code', '--secret', RFC_SHA256, '--algorithm', 'sha256', '--digits', '8', '--at', '59'])).out).toBe('46119246\n');
    expect((await run(['code', '--secret', RFC_SHA512, '--algorithm', 'SHA-512', '--digits=8', '--at=20000000000'])).out).toBe('47863826\n');
    expect((await run(['code', '--secret', RFC_SHA1, '--digits', '8', '--at', '20000000000'])).out).toBe('65353130\n');
  });

  it('--json describes the code window in Unix seconds', async () => {
    const { run } = await cli();
    const r = await run(['code', '--secret', SECRET_A, '--at', '100.5', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      type: 'totp',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      code: refTotp(SECRET_A, 100_500),
      next: refTotp(SECRET_A, 130_500),
      validFrom: 90,
      validUntil: 120,
      secondsRemaining: 19.5,
    });
  });

  it('HOTP with --counter, Steam, and the secret from stdin', async () => {
    const { run } = await cli();
    expect((await run(['code', '--secret', SECRET_B, '--type', 'hotp', '--counter', '7'])).out).toBe(`${refHotp(SECRET_B, 7)}\n`);
    expect((await run(['code', '--secret', SECRET_B, '--type', 'steam', '--at', '59'])).out).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}\n$/);
    expect((await run(['code', '--secret', '-', '--at', '59', '--digits', '8'], 'gezd gnbv gy3t qojq gezd gnbv gy3t qojq\n')).out).toBe('94287082\n');
  });

  it('warns on stderr when the secret is on the command line, not when it comes from stdin', async () => {
    const { run } = await cli();
    expect((await run(['code', '--secret', SECRET_A])).err).toBe(SECRET_FLAG_WARNING);
    expect(await run(['code', '--secret', '-', '--at', '59', '--digits', '8'], `${RFC_SHA1}\n`)).toEqual({ code: 0, out: '94287082\n', err: '' });
  });

  it('invalid values exit 1 with a clear message', async () => {
    const { run } = await cli();
    const cases: [string[], RegExp][] = [
      [['code', '--secret', 'ABC!DEFG'], /--secret: .*"!"/],
      [['code', '--secret', SECRET_A, '--digits', '12'], /--digits: Digits must be a whole number from 6 to 8/],
      [['code', '--secret', SECRET_A, '--digits', 'six'], /--digits must be a whole number, got "six"/],
      [['code', '--secret', SECRET_A, '--algorithm', 'MD5'], /--algorithm must be SHA1, SHA256 or SHA512, got "MD5"/],
      [['code', '--secret', SECRET_A, '--type', 'yubikey'], /--type must be one of totp, hotp, steam/],
      [['code', '--secret', SECRET_A, '--at', 'yesterday'], /--at must be Unix seconds/],
      [['code', '--secret', SECRET_A, '--counter', '3'], /--counter applies to --type hotp only/],
      [['code', '--secret', SECRET_A, '--type', 'steam', '--digits', '6'], /Steam Guard codes always have 5 characters/],
    ];
    for (const [argv, message] of cases) {
      const r = await run(argv);
      expect({ argv, code: r.code, out: r.out }).toEqual({ argv, code: 1, out: '' });
      expect(r.err).toMatch(message);
    }
  });

  it('usage errors exit 2 and print the usage', async () => {
    const { run } = await cli();
    for (const argv of [
      ['code'],
      ['code', '--secret'],
      ['code', '--secret', SECRET_A, '--bogus'],
      ['code', '--secret', SECRET_A, 'github'],
      ['code', 'github', '--digits', '8'],
      ['code', '--secret', SECRET_A, '--json=yes'],
    ]) {
      const r = await run(argv);
      expect({ argv, code: r.code }).toEqual({ argv, code: 2 });
      expect(r.err).toMatch(/^authbahn: .+\n\nUsage:/);
    }
  });
});

describe('authbahn (global)', () => {
  it('--version, --help, help COMMAND', async () => {
    const { run } = await cli();
    expect(await run(['--version'])).toEqual({ code: 0, out: `authbahn ${pkg.version}\n`, err: '' });
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['code ACCOUNT', 'code --secret', 'accounts list', 'accounts add', 'accounts remove', 'accounts export', 'serve', '--data-dir', '--version']) {
      expect(help.out).toContain(command);
    }
    expect((await run(['help', 'accounts', 'export'])).out).toContain('--format migration');
    expect((await run(['accounts', 'add', '--help'])).out).toContain('Usage: authbahn accounts add');
    expect((await run(['--help', 'code'])).out).toContain('--algorithm');
  });

  it('dispatches serve to its own command (help needs no services)', async () => {
    const { run } = await cli();
    const r = await run(['serve', '--help']);
    expect(r).toEqual({ code: 0, out: SERVE_USAGE, err: '' });
    expect((await run(['--data-dir', '/tmp/x', 'serve', '--bogus'])).code).toBe(2);
  });

  it('no command, unknown command, unknown global flag: usage on stderr, exit 2', async () => {
    const { run } = await cli();
    for (const argv of [[], ['frobnicate'], ['--verbose', 'code'], ['accounts'], ['accounts', 'rename'], ['help', 'nothing']]) {
      const r = await run(argv);
      expect({ argv, code: r.code, out: r.out }).toEqual({ argv, code: 2, out: '' });
      expect(r.err).toMatch(/Usage:/);
    }
  });
});

describe('authbahn accounts / code ACCOUNT', () => {
  const github = `otpauth://totp/GitHub:alice?secret=${SECRET_A}&issuer=GitHub`;
  const gitlab = `otpauth://totp/GitLab:alice?secret=${SECRET_B}&issuer=GitLab`;
  const bank = `otpauth://hotp/Bank:ann?secret=${SECRET_B}&issuer=Bank&counter=4`;

  it('add, list, code, export, remove', async () => {
    const { run, secretStore } = await cli({ now: 1_700_000_000_000 });
    const add = await run(['accounts', 'add', github, gitlab]);
    expect(add.code).toBe(0);
    expect(add.out).toMatch(/^Added GitHub \/ alice \[[0-9a-f]{16}\]\nAdded GitLab \/ alice \[[0-9a-f]{16}\]\n$/);

    const list = await run(['accounts', 'list', '--json']);
    const accounts = JSON.parse(list.out) as { id: string; issuer: string }[];
    expect(accounts.map((a) => a.issuer)).toEqual(['GitHub', 'GitLab']);
    expect(list.out).not.toContain(SECRET_A);
    const table = await run(['accounts', 'list']);
    expect(table.out.split('\n')[0]).toMatch(/^ID\s+ISSUER\s+LABEL\s+TYPE\s+DIGITS\s+PERIOD\/COUNTER$/);
    expect(table.out).toMatch(/GitHub\s+alice\s+totp\s+6\s+30s/);

    expect((await run(['code', 'github', '--at', '59'])).out).toBe(`${refTotp(SECRET_A, 59_000)}\n`);
    expect((await run(['code', 'GitLab:ALICE'])).out).toBe(`${refTotp(SECRET_B, 1_700_000_000_000)}\n`);
    expect((await run(['code', accounts[1]!.id.slice(0, 6)])).out).toBe(`${refTotp(SECRET_B, 1_700_000_000_000)}\n`);
    const json = JSON.parse((await run(['code', accounts[0]!.id, '--json', '--at', '59'])).out);
    expect(json).toMatchObject({ id: accounts[0]!.id, issuer: 'GitHub', label: 'alice', code: refTotp(SECRET_A, 59_000), validFrom: 30, validUntil: 60 });

    const ambiguous = await run(['code', 'alice']);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.err).toContain('"alice" matches 2 accounts');
    expect(ambiguous.err).toContain(`GitHub / alice [${accounts[0]!.id}]`);
    expect(ambiguous.err).toContain(`GitLab / alice [${accounts[1]!.id}]`);
    const none = await run(['code', 'bitbucket']);
    expect(none).toMatchObject({ code: 1, out: '' });
    expect(none.err).toContain('no account matches "bitbucket"');

    const exported = await run(['accounts', 'export']);
    expect(exported.out.trim().split('\n').map((u) => parseOtpauthUri(u))).toEqual([
      { ok: true, value: expect.objectContaining({ issuer: 'GitHub', secret: SECRET_A }) },
      { ok: true, value: expect.objectContaining({ issuer: 'GitLab', secret: SECRET_B }) },
    ]);
    const migration = await run(['accounts', 'export', '--format', 'migration']);
    const batch = parseMigrationUri(migration.out.trim());
    expect(batch.ok && batch.value.accounts.map((a) => [a.issuer, a.secret])).toEqual([
      ['GitHub', SECRET_A],
      ['GitLab', SECRET_B],
    ]);

    const refused = await run(['accounts', 'remove', accounts[0]!.id]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('without --yes');
    expect((await run(['accounts', 'remove', 'github', '--yes'])).code).toBe(1); // loose matches are not enough to delete
    const removed = await run(['accounts', 'remove', accounts[0]!.id, '--yes']);
    expect(removed).toEqual({ code: 0, out: `Removed GitHub / alice [${accounts[0]!.id}]\n`, err: '' });
    expect((secretStore as MemorySecretStore).keys()).toEqual([`account:${accounts[1]!.id}`]);
    expect((await run(['accounts', 'remove', 'GitLab:alice', '-y'])).code).toBe(0);
    expect((await run(['accounts', 'list'])).out).toMatch(/^No accounts yet/);
  });

  it('HOTP: code shows the current counter; --advance stores counter + 1 first', async () => {
    const { run } = await cli();
    await run(['accounts', 'add', bank]);
    expect((await run(['code', 'bank'])).out).toBe(`${refHotp(SECRET_B, 4)}\n`);
    expect((await run(['code', 'bank', '--advance'])).out).toBe(`${refHotp(SECRET_B, 5)}\n`);
    expect((await run(['code', 'bank'])).out).toBe(`${refHotp(SECRET_B, 5)}\n`);
    expect(JSON.parse((await run(['accounts', 'list', '--json'])).out)[0].counter).toBe(5);
  });

  it('add: duplicates and invalid URIs exit 1; - reads URIs from stdin; --json reports per URI', async () => {
    const { run } = await cli();
    expect((await run(['accounts', 'add', github])).code).toBe(0);
    const dup = await run(['accounts', 'add', github]);
    expect(dup.code).toBe(1);
    expect(dup.err).toContain('Already present, skipped: GitHub / alice');
    const bad = await run(['accounts', 'add', 'otpauth://totp/x?secret=!!!']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^authbahn: warning: .*\nauthbahn: .*secret/i);
    const viaStdin = await run(['accounts', 'add', '-', '--json'], `${gitlab}\n\n${bank}\n`);
    expect(viaStdin.code).toBe(0);
    const results = JSON.parse(viaStdin.out) as { index: number; added: { issuer: string }[] }[];
    expect(results.map((r) => [r.index, r.added.map((a) => a.issuer)])).toEqual([
      [0, ['GitLab']],
      [1, ['Bank']],
    ]);
    expect((await run(['accounts', 'add'])).code).toBe(2);
  });

  it('add warns on stderr when URIs with secrets are on the command line, once, and not for -', async () => {
    const { run } = await cli();
    const onArgv = await run(['accounts', 'add', github, gitlab]);
    expect(onArgv.code).toBe(0);
    expect(onArgv.err).toBe(warning('an otpauth:// URI (it contains the secret)', 'use - to read URIs from standard input'));
    expect(await run(['accounts', 'add', 'OTPAUTH-MIGRATION://offline?data=xx'])).toMatchObject({ err: expect.stringMatching(/^authbahn: warning: an otpauth:\/\/ URI/) });
    const viaStdin = await run(['accounts', 'add', '-'], `${bank}\n`);
    expect(viaStdin).toMatchObject({ code: 0, err: '' });
  });

  it('export --format migration names the accounts it cannot include', async () => {
    const { run } = await cli();
    await run(['accounts', 'add', github, `otpauth://steam/Steam:gamer?secret=${SECRET_B}&issuer=Steam`]);
    const r = await run(['accounts', 'export', '--format', 'migration', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual([{ uri: expect.stringMatching(/^otpauth-migration:\/\/offline\?data=/), batchIndex: 0, batchSize: 1, accountIds: [expect.any(String)] }]);
    expect(r.err).toContain('1 account(s) cannot be exported to Google Authenticator');
    expect(r.err).toContain('Steam / gamer: Google Authenticator exports cannot hold Steam Guard accounts');
    expect((await run(['accounts', 'export', '--format', 'qr'])).code).toBe(2);
  });

  it('export --format aegis: plain, or encrypted with --password-stdin or a twice-typed password; restorable', async () => {
    const { run } = await cli();
    await run(['accounts', 'add', github, `otpauth://steam/Steam:gamer?secret=${SECRET_B}&issuer=Steam`]);
    const plain = await run(['accounts', 'export', '--format', 'aegis']);
    expect(plain.code).toBe(0);
    expect(plain.err).toContain('NOT encrypted');
    expect((await readAegisVault(plain.out, null)).accounts.map((a) => [a.type, a.secret])).toEqual([
      ['totp', SECRET_A],
      ['steam', SECRET_B],
    ]);

    const encrypted = await run(['accounts', 'export', '--format', 'aegis', '--encrypt', '--password-stdin'], 'stdin-password\nignored\n');
    expect(encrypted.code).toBe(0);
    expect(encrypted.out).not.toContain(SECRET_A);
    expect((await readAegisVault(encrypted.out, 'stdin-password')).accounts).toHaveLength(2);
    await expect(readAegisVault(encrypted.out, 'ignored')).rejects.toMatchObject({ code: 'IMPORT_WRONG_PASSWORD' });

    // --encrypt without a terminal and without --password-stdin: exit 2 and say what to do.
    const noTty = await run(['accounts', 'export', '--format', 'aegis', '--encrypt']);
    expect(noTty.code).toBe(2);
    expect(noTty.err).toContain('--password-stdin');
    expect(noTty.out).toBe('');
    expect((await run(['accounts', 'export', '--format', 'uris', '--encrypt'])).code).toBe(2);
  });

  it('export --format aegis --encrypt asks twice on a terminal and refuses differing or short passwords', async () => {
    const typed = await cli({ prompts: ['typed-password', 'typed-password'] });
    await typed.run(['accounts', 'add', github]);
    const ok = await typed.run(['accounts', 'export', '--format', 'aegis', '--encrypt']);
    expect(ok.code).toBe(0);
    expect((await readAegisVault(ok.out, 'typed-password')).accounts).toHaveLength(1);
    const differ = await cli({ prompts: ['one-password', 'two-password'] });
    const r = await differ.run(['accounts', 'export', '--format', 'aegis', '--encrypt']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('differ');
    const short = await cli({ prompts: ['short', 'short'] });
    await short.run(['accounts', 'add', github]);
    expect((await short.run(['accounts', 'export', '--format', 'aegis', '--encrypt'])).err).toContain('at least 8 characters');
  });

  it('--data-dir before or after the command selects the vault', async () => {
    const { run } = await cli();
    const other = join(await tempDir(), 'other');
    expect((await run(['--data-dir', other, 'accounts', 'add', github])).code).toBe(0);
    expect(JSON.parse((await run(['accounts', 'list', '--json', '--data-dir', other])).out)).toHaveLength(1);
    expect(JSON.parse((await run(['accounts', 'list', '--json'])).out)).toHaveLength(0);
  });

  it('a damaged accounts.json: keeps the valid entries, says what was set aside on stderr and exits 1', async () => {
    const { run, dataDir } = await cli();
    expect((await run(['accounts', 'add', github, gitlab])).code).toBe(0);
    const file = JSON.parse(await readFile(join(dataDir, 'accounts.json'), 'utf8'));
    file.accounts[1].digits = 'six';
    await writeFile(join(dataDir, 'accounts.json'), JSON.stringify(file));

    const list = await run(['accounts', 'list', '--json']);
    expect(list.code).toBe(1);
    expect(JSON.parse(list.out).map((a: { issuer: string }) => a.issuer)).toEqual(['GitHub']);
    expect(list.err).toMatch(/warning: 1 account entry in .*accounts\.json is invalid and was set aside in accounts\.json\.rejected-.*digits/);
    expect(list.err).toMatch(/data folder needed repair.*exiting with status 1\n$/);
    // Repaired once: the next command is back to normal.
    expect((await run(['accounts', 'list', '--json'])).code).toBe(0);
  });

  it('accounts.json that is not JSON: set aside, the backup restored with a loud warning, exit 1; the lost add is recoverable', async () => {
    const { run, dataDir } = await cli();
    expect((await run(['accounts', 'add', github])).code).toBe(0);
    expect((await run(['accounts', 'add', gitlab])).code).toBe(0);
    await writeFile(join(dataDir, 'accounts.json'), '{"version":1,"accounts":[{"id":"trunc');

    const list = await run(['accounts', 'list', '--json']);
    expect(list.code).toBe(1);
    expect(JSON.parse(list.out).map((a: { issuer: string }) => a.issuer)).toEqual(['GitHub']);
    expect(list.err).toMatch(/kept as accounts\.json\.corrupt-.*restored from accounts\.json\.bak: changes made after that backup/);
    expect((await readdir(dataDir)).some((n) => n.startsWith('accounts.json.corrupt-'))).toBe(true);

    // GitLab's secret is still in the keychain: recover lists it (exit 1 = found some) and restores it.
    const found = await run(['accounts', 'recover', '--json']);
    expect(found.code).toBe(1);
    const [orphan] = JSON.parse(found.out);
    expect(orphan).toMatchObject({ recorded: true, secretBits: 160 });
    const restored = await run(['accounts', 'recover', orphan.id, '--restore']);
    expect(restored).toMatchObject({ code: 0, out: expect.stringMatching(/^Restored Recovered secret \/ [0-9a-f]{16} \[[0-9a-f]{16}\]/) });
    expect(await run(['accounts', 'recover'])).toMatchObject({ code: 0, out: 'Every account secret in the keychain belongs to an account.\n' });
    expect((await run(['code', orphan.id, '--at', '59'])).out).toBe(`${refTotp(SECRET_B, 59_000)}\n`);
    expect((await run(['accounts', 'recover', orphan.id])).code).toBe(2);
  });

  it('keychain unavailable: secret commands exit 2 with the probe message; list still works', async () => {
    const dead: SecretStore = {
      backend: 'Secret Service',
      get: async () => {
        throw new AppError('KEYCHAIN_ERROR', 'x', { cause: 'DBus error: Failed to connect to socket /dead' });
      },
      set: async () => {
        throw new AppError('KEYCHAIN_ERROR', 'x', { cause: 'DBus error: Failed to connect to socket /dead' });
      },
      delete: async () => false,
    };
    const { run } = await cli({ secretStore: dead });
    const add = await run(['accounts', 'add', '-'], `${github}\n`);
    expect(add.code).toBe(2);
    expect(add.err).toMatch(/^authbahn: The OS keychain \(Secret Service\) is not usable: DBus error: Failed to connect to socket \/dead\. No Secret Service is reachable/);
    expect((await run(['code', 'github'])).code).toBe(2);
    expect(await run(['accounts', 'list', '--json'])).toEqual({ code: 0, out: '[]\n', err: '' });
    // --secret never needs the keychain.
    expect((await run(['code', '--secret', SECRET_A])).code).toBe(0);
  });
});
