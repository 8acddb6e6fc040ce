// KeysService: private halves only in the keychain, metadata in keys.json, crash-safe ordering, and
// two data folders sharing one keychain service without touching each other's keys.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { privateKeyFromSeed, rawPublicKey, toHex } from '../../../main/keys/ed25519';
import { KEYS_FILE_NAME, KeysService } from '../../../main/keys/keys-service';
import { MemorySecretStore } from '../../../main/vault/memory-secret-store';
import type { SecretStore } from '../../../main/vault/secret-store';
import { tempDir } from '../accounts/fixtures';

async function service(secrets: SecretStore = new MemorySecretStore(), dir?: string) {
  const folder = dir ?? (await tempDir());
  const warnings: string[] = [];
  return { dir: folder, secrets, warnings, keys: new KeysService({ dir: folder, secrets, now: () => Date.UTC(2026, 0, 1), warn: (m) => warnings.push(m) }) };
}

describe('KeysService', () => {
  it('generates a key pair: private half in the keychain, public key and metadata in keys.json', async () => {
    const { dir, secrets, keys } = await service();
    const key = await keys.generate('laptop');
    expect(key).toEqual({ name: 'laptop', publicKey: expect.stringMatching(/^[0-9a-f]{64}$/), createdAt: '2026-01-01T00:00:00.000Z', origin: 'generated' });
    const seed = await keys.signingSeed('laptop');
    expect(toHex(rawPublicKey(privateKeyFromSeed(Buffer.from(seed, 'hex'))))).toBe(key.publicKey);
    const file = await readFile(join(dir, KEYS_FILE_NAME), 'utf8');
    expect(file).not.toContain(seed);
    const items = await (secrets as MemorySecretStore).list();
    expect(items).toHaveLength(1);
    expect(await secrets.get(items[0]!)).toBe(seed);
    expect(await keys.list()).toEqual([key]);
    expect(await keys.publicKey('laptop')).toBe(key.publicKey);
    expect(await keys.publicKey('nope')).toBeNull();
  });

  it('imports a hex seed, refuses bad input, duplicate and invalid names', async () => {
    const { keys } = await service();
    const seed = '42'.repeat(32);
    const key = await keys.import('imported', seed);
    expect(key.origin).toBe('imported');
    expect(key.publicKey).toBe(toHex(rawPublicKey(privateKeyFromSeed(Buffer.from(seed, 'hex')))));
    expect(await keys.signingSeed('imported')).toBe(seed);
    await expect(keys.import('x', 'not a key')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/32 bytes in hex/) });
    await expect(keys.generate('imported')).rejects.toMatchObject({ code: 'DUPLICATE' });
    await expect(keys.generate('bad name')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(keys.signingSeed('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('removes the keychain item and the metadata', async () => {
    const { secrets, keys } = await service();
    await keys.generate('a');
    await keys.remove('a');
    expect(await keys.list()).toEqual([]);
    expect(await (secrets as MemorySecretStore).list()).toEqual([]);
    await expect(keys.remove('a')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps keys of two data folders apart when they share one keychain service', async () => {
    const shared = new MemorySecretStore();
    const one = await service(shared);
    const two = await service(shared);
    const a = await one.keys.generate('laptop');
    const b = await two.keys.generate('laptop');
    expect(a.publicKey).not.toBe(b.publicKey);
    expect(toHex(rawPublicKey(privateKeyFromSeed(Buffer.from(await one.keys.signingSeed('laptop'), 'hex'))))).toBe(a.publicKey);
    await two.keys.remove('laptop');
    expect(await one.keys.signingSeed('laptop')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('writes keys.json before the keychain, and takes the entry back when the keychain refuses', async () => {
    const inner = new MemorySecretStore();
    const failing: SecretStore = { ...inner, backend: 'failing', get: (k) => inner.get(k), delete: (k) => inner.delete(k), set: async () => Promise.reject(new Error('keychain locked')) };
    const { keys } = await service(failing);
    await expect(keys.generate('k')).rejects.toThrow('keychain locked');
    expect(await keys.list()).toEqual([]);
  });

  it('reports an entry whose private half is missing (a crash between the writes) and refuses to sign with it', async () => {
    const secrets = new MemorySecretStore();
    const { dir, keys } = await service(secrets);
    const key = await keys.generate('k');
    for (const item of await secrets.list()) await secrets.delete(item);
    const later = await service(secrets, dir);
    expect(await later.keys.list()).toEqual([key]);
    expect(later.warnings.join('\n')).toMatch(/private half of key\(s\) k is missing from the keychain/);
    await expect(later.keys.signingSeed('k')).rejects.toMatchObject({ code: 'KEYCHAIN_ERROR', message: expect.stringContaining('missing from the keychain') });
    // Its public key still serves router configs; removing it finishes the job.
    expect(await later.keys.publicKey('k')).toBe(key.publicKey);
    await later.keys.remove('k');
    expect(await later.keys.list()).toEqual([]);
  });

  it('refuses a keychain item that does not hold the listed key', async () => {
    const secrets = new MemorySecretStore();
    const { keys } = await service(secrets);
    await keys.generate('k');
    const [item] = await secrets.list();
    await secrets.set(item!, '11'.repeat(32));
    await expect(keys.signingSeed('k')).rejects.toMatchObject({ message: expect.stringContaining('does not hold the private key of "k"') });
  });

  it('sets an unreadable keys.json aside instead of overwriting it', async () => {
    const { dir, keys, warnings } = await service();
    await writeFile(join(dir, KEYS_FILE_NAME), '{not json');
    expect(await keys.list()).toEqual([]);
    expect(warnings[0]).toMatch(/could not be read .* kept as keys\.json\.corrupt-/);
  });
});
