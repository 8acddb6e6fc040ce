import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { KeychainGate } from '../../../main/vault/keychain-gate';
import { probeKeychain, type KeychainStatus } from '../../../main/vault/keychain-probe';
import { MemorySecretStore } from '../../../main/vault/memory-secret-store';
import type { SecretStore } from '../../../main/vault/secret-store';

class BrokenStore implements SecretStore {
  readonly backend = 'Secret Service';
  async get(): Promise<string | null> {
    throw new AppError('KEYCHAIN_ERROR', 'Could not read …', { cause: 'Platform failure: DBus error: Failed to connect to socket /dead' });
  }
  async set(): Promise<void> {
    throw new AppError('KEYCHAIN_ERROR', 'Could not write the keychain item "probe:x" (…): …', {
      cause: 'Platform failure: DBus error: Failed to connect to socket /dead',
    });
  }
  async delete(): Promise<boolean> {
    return false;
  }
}

/** Never answers, like a locked keyring waiting for a prompt nobody sees. */
class HangingStore extends MemorySecretStore {
  override set(): Promise<void> {
    return new Promise(() => undefined);
  }
}

/** Reads back something else than was written. */
class LyingStore extends MemorySecretStore {
  override async get(): Promise<string | null> {
    return 'not what you wrote';
  }
}

describe('probeKeychain', () => {
  it('ok when a random item can be written, read back and deleted (and leaves nothing behind)', async () => {
    const store = new MemorySecretStore('Test Store');
    const set = vi.spyOn(store, 'set');
    expect(await probeKeychain(store)).toEqual({ ok: true, backend: 'Test Store' });
    expect(set.mock.calls[0]![0]).toMatch(/^probe:[0-9a-f]{16}$/);
    expect(store.keys()).toEqual([]);
    await probeKeychain(store);
    expect(set.mock.calls[1]![0]).not.toBe(set.mock.calls[0]![0]);
  });

  it('KEYCHAIN_UNAVAILABLE with the native cause and the Linux hint', async () => {
    const status = await probeKeychain(new BrokenStore(), { platform: 'linux', env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/dead' } });
    expect(status).toEqual({
      ok: false,
      error: {
        code: 'KEYCHAIN_UNAVAILABLE',
        message:
          'The OS keychain (Secret Service) is not usable: Platform failure: DBus error: Failed to connect to socket /dead. ' +
          'No Secret Service is reachable (is gnome-keyring or KeePassXC running and unlocked? DBUS_SESSION_BUS_ADDRESS unset?).',
        details: { backend: 'Secret Service', reason: 'Platform failure: DBus error: Failed to connect to socket /dead' },
      },
    });
  });

  it('says so when DBUS_SESSION_BUS_ADDRESS is not set, and gives macOS/Windows hints there', async () => {
    const linux = await probeKeychain(new BrokenStore(), { platform: 'linux', env: {} });
    expect(!linux.ok && linux.error.message).toMatch(/DBUS_SESSION_BUS_ADDRESS is not set in this environment\.$/);
    const mac = await probeKeychain(new BrokenStore(), { platform: 'darwin', env: {} });
    expect(!mac.ok && mac.error.message).toMatch(/login keychain unlocked/);
    const win = await probeKeychain(new BrokenStore(), { platform: 'win32', env: {} });
    expect(!win.ok && win.error.message).toMatch(/Credential Manager/);
  });

  it('gives up after the timeout instead of hanging', async () => {
    vi.useFakeTimers();
    try {
      const result = probeKeychain(new HangingStore(), { timeoutMs: 2_000, platform: 'linux', env: {} });
      await vi.advanceTimersByTimeAsync(2_000);
      const status = await result;
      expect(status.ok).toBe(false);
      expect(!status.ok && status.error.message).toMatch(/did not answer within 2 s \(a locked keyring may be waiting for an unlock prompt\)/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('fails when the item reads back differently, and still deletes it', async () => {
    const store = new LyingStore();
    const status = await probeKeychain(store, { platform: 'linux', env: {} });
    expect(!status.ok && status.error.message).toMatch(/read back differently/);
    expect(store.keys()).toEqual([]);
  });
});

describe('KeychainGate', () => {
  const unavailable: KeychainStatus = { ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE', message: 'No Secret Service is reachable' } };

  it('passes calls through once the probe succeeded', async () => {
    const store = new MemorySecretStore();
    const gate = new KeychainGate({ store, probe: async () => ({ ok: true, backend: 'x' }), now: () => 0 });
    expect(await gate.probe()).toEqual({ ok: true, backend: 'x' });
    await gate.set('k', 'v');
    expect(await gate.get('k')).toBe('v');
    expect(await gate.delete('k')).toBe(true);
  });

  it('fails fast with the probe error while unavailable, and re-probes at most every retryAfterMs', async () => {
    const store = new MemorySecretStore();
    let now = 0;
    let result: KeychainStatus = unavailable;
    const probe = vi.fn(async () => result);
    const gate = new KeychainGate({ store, probe, now: () => now, retryAfterMs: 5_000 });
    await gate.probe();
    await expect(gate.get('k')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE', message: 'No Secret Service is reachable' });
    now = 4_999;
    await expect(gate.set('k', 'v')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    expect(probe).toHaveBeenCalledTimes(1);

    // The user unlocks the keyring: the next call after the back-off finds it working.
    result = { ok: true, backend: 'x' };
    now = 5_000;
    await gate.set('k', 'v');
    expect(probe).toHaveBeenCalledTimes(2);
    expect(gate.status()).toEqual({ ok: true, backend: 'x' });
    expect(await store.get('k')).toBe('v');
  });

  it('reports unavailable before the first probe, and joins a running probe', async () => {
    let release!: (s: KeychainStatus) => void;
    const probe = vi.fn(() => new Promise<KeychainStatus>((r) => (release = r)));
    const gate = new KeychainGate({ store: new MemorySecretStore(), probe, now: () => 0 });
    expect(gate.status().ok).toBe(false);
    const a = gate.probe();
    const b = gate.get('k');
    release({ ok: true, backend: 'x' });
    await a;
    expect(await b).toBeNull();
    expect(probe).toHaveBeenCalledTimes(1);
  });
});
