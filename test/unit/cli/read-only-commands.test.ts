// `code ACCOUNT` and `accounts list` run on the account-only services (main/account-services.ts): what
// they may skip (the probe item, the lock, the other services) and what they must still do.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { main } from '../../../main/cli';
import type { CliDeps } from '../../../main/cli/command-context';
import { MemorySecretStore } from '../../../main/vault/memory-secret-store';
import type { SecretStore } from '../../../main/vault/secret-store';
import { refTotp, SECRET_A, SECRET_B, tempDir } from '../accounts/fixtures';

const github = `otpauth://totp/GitHub:alice?secret=${SECRET_A}&issuer=GitHub`;
const gitlab = `otpauth://totp/GitLab:alice?secret=${SECRET_B}&issuer=GitLab`;

async function cli(secretStore: SecretStore = new MemorySecretStore()) {
  const dataDir = join(await tempDir(), 'data');
  const run = async (argv: string[]) => {
    let out = '';
    let err = '';
    const deps: CliDeps = { serviceOverrides: { secretStore, platform: 'linux', probeTimeoutMs: 1_000 }, home: '/nonexistent-home' };
    const env = { AUTHBAHN_DATA_DIR: dataDir, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/dead' };
    const code = await main(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), env, untilSignal: () => Promise.resolve() }, deps);
    return { code, out, err };
  };
  return { run, dataDir, secretStore };
}

// The first command of the file transforms and loads the full services: slow on a busy 2-core machine.
describe('read-only account commands', { timeout: 30_000 }, () => {
  it('code ACCOUNT reads that one secret and nothing else: no probe item, no other account', async () => {
    const store = new MemorySecretStore();
    const { run } = await cli(store);
    expect((await run(['accounts', 'add', github, gitlab])).code).toBe(0);
    const get = vi.spyOn(store, 'get');
    const set = vi.spyOn(store, 'set');
    const del = vi.spyOn(store, 'delete');
    expect(await run(['code', 'gitlab', '--at', '59'])).toEqual({ code: 0, out: `${refTotp(SECRET_B, 59_000)}\n`, err: '' });
    expect(get.mock.calls.map((c) => c[0])).toEqual([expect.stringMatching(/^account:[0-9a-f]{16}$/)]);
    expect(set).not.toHaveBeenCalled();
    expect(del).not.toHaveBeenCalled();
  });

  it('accounts list does not touch the keychain, nor write to the data folder, when no orphan is possible', async () => {
    const store = new MemorySecretStore();
    const { run, dataDir } = await cli(store);
    expect((await run(['accounts', 'add', github])).code).toBe(0);
    const before = (await readdir(dataDir)).sort();
    const get = vi.spyOn(store, 'get');
    const list = vi.spyOn(store, 'list');
    const result = await run(['accounts', 'list', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out).map((a: { issuer: string }) => a.issuer)).toEqual(['GitHub']);
    expect(get).not.toHaveBeenCalled();
    expect(list).not.toHaveBeenCalled();
    expect((await readdir(dataDir)).sort()).toEqual(before);
  });

  it('accounts list and code still warn about a keychain secret left without an account', async () => {
    const { run, dataDir } = await cli();
    expect((await run(['accounts', 'add', github, gitlab])).code).toBe(0);
    // An interrupted remove (or a damaged accounts.json) loses GitLab's entry: its secret and its ledger line stay.
    const file = join(dataDir, 'accounts.json');
    const metadata = JSON.parse(await readFile(file, 'utf8'));
    metadata.accounts = metadata.accounts.filter((a: { issuer: string }) => a.issuer === 'GitHub');
    await writeFile(file, JSON.stringify(metadata));

    const list = await run(['accounts', 'list']);
    expect(list.code).toBe(0);
    expect(list.err).toBe(
      'authbahn: warning: 1 keychain secret has no account (an add or remove was interrupted, or accounts.json was damaged). ' +
        'Restore them in the account list, or with `authbahn accounts recover`.\n',
    );
    expect((await run(['code', 'github'])).err).toContain('1 keychain secret has no account');
  });

  it('an unreadable keychain ledger is set aside by the full orphan check, as at any start', async () => {
    const { run, dataDir } = await cli();
    expect((await run(['accounts', 'add', github])).code).toBe(0);
    await writeFile(join(dataDir, 'accounts-keychain.json'), 'not json');
    const list = await run(['accounts', 'list']);
    expect(list.err).toMatch(/accounts-keychain\.json could not be read; it was kept as .* and rebuilt from the account list/);
    expect((await readdir(dataDir)).some((n) => n.startsWith('accounts-keychain.json.corrupt-'))).toBe(true);
  });

  it('an unreachable keychain: code exits 2 with the probe message, also for an unknown account; list works', async () => {
    // A keychain that works for the add, then goes away (the Secret Service stops, the bus is gone).
    class StoppingStore extends MemorySecretStore {
      stopped = false;
      override async get(key: string): Promise<string | null> {
        if (this.stopped) throw new AppError('KEYCHAIN_ERROR', 'x', { cause: 'DBus error: Failed to connect to socket /dead' });
        return super.get(key);
      }
    }
    const store = new StoppingStore('Secret Service');
    const { run } = await cli(store);
    expect((await run(['accounts', 'add', github])).code).toBe(0);
    store.stopped = true;
    const code = await run(['code', 'github']);
    expect(code.code).toBe(2);
    expect(code.err).toMatch(/^authbahn: The OS keychain \(Secret Service\) is not usable: DBus error: Failed to connect to socket \/dead\. No Secret Service is reachable/);
    const unknown = await run(['code', 'bitbucket']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^authbahn: The OS keychain \(Secret Service\) is not usable/);
    expect((await run(['accounts', 'list', '--json'])).code).toBe(0);
  });
});
