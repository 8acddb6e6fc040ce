import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { FirstReadGate } from '../../../main/vault/first-read-gate';
import { probeKeychainRead } from '../../../main/vault/keychain-probe';
import { MemorySecretStore } from '../../../main/vault/memory-secret-store';
import type { SecretStore } from '../../../main/vault/secret-store';

const DEAD = 'Platform failure: DBus error: Failed to connect to socket /dead';

class DeadStore implements SecretStore {
  readonly backend = 'Secret Service';
  readonly calls: string[] = [];
  async get(key: string): Promise<string | null> {
    this.calls.push(`get ${key}`);
    throw new AppError('KEYCHAIN_ERROR', 'Could not read …', { cause: DEAD });
  }
  async set(key: string): Promise<void> {
    this.calls.push(`set ${key}`);
    throw new AppError('KEYCHAIN_ERROR', 'Could not write …', { cause: DEAD });
  }
  async delete(): Promise<boolean> {
    return false;
  }
}

const options = { platform: 'linux', env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/dead' }, timeoutMs: 2_000 };

describe('probeKeychainRead', () => {
  it('looks up one random item that does not exist and writes nothing', async () => {
    const store = new MemorySecretStore('Test Store');
    const get = vi.spyOn(store, 'get');
    const set = vi.spyOn(store, 'set');
    expect(await probeKeychainRead(store)).toEqual({ ok: true, backend: 'Test Store' });
    expect(get).toHaveBeenCalledTimes(1);
    expect(get.mock.calls[0]![0]).toMatch(/^probe:[0-9a-f]{16}$/);
    expect(set).not.toHaveBeenCalled();
  });

  it('fails with the same message as the full probe', async () => {
    const status = await probeKeychainRead(new DeadStore(), options);
    expect(status).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE', details: { reason: DEAD } } });
    expect(!status.ok && status.error.message).toMatch(/^The OS keychain \(Secret Service\) is not usable: .*\/dead\. No Secret Service is reachable/);
  });
});

describe('FirstReadGate', () => {
  it('the first read is the check: one keychain call, no probe item', async () => {
    const store = new MemorySecretStore();
    await store.set('account:a', 'SECRET');
    const get = vi.spyOn(store, 'get');
    const set = vi.spyOn(store, 'set');
    const gate = new FirstReadGate(store, options);
    expect(gate.checked()).toBe(false);
    expect(gate.status().ok).toBe(false);
    expect(await gate.get('account:a')).toBe('SECRET');
    expect(get.mock.calls.map((c) => c[0])).toEqual(['account:a']);
    expect(set).not.toHaveBeenCalled();
    expect(gate.status()).toEqual({ ok: true, backend: 'memory (tests)' });
    // Checked now: check() asks nothing more.
    expect(await gate.check()).toEqual({ ok: true, backend: 'memory (tests)' });
    expect(get).toHaveBeenCalledTimes(1);
  });

  it('an unreachable keychain fails the first read with the probe message, then every call fast', async () => {
    const store = new DeadStore();
    const gate = new FirstReadGate(store, options);
    await expect(gate.get('account:a')).rejects.toMatchObject({
      code: 'KEYCHAIN_UNAVAILABLE',
      message: expect.stringMatching(/^The OS keychain \(Secret Service\) is not usable: .*\/dead\. No Secret Service is reachable/),
    });
    await expect(gate.get('account:b')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    await expect(gate.set('account:b', 'x')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    expect(store.calls).toEqual(['get account:a']);
  });

  it('a read that never answers times out like the probe', async () => {
    vi.useFakeTimers();
    try {
      const hanging: SecretStore = { backend: 'Secret Service', get: () => new Promise(() => undefined), set: async () => undefined, delete: async () => false };
      const gate = new FirstReadGate(hanging, options);
      const read = gate.get('account:a');
      const failed = expect(read).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE', message: expect.stringMatching(/did not answer within 2 s/) });
      await vi.advanceTimersByTimeAsync(2_000);
      await failed;
    } finally {
      vi.useRealTimers();
    }
  });

  it('writes, deletes and listings run the read-only check first', async () => {
    const store = new MemorySecretStore();
    const get = vi.spyOn(store, 'get');
    const gate = new FirstReadGate(store, options);
    await gate.set('account:a', 'SECRET');
    expect(get.mock.calls.map((c) => c[0])).toEqual([expect.stringMatching(/^probe:/)]);
    expect(await gate.list()).toEqual(['account:a']);
    expect(await gate.delete('account:a')).toBe(true);
    expect(get).toHaveBeenCalledTimes(1);

    const dead = new FirstReadGate(new DeadStore(), options);
    await expect(dead.set('account:a', 'x')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
  });
});
