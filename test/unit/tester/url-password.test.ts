// A password in a router URL (ws://user:PASSWORD@host) is a secret: masked in every result, report and
// trace, and kept in the keychain rather than in tester-profiles.json.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TesterProfileInput, TestResult } from '../../../shared/api/tester-contract';
import { PROFILES_FILE_NAME, ProfilesStore, profileSecretKey, profileUrlPasswordKey } from '../../../main/tester/profiles-store';
import { buildReport, markdownReport } from '../../../main/tester/report';
import { runTest } from '../../../main/tester/run-test';
import { MemorySecretStore } from '../../../main/vault/memory-secret-store';
import { tempDir } from '../accounts/fixtures';

const PASSWORD = 'hunter2-Pw';
// Nothing listens on port 9 (discard): the run fails fast, after tracing START and CONNECT with the URL.
const URL_WITH_PASSWORD = `ws://joe:${PASSWORD}@127.0.0.1:9/ws`;

const input = (over: Partial<TesterProfileInput> = {}): TesterProfileInput => ({
  name: 'with basic auth',
  url: URL_WITH_PASSWORD,
  realm: 'realm1',
  authmethod: 'anonymous',
  serializer: 'json',
  timeoutMs: 1000,
  probes: { call: [], register: [], publish: [], subscribe: [] },
  ...over,
});

async function store() {
  const dir = await tempDir();
  const secrets = new MemorySecretStore();
  const warnings: string[] = [];
  return { dir, secrets, warnings, store: new ProfilesStore({ dir, secrets, now: () => Date.UTC(2026, 0, 1), warn: (m) => warnings.push(m) }) };
}

async function failedRun(): Promise<TestResult> {
  const { id: _id, ...profile } = input();
  return runTest({ profile, profileId: null, credential: { method: 'anonymous' } });
}

describe('test results', () => {
  it('mask the URL password everywhere: details, trace, diagnosis', async () => {
    const result = await failedRun();
    expect(result.outcome).toBe('no_connection');
    expect(JSON.stringify(result)).not.toContain(PASSWORD);
    expect(result.details.url).toBe('ws://joe:•••@127.0.0.1:9/ws');
    expect(result.trace.some((e) => e.text?.includes('ws://joe:•••@127.0.0.1:9/ws'))).toBe(true);
  });

  it('and so do JSON and Markdown reports, even of a result that still had it', async () => {
    const result = await failedRun();
    const leaky: TestResult = { ...result, details: { ...result.details, url: URL_WITH_PASSWORD } };
    const meta = { version: '1.0.0', generatedAt: '2026-01-01T00:00:00.000Z' };
    for (const r of [result, leaky]) {
      expect(buildReport([r], 'json', meta).content).not.toContain(PASSWORD);
      expect(buildReport([r], 'markdown', meta).content).not.toContain(PASSWORD);
      expect(markdownReport([r], meta)).toContain('ws://joe:•••@127.0.0.1:9/ws');
    }
  });
});

describe('saved profiles', () => {
  it('keep the URL password in the keychain and the URL without it in the file', async () => {
    const { dir, secrets, store: s } = await store();
    const saved = await s.save(input(), null);
    expect(saved.url).toBe('ws://joe@127.0.0.1:9/ws');
    expect(await secrets.get(profileUrlPasswordKey(saved.id))).toBe(PASSWORD);
    expect(await s.urlPassword(saved.id)).toBe(PASSWORD);
    expect(await readFile(join(dir, PROFILES_FILE_NAME), 'utf8')).not.toContain(PASSWORD);
    expect(await s.list()).toEqual([saved]);
  });

  it('keep the stored password while user and host stay, replace it when a new one is typed, drop it otherwise', async () => {
    const { secrets, store: s } = await store();
    const saved = await s.save(input(), null);
    const key = profileUrlPasswordKey(saved.id);
    // The form shows the stored URL (no password); saving other edits keeps it, a new path too.
    await s.save({ ...input({ name: 'renamed', url: 'ws://joe@127.0.0.1:9/other' }), id: saved.id }, undefined);
    expect(await secrets.get(key)).toBe(PASSWORD);
    await s.save({ ...input({ url: 'ws://joe:new-pw@127.0.0.1:9/ws' }), id: saved.id }, undefined);
    expect(await secrets.get(key)).toBe('new-pw');
    // Another host: the password must not follow the profile there.
    await s.save({ ...input({ url: 'ws://joe@example.com:9/ws' }), id: saved.id }, undefined);
    expect(await secrets.get(key)).toBeNull();
    await s.save({ ...input(), id: saved.id }, undefined);
    // Another user, or no user at all.
    await s.save({ ...input({ url: 'ws://ann@127.0.0.1:9/ws' }), id: saved.id }, undefined);
    expect(await secrets.get(key)).toBeNull();
    await s.save({ ...input(), id: saved.id }, undefined);
    await s.save({ ...input({ url: 'ws://127.0.0.1:9/ws' }), id: saved.id }, undefined);
    expect(await secrets.get(key)).toBeNull();
  });

  it('remove the URL password with the profile', async () => {
    const { secrets, store: s } = await store();
    const saved = await s.save(input({ authmethod: 'ticket' }), 'ticket!');
    await s.remove(saved.id);
    expect(secrets.keys()).toEqual([]);
    expect(await secrets.get(profileSecretKey(saved.id))).toBeNull();
  });

  it('move a password out of a file written by an older version', async () => {
    const { dir, secrets, store: s } = await store();
    const old = {
      ...input(),
      id: 'p-old',
      hasSecret: false,
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    };
    await writeFile(join(dir, PROFILES_FILE_NAME), JSON.stringify({ version: 1, profiles: [old] }));
    const [loaded] = await s.list();
    expect(loaded!.url).toBe('ws://joe@127.0.0.1:9/ws');
    expect(await secrets.get(profileUrlPasswordKey('p-old'))).toBe(PASSWORD);
    expect(await readFile(join(dir, PROFILES_FILE_NAME), 'utf8')).not.toContain(PASSWORD);
  });

  it('refuse a URL whose password the scan cannot find', async () => {
    const { store: s } = await store();
    await expect(s.save(input({ url: ` ${URL_WITH_PASSWORD}` }), null)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
