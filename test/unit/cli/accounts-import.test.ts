// `authbahn accounts import` in-process, against a temp data folder and an in-memory keychain, with the
// real export files of other apps read in place from ../shared/fixtures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../main/cli';
import type { CliDeps } from '../../../main/cli/command-context';
import { MemorySecretStore } from '../../../main/vault/memory-secret-store';
import { tempDir } from '../accounts/fixtures';
import { fixturePath, REFERENCE } from '../import/support';

interface Run {
  code: number;
  out: string;
  err: string;
}

interface RunOptions {
  stdin?: string;
  stdinBytes?: Uint8Array;
  tty?: boolean;
  prompt?: (prompt: string) => Promise<string>;
}

async function cli() {
  const dataDir = join(await tempDir(), 'data');
  const secretStore = new MemorySecretStore();
  const run = async (argv: string[], opts: RunOptions = {}): Promise<Run> => {
    let out = '';
    let err = '';
    const deps: CliDeps = {
      serviceOverrides: { secretStore, platform: 'linux', probeTimeoutMs: 1_000 },
      home: '/nonexistent-home',
      stdinIsTTY: opts.tty ?? false,
      ...(opts.stdin !== undefined ? { readStdin: async () => opts.stdin! } : {}),
      ...(opts.stdinBytes !== undefined ? { readStdinBytes: async () => opts.stdinBytes! } : {}),
      ...(opts.prompt !== undefined ? { promptPassword: opts.prompt } : {}),
    };
    const code = await main(
      argv,
      { stdout: (t) => void (out += t), stderr: (t) => void (err += t), env: { AUTHBAHN_DATA_DIR: dataDir }, untilSignal: () => Promise.resolve() },
      deps,
    );
    return { code, out, err };
  };
  const stored = async () => {
    const list = await run(['accounts', 'list', '--json']);
    return JSON.parse(list.out) as { issuer: string; label: string; tags: string[] }[];
  };
  return { run, stored, secretStore };
}

const at = fixturePath;
const accountSecrets = (store: MemorySecretStore) => store.keys().filter((k) => k.startsWith('account:')).length;
const jsonLines = (out: string) =>
  out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('authbahn accounts import', () => {
  it('imports a plain Aegis vault; groups become tags; a second import finds only duplicates', async () => {
    const { run, stored, secretStore } = await cli();
    const r = await run(['accounts', 'import', at('aegis_plain_grouped_v2.json')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Aegis vault');
    expect(r.out).toContain('Imported 7 accounts');
    // The table shows no secret.
    for (const secret of REFERENCE.keys()) expect(r.out + r.err).not.toContain(secret);
    const accounts = await stored();
    expect(accounts).toHaveLength(7);
    expect(accounts.find((a) => a.issuer === 'Issuu')!.tags).toEqual(['group2']);
    expect(accountSecrets(secretStore)).toBe(7);
    const again = await run(['accounts', 'import', at('aegis_plain.json')]);
    expect(again.code).toBe(0);
    expect(again.out).toContain('Imported 0 accounts, skipped 7 already present');
  });

  it('--dry-run --json prints one account per line with its secret and stores nothing', async () => {
    const { run, stored, secretStore } = await cli();
    const r = await run(['accounts', 'import', at('andotp_plain.json'), '--dry-run', '--json']);
    expect(r.code).toBe(0);
    const lines = jsonLines(r.out);
    expect(lines).toHaveLength(7);
    expect(lines[0]).toEqual({ ...REFERENCE.get('4SJHB4GSD43FZBAI7C2HLRJGPQ'), tags: [], format: 'andotp', source: at('andotp_plain.json') });
    expect(r.err).toContain('Dry run: nothing stored');
    expect(await stored()).toEqual([]);
    expect(accountSecrets(secretStore)).toBe(0);
  });

  it('an encrypted file takes its password from --password-stdin', async () => {
    const { run, stored } = await cli();
    const r = await run(['accounts', 'import', at('aegis_encrypted.json'), '--password-stdin'], { stdin: 'test\n' });
    expect(r.code).toBe(0);
    expect(await stored()).toHaveLength(7);
  });

  it('a wrong password exits 1 and stores nothing, even from files that were fine', async () => {
    const { run, stored, secretStore } = await cli();
    const r = await run(['accounts', 'import', at('plain.txt'), at('2fas_authenticator_encrypted_v4.2fas'), '--password-stdin'], { stdin: 'nope\n' });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/password does not decrypt/);
    expect(r.err).toContain('nothing was imported');
    expect(await stored()).toEqual([]);
    expect(accountSecrets(secretStore)).toBe(0);
  });

  it('without --password-stdin and no terminal, an encrypted file exits 1 with what to do', async () => {
    const { run, stored } = await cli();
    const r = await run(['accounts', 'import', at('authy_encrypted.xml')], { tty: false });
    expect(r.code).toBe(1);
    expect(r.err).toContain('is encrypted: pass its password with --password-stdin');
    expect(await stored()).toEqual([]);
  });

  it('on a terminal it asks for the password, again after a typo', async () => {
    const { run, stored } = await cli();
    const prompts: string[] = [];
    const answers = ['Testtest', 'Testtest1'];
    const r = await run(['accounts', 'import', at('totp_authenticator.bin')], {
      tty: true,
      prompt: async (p) => {
        prompts.push(p);
        return answers.shift()!;
      },
    });
    expect(r.code).toBe(0);
    expect(prompts).toEqual(['Password for "totp_authenticator.bin": ', 'Wrong password, try again: ']);
    expect((await stored()).map((a) => a.label).sort()).toEqual(['elijah', 'james', 'mason']);
  });

  it('- reads the file from standard input, binary files included', async () => {
    const { run, stored } = await cli();
    const text = await run(['accounts', 'import', '-', '--dry-run'], { stdin: readFileSync(at('ente_auth.txt'), 'utf8') });
    expect(text.code).toBe(0);
    expect(text.out).toContain('otpauth:// URI list');
    const binary = await run(['accounts', 'import', '-', '--dry-run', '--json'], { stdinBytes: new Uint8Array(readFileSync(at('andotp_encrypted.bin'))) });
    expect(binary.code).toBe(1);
    expect(binary.err).toContain('the file on standard input is encrypted');
    expect(await stored()).toEqual([]);
  });

  it('exits 2 for an unknown format or an unreadable file, and stores nothing', async () => {
    const { run, stored } = await cli();
    const dir = await tempDir();
    const unknown = await run(['accounts', 'import', fixturePath('README.md')]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('is not an export file of any authenticator we know');
    const missing = await run(['accounts', 'import', at('plain.txt'), join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no such file');
    expect(await stored()).toEqual([]);
  });

  it('exits 1 when the files hold no importable account', async () => {
    const { run } = await cli();
    const dir = await tempDir();
    const empty = join(dir, 'empty.json');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(empty, JSON.stringify({ version: 1, header: { slots: null, params: null }, db: { version: 1, entries: [] } }));
    const r = await run(['accounts', 'import', empty]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('no importable accounts');
  });

  it('--format picks a reader; unknown names and misuse of stdin are usage errors', async () => {
    const { run } = await cli();
    expect((await run(['accounts', 'import', at('freeotp.xml'), '--format', 'freeotp-xml', '--dry-run'])).code).toBe(0);
    const wrong = await run(['accounts', 'import', at('freeotp.xml'), '--format', 'aegis', '--dry-run']);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('not an Aegis vault');
    expect((await run(['accounts', 'import', at('freeotp.xml'), '--format', 'keepass'])).code).toBe(2);
    expect((await run(['accounts', 'import', '-', '--password-stdin'], { stdin: 'x' })).code).toBe(2);
    expect((await run(['accounts', 'import'])).code).toBe(2);
  });

  it('help lists every format', async () => {
    const { run } = await cli();
    const r = await run(['help', 'accounts', 'import']);
    expect(r.code).toBe(0);
    for (const id of ['uris', 'aegis', '2fas', 'andotp', 'bitwarden', 'freeotp-xml', 'freeotp-plus', 'steam', 'duo', 'proton', 'battlenet', 'authy', 'totp-authenticator']) {
      expect(r.out).toContain(`  ${id} `);
    }
    expect((await run(['accounts', 'import', '--help'])).out).toBe(r.out);
  });
});

describe('authbahn accounts add -', () => {
  it('adds every URI on standard input, not only the first', async () => {
    const { run, stored } = await cli();
    const r = await run(['accounts', 'add', '-'], { stdin: readFileSync(at('plain.txt'), 'utf8') });
    expect(r.code).toBe(0);
    expect((await stored()).map((a) => a.issuer).sort()).toEqual([...REFERENCE.values()].map((a) => a.issuer).sort());
  });
});
