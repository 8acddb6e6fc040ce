import { spawnSync } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../shared/api/dispatch';
import { AppError } from '../../shared/api/errors';
import { methodNames } from '../../shared/api/contract';
import { createServices, type ServiceOptions } from '../../main/services';
import { MemorySecretStore } from '../../main/vault/memory-secret-store';
import type { SecretStore } from '../../main/vault/secret-store';
import { refTotp, SECRET_A, tempDir } from './accounts/fixtures';

class DeadKeychain implements SecretStore {
  readonly backend = 'Secret Service';
  private fail(): never {
    throw new AppError('KEYCHAIN_ERROR', 'x', { cause: 'Platform failure: DBus error: Failed to connect to socket /dead' });
  }
  async get(): Promise<string | null> {
    this.fail();
  }
  async set(): Promise<void> {
    this.fail();
  }
  async delete(): Promise<boolean> {
    this.fail();
  }
}

async function options(over: Partial<ServiceOptions> = {}): Promise<ServiceOptions> {
  return {
    dataDir: join(await tempDir(), 'data'),
    keychainService: 'authbahn-unit',
    mode: 'web',
    clipboard: null,
    version: '9.9.9',
    secretStore: new MemorySecretStore('Memory'),
    platform: 'linux',
    env: {},
    ...over,
  };
}

const uri = `otpauth://totp/ACME:alice?secret=${SECRET_A}&issuer=ACME`;

describe('createServices', () => {
  it('implements every method of the contract', async () => {
    const services = await createServices(await options());
    for (const { ns, method } of methodNames()) {
      expect(typeof (services.handlers[ns] as Record<string, unknown>)[method], `${ns}.${method}`).toBe('function');
    }
    await services.dispose();
  });

  it('app.info and app.status describe the running services', async () => {
    const opts = await options();
    const services = await createServices(opts);
    expect(await services.handlers.app.info()).toEqual({
      name: 'Authbahn',
      version: '9.9.9',
      mode: 'web',
      platform: 'linux',
      dataDir: opts.dataDir,
      keychainService: 'authbahn-unit',
    });
    expect(await services.handlers.app.status()).toEqual({ keychain: { ok: true, backend: 'Memory' }, warnings: [] });
    await services.dispose();
  });

  it('wires accounts, codes and events end to end through the contract dispatcher', async () => {
    const now = 1_700_000_000_000;
    const services = await createServices(await options({ now: () => now }));
    const events: string[] = [];
    services.events.on((event) => events.push(event));
    const imported = await dispatch(services.handlers, 'accounts', 'importUri', [uri]);
    expect(imported).toMatchObject({ ok: true, value: { added: [{ issuer: 'ACME', label: 'alice' }] } });
    const codes = await dispatch(services.handlers, 'codes', 'list', []);
    expect(codes).toMatchObject({ ok: true, value: [{ code: refTotp(SECRET_A, now) }] });
    const copy = await dispatch(services.handlers, 'codes', 'copy', [(codes as { value: { id: string }[] }).value[0]!.id]);
    expect(copy).toEqual({ ok: true, value: { code: refTotp(SECRET_A, now), writer: 'renderer', clearAfterMs: 30_000 } });
    expect(events).toEqual(['accounts.changed']);
    await services.dispose();
  });

  it('desktop mode: copies through the clipboard port and clears it on dispose', async () => {
    let text = '';
    const services = await createServices(await options({ mode: 'desktop', clipboard: { readText: () => text, writeText: (t) => void (text = t) } }));
    const { added } = await services.handlers.accounts.importUri(uri);
    const copy = await services.handlers.codes.copy(added[0]!.id);
    expect(copy.writer).toBe('main');
    expect(text).toBe(copy.code);
    await services.dispose();
    expect(text).toBe('');
  });

  it('without a usable keychain: starts, reports it in status, lists metadata, refuses secret operations', async () => {
    const dataDir = join(await tempDir(), 'data');
    // Accounts added while the keychain worked…
    const good = await createServices(await options({ dataDir }));
    await good.handlers.accounts.importUri(uri);
    await good.dispose();
    // …and a later start where it does not.
    const services = await createServices(await options({ dataDir, secretStore: new DeadKeychain() }));
    const status = services.status();
    expect(status.keychain.ok).toBe(false);
    expect(!status.keychain.ok && status.keychain.error).toMatchObject({
      code: 'KEYCHAIN_UNAVAILABLE',
      message: expect.stringContaining('No Secret Service is reachable'),
    });
    expect((await services.handlers.accounts.list()).map((a) => a.label)).toEqual(['alice']);
    expect(await dispatch(services.handlers, 'codes', 'list', [])).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE' } });
    expect(await dispatch(services.handlers, 'accounts', 'importUri', [uri.replace('alice', 'bob')])).toMatchObject({
      ok: false,
      error: { code: 'KEYCHAIN_UNAVAILABLE' },
    });
    await services.dispose();
  });

  it('start-up warnings (a corrupt metadata file set aside) appear in the status', async () => {
    const dataDir = join(await tempDir(), 'data');
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, 'accounts.json'), 'not json');
    const services = await createServices(await options({ dataDir }));
    expect(services.status().warnings).toEqual([expect.stringMatching(/could not be read.*started with an empty account list/)]);
    expect(services.dataProblems()).toEqual(services.status().warnings);
    await services.dispose();
  });

  it('start-up removes temp files of writes a kill -9 interrupted, but not those of a live writer', async () => {
    const dataDir = join(await tempDir(), 'data');
    await mkdir(dataDir, { recursive: true });
    const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
    const leftovers = ['accounts.json', 'accounts.json.bak', 'router.json', 'tester-profiles.json'].map((n) => `.${n}.${dead}.a1b2c3d4e5f6.tmp`);
    const live = `.accounts.json.${process.pid}.a1b2c3d4e5f6.tmp`;
    for (const name of [...leftovers, live]) await writeFile(join(dataDir, name), '{"version":1,"accounts":[]}');
    const services = await createServices(await options({ dataDir }));
    expect(await readdir(dataDir)).toEqual([live]);
    await services.dispose();
  });

  it('start-up reports keychain secrets without an account, and a restore clears the warning', async () => {
    const opts = await options();
    const first = await createServices(opts);
    const added = await first.handlers.accounts.add({ type: 'totp', issuer: 'ACME', label: 'alice', secret: SECRET_A, algorithm: 'SHA1', digits: 6, period: 30, counter: 0 });
    await first.dispose();
    // The account's metadata is lost (an older accounts.json put back by hand, say); its secret is not.
    await writeFile(join(opts.dataDir, 'accounts.json'), '{"version":1,"accounts":[]}');

    const services = await createServices(opts);
    expect(services.status().warnings).toEqual([expect.stringMatching(/^1 keychain secret has no account .*Restore them/)]);
    expect(services.dataProblems()).toEqual([]);
    expect(await services.handlers.accounts.orphans()).toEqual([{ id: added.id, secretBits: 160, recorded: true }]);
    await services.handlers.accounts.recover(added.id);
    expect(services.status().warnings).toEqual([]);
    expect((await services.handlers.codes.list(59_000)).map((c) => c.code)).toEqual([refTotp(SECRET_A, 59_000)]);
    await services.dispose();
  });
});
