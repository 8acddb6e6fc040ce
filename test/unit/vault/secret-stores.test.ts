import { describe, expect, it, vi } from 'vitest';
import { CachingSecretStore } from '../../../main/vault/caching-secret-store';
import { describeNativeError, keychainBackendName } from '../../../main/vault/keychain-errors';
import { MemorySecretStore } from '../../../main/vault/memory-secret-store';
import { accountSecretKey } from '../../../main/vault/secret-store';

describe('MemorySecretStore', () => {
  it('implements the SecretStore contract', async () => {
    const store = new MemorySecretStore();
    expect(await store.get('k')).toBeNull();
    await store.set('k', 'v1');
    await store.set('k', 'v2');
    expect(await store.get('k')).toBe('v2');
    expect(await store.delete('k')).toBe(true);
    expect(await store.delete('k')).toBe(false);
    expect(await store.get('k')).toBeNull();
  });
});

describe('CachingSecretStore', () => {
  it('reads each secret from the keychain once', async () => {
    const inner = new MemorySecretStore();
    await inner.set('a', 'secret-a');
    const get = vi.spyOn(inner, 'get');
    const store = new CachingSecretStore(inner);
    for (let i = 0; i < 5; i++) expect(await store.get('a')).toBe('secret-a');
    expect(get).toHaveBeenCalledTimes(1);
  });

  it('does not cache absence (another process may add the item later)', async () => {
    const inner = new MemorySecretStore();
    const store = new CachingSecretStore(inner);
    expect(await store.get('a')).toBeNull();
    await inner.set('a', 'later');
    expect(await store.get('a')).toBe('later');
  });

  it('set and delete keep the cache in step; a failed set drops the stale value', async () => {
    const inner = new MemorySecretStore();
    const store = new CachingSecretStore(inner);
    await store.set('a', 'one');
    expect(await store.get('a')).toBe('one');
    await store.set('a', 'two');
    expect(await store.get('a')).toBe('two');
    await store.delete('a');
    expect(await store.get('a')).toBeNull();

    await store.set('b', 'old');
    vi.spyOn(inner, 'set').mockRejectedValueOnce(new Error('locked'));
    await expect(store.set('b', 'new')).rejects.toThrow('locked');
    const get = vi.spyOn(inner, 'get');
    expect(await store.get('b')).toBe('old');
    expect(get).toHaveBeenCalledTimes(1);
  });

  it('clear() forgets every cached secret', async () => {
    const inner = new MemorySecretStore();
    const store = new CachingSecretStore(inner);
    await store.set('a', 'x');
    store.clear();
    const get = vi.spyOn(inner, 'get');
    await store.get('a');
    expect(get).toHaveBeenCalledTimes(1);
  });
});

describe('keyring helpers', () => {
  it('names the backend per platform', () => {
    expect(keychainBackendName('linux')).toBe('Secret Service');
    expect(keychainBackendName('darwin')).toBe('macOS Keychain');
    expect(keychainBackendName('win32')).toBe('Windows Credential Manager');
  });

  it('describeNativeError keeps the outer message and redacts a secret that shows up in it', () => {
    const inner = new Error('Failed to connect to socket /x');
    const outer = Object.assign(new Error('Platform failure: DBus error: Failed to connect to socket /x'), { cause: inner });
    expect(describeNativeError(outer)).toBe('Platform failure: DBus error: Failed to connect to socket /x');
    expect(describeNativeError(new Error('bad value JBSWY3DPEHPK3PXP'), 'JBSWY3DPEHPK3PXP')).toBe('bad value [redacted]');
    expect(describeNativeError('plain')).toBe('plain');
  });

  it('account items are filed as account:<id>', () => {
    expect(accountSecretKey('abc123')).toBe('account:abc123');
  });
});
