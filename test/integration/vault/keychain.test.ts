// The real OS keychain (gnome-keyring on a private D-Bus, see test/support/with-keyring.sh).
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeKeychain } from '../../../main/vault/keychain-probe';
import { KeyringSecretStore } from '../../../main/vault/keyring-secret-store';
import { requireKeyringSession, secretToolLookup } from '../keyring-env';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '..', '..', '..');
let service: string;
let store: KeyringSecretStore;
const key = (name: string) => `it-${process.pid}-${name}`;

beforeAll(() => {
  service = requireKeyringSession();
  store = new KeyringSecretStore({ service });
});

afterAll(async () => {
  for (const name of ['round-trip', 'unicode', 'overwrite']) await store?.delete(key(name)).catch(() => undefined);
});

describe('KeyringSecretStore on the Secret Service', () => {
  it('set / get / delete round trip, visible to libsecret itself', async () => {
    expect(store.backend).toBe('Secret Service');
    expect(await store.get(key('round-trip'))).toBeNull();
    await store.set(key('round-trip'), 'JBSWY3DPEHPK3PXP');
    expect(await store.get(key('round-trip'))).toBe('JBSWY3DPEHPK3PXP');
    expect(await secretToolLookup(service, key('round-trip'))).toBe('JBSWY3DPEHPK3PXP');
    expect(await store.delete(key('round-trip'))).toBe(true);
    expect(await store.get(key('round-trip'))).toBeNull();
    expect(await secretToolLookup(service, key('round-trip'))).toBeNull();
    expect(await store.delete(key('round-trip'))).toBe(false);
  });

  it('overwrites in place and keeps non-ASCII text intact', async () => {
    await store.set(key('overwrite'), 'first');
    await store.set(key('overwrite'), 'second');
    expect(await store.get(key('overwrite'))).toBe('second');
    await store.set(key('unicode'), 'gehëim ✓ 秘密');
    expect(await store.get(key('unicode'))).toBe('gehëim ✓ 秘密');
  });

  it('items of another service name are separate', async () => {
    const other = new KeyringSecretStore({ service: `${service}-other` });
    await store.set(key('overwrite'), 'mine');
    expect(await other.get(key('overwrite'))).toBeNull();
  });

  it('the start-up probe succeeds and leaves no probe item behind', async () => {
    expect(await probeKeychain(store)).toEqual({ ok: true, backend: 'Secret Service' });
    const { stdout } = await run('secret-tool', ['search', '--all', 'service', service]).catch(() => ({ stdout: '' }));
    expect(stdout).not.toContain('probe:');
  });
});

describe('keychain probe without a reachable Secret Service', () => {
  it('reports KEYCHAIN_UNAVAILABLE with the actionable message (child process, dead D-Bus socket)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'authbahn-dead-bus-'));
    try {
      const { stdout } = await run(process.execPath, ['--import', 'jiti/register', join(root, 'test/integration/vault/probe-child.ts')], {
        cwd: root,
        env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'no-such-bus')}` },
        timeout: 20_000,
      });
      const status = JSON.parse(stdout);
      expect(status.ok).toBe(false);
      expect(status.error.code).toBe('KEYCHAIN_UNAVAILABLE');
      expect(status.error.message).toMatch(/^The OS keychain \(Secret Service\) is not usable: .*no-such-bus.*\. /);
      expect(status.error.message).toContain(
        'No Secret Service is reachable (is gnome-keyring or KeePassXC running and unlocked? DBUS_SESSION_BUS_ADDRESS unset?)',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
