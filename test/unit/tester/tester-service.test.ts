import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { ProfilesStore } from '../../../main/tester/profiles-store';
import { HistoryFile } from '../../../main/tester/history/history-file';
import { TestHistory } from '../../../main/tester/history/test-history';
import { TesterService } from '../../../main/tester/tester-service';
import { MemorySecretStore } from '../../../main/vault/memory-secret-store';
import type { SecretStore } from '../../../main/vault/secret-store';
import { tempDir } from '../accounts/fixtures';

/** A keychain that locks after the profiles were saved. */
class LockingStore extends MemorySecretStore {
  locked = false;
  override async get(key: string): Promise<string | null> {
    if (this.locked) throw new AppError('KEYCHAIN_ERROR', 'the keychain is locked');
    return super.get(key);
  }
}

async function service(secrets: SecretStore) {
  const dir = await tempDir();
  const profiles = new ProfilesStore({ dir, secrets, now: Date.now, warn: () => undefined });
  const history = new TestHistory(new HistoryFile({ dir, now: Date.now, warn: () => undefined }));
  const tester = new TesterService({
    profiles,
    accountTotp: async () => {
      throw new AppError('NOT_FOUND', 'no accounts here');
    },
    now: Date.now,
    version: '1.0.0',
    history,
  });
  return { profiles, tester };
}

const base = {
  url: 'ws://127.0.0.1:9/ws',
  realm: 'realm1',
  serializer: 'json' as const,
  timeoutMs: 1000,
  probes: { call: [], register: [], publish: [], subscribe: [] },
};

describe('TesterService', () => {
  it('keeps going when a profile secret cannot be read, and says why in that result', async () => {
    const store = new LockingStore();
    const { tester } = await service(store);
    await tester.saveProfile({ ...base, name: 'locked', authmethod: 'ticket', authid: 'joe' }, 'ticket');
    await tester.saveProfile({ ...base, name: 'no secret', authmethod: 'wampcra', authid: 'bob' }, undefined);
    store.locked = true;
    const results = await tester.runAll();
    expect(results.map((r) => [r.profileName, r.reason])).toEqual([
      ['locked', 'missing_secret'],
      ['no secret', 'missing_secret'],
    ]);
    expect(results[0]!.diagnosis.explanation).toContain('the keychain is locked');
    expect(results.every((r) => !r.trace.some((e) => e.name === 'HELLO'))).toBe(true);
  });

  it('keeps results, exports the last batch and refuses unknown ids', async () => {
    // Ticket profiles without a ticket end before connecting: no sockets in this unit test.
    const { tester } = await service(new MemorySecretStore());
    const first = await tester.run({ profile: { ...base, name: 'a', authmethod: 'ticket' } });
    const second = await tester.run({ profile: { ...base, name: 'b', authmethod: 'ticket' } });
    expect((await tester.results()).map((r) => r.id)).toEqual([first.id, second.id]);
    const json = JSON.parse((await tester.exportReport('json')).content);
    expect(json.results.map((r: { id: string }) => r.id)).toEqual([second.id]);
    const both = await tester.exportReport('markdown', [first.id, second.id]);
    expect(both.content).toContain('## a');
    expect(both.content).toContain('## b');
    await expect(tester.exportReport('json', ['nope'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
