import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TesterProfileInput } from '../../../shared/api/tester-contract';
import { PROFILES_FILE_NAME, ProfilesStore, profileSecretKey } from '../../../main/tester/profiles-store';
import { MemorySecretStore } from '../../../main/vault/memory-secret-store';
import type { SecretStore } from '../../../main/vault/secret-store';
import { tempDir } from '../accounts/fixtures';

const input = (over: Partial<TesterProfileInput> = {}): TesterProfileInput => ({
  name: 'local router',
  url: 'ws://127.0.0.1:8080/ws',
  realm: 'realm1',
  authmethod: 'ticket',
  authid: 'joe',
  serializer: 'json',
  timeoutMs: 5000,
  probes: { call: ['com.example.add2'], register: [], publish: [], subscribe: [] },
  ...over,
});

async function store(secrets: SecretStore = new MemorySecretStore()) {
  const dir = await tempDir();
  const warnings: string[] = [];
  return { dir, warnings, secrets, store: new ProfilesStore({ dir, secrets, now: () => Date.UTC(2026, 0, 1), warn: (m) => warnings.push(m) }) };
}

describe('ProfilesStore', () => {
  it('saves profiles with the secret in the keychain only', async () => {
    const { dir, secrets, store: s } = await store();
    const saved = await s.save(input(), 'secret!!!');
    expect(saved.hasSecret).toBe(true);
    expect(await secrets.get(profileSecretKey(saved.id))).toBe('secret!!!');
    const file = await readFile(join(dir, PROFILES_FILE_NAME), 'utf8');
    expect(file).not.toContain('secret!!!');
    expect(JSON.parse(file).profiles[0]).toMatchObject({ id: saved.id, name: 'local router', hasSecret: true });
    expect(await s.list()).toEqual([saved]);
  });

  it('updates, keeps or deletes the secret as asked', async () => {
    const { secrets, store: s } = await store();
    const saved = await s.save(input(), 't1');
    const renamed = await s.save({ ...input({ name: 'renamed' }), id: saved.id }, undefined);
    expect(renamed).toMatchObject({ id: saved.id, name: 'renamed', hasSecret: true, createdAt: saved.createdAt });
    expect(await secrets.get(profileSecretKey(saved.id))).toBe('t1');
    const cleared = await s.save({ ...input(), id: saved.id }, null);
    expect(cleared.hasSecret).toBe(false);
    expect(await secrets.get(profileSecretKey(saved.id))).toBeNull();
  });

  it('removes a profile and its keychain secret', async () => {
    const { secrets, store: s } = await store();
    const saved = await s.save(input(), 't1');
    await s.remove(saved.id);
    expect(await s.list()).toEqual([]);
    expect(await secrets.get(profileSecretKey(saved.id))).toBeNull();
    await expect(s.remove(saved.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('rejects bad URLs and unknown ids with clear errors', async () => {
    const { store: s } = await store();
    await expect(s.save(input({ url: 'http://example.com' }), undefined)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('ws://') });
    await expect(s.save(input({ url: 'not a url' }), undefined)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(s.save({ ...input(), id: 'nope' }, undefined)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(s.get('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('sets an unreadable file aside instead of overwriting it', async () => {
    const { dir, warnings, store: s } = await store();
    await writeFile(join(dir, PROFILES_FILE_NAME), '{"version": 1, "profiles": [{"broken": true}]}');
    expect(await s.list()).toEqual([]);
    expect(warnings).toEqual([expect.stringContaining('could not be read')]);
    expect((await readdir(dir)).some((f) => f.startsWith(`${PROFILES_FILE_NAME}.corrupt-`))).toBe(true);
    await s.save(input(), undefined);
    expect(await s.list()).toHaveLength(1);
  });

  it('leaves a file from a newer version untouched', async () => {
    const { dir, store: s } = await store();
    await writeFile(join(dir, PROFILES_FILE_NAME), '{"version": 99, "profiles": []}');
    await expect(s.list()).rejects.toMatchObject({ code: 'STORAGE_ERROR' });
    expect(await readFile(join(dir, PROFILES_FILE_NAME), 'utf8')).toContain('99');
  });

  it('fails with STORAGE_ERROR and leaves the keychain alone when the folder is unusable', async () => {
    const { dir, secrets, store: s } = await store();
    const saved = await s.save(input(), 'old');
    // The data "folder" is a file: nothing can be read or written there.
    const blocked = new ProfilesStore({ dir: join(dir, PROFILES_FILE_NAME), secrets, now: Date.now, warn: () => undefined });
    await expect(blocked.save({ ...input() }, 'new')).rejects.toMatchObject({ code: expect.stringMatching(/STORAGE_ERROR/) });
    expect(await secrets.get(profileSecretKey(saved.id))).toBe('old');
    expect(await s.secret(saved.id)).toBe('old');
  });
});
