// "Export suite" / "Import suite" / "Duplicate" of the Tester (issue 9): profiles become a suite file for
// `authbahn test --suite` without their secrets, and a suite file becomes profiles again.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import type { TestResult, TesterProfileInput } from '../../../shared/api/tester-contract';
import { HistoryFile } from '../../../main/tester/history/history-file';
import { TestHistory } from '../../../main/tester/history/test-history';
import { profileSecretKey, profileUrlPasswordKey, ProfilesStore } from '../../../main/tester/profiles-store';
import { parseSuite } from '../../../main/tester/suite/suite-file';
import { TesterService } from '../../../main/tester/tester-service';
import { MemorySecretStore } from '../../../main/vault/memory-secret-store';
import { tempDir } from '../accounts/fixtures';

async function service() {
  const dir = await tempDir();
  const secrets = new MemorySecretStore();
  const profiles = new ProfilesStore({ dir, secrets, now: Date.now, warn: () => undefined });
  const history = new TestHistory(new HistoryFile({ dir, now: Date.now, warn: () => undefined }));
  const tester = new TesterService({
    profiles,
    history,
    accountTotp: async () => {
      throw new AppError('NOT_FOUND', 'no accounts here');
    },
    accountNames: {
      name: async (id) => (id === 'acc-1' ? 'Router:ann' : null),
      find: async (query) => (query === 'Router:ann' || query === 'acc-1' ? 'acc-1' : null),
    },
    now: Date.now,
    version: '1.0.0',
  });
  return { tester, secrets, history };
}

const noProbes = { call: [], register: [], publish: [], subscribe: [] };
const base = { url: 'ws://127.0.0.1:8080/ws', realm: 'realm1', serializer: 'json' as const, timeoutMs: 5000, probes: noProbes };
const PROFILES: [TesterProfileInput, string | undefined][] = [
  [{ ...base, name: 'anonymous', authmethod: 'anonymous', probes: { ...noProbes, call: ['com.example.add2'], subscribe: ['com.example.topic'] } }, undefined],
  [{ ...base, name: 'joe', authmethod: 'ticket', authid: 'joe', authrole: 'frontend', serializer: 'cbor', timeoutMs: 3000 }, 'secret!!!'],
  [{ ...base, name: 'alice', authmethod: 'wampcra', authid: 'alice', cra: { salt: 'salt1', iterations: 100, keylen: 16 } }, 'alice-password'],
  [{ ...base, name: 'ann', authmethod: 'totp', authid: 'ann', totpAccountId: 'acc-1' }, undefined],
  [{ ...base, url: 'wss://router.example.com:8443/ws', name: 'key', authmethod: 'cryptosign', authid: 'k' }, 'aa'.repeat(32)],
];

const strip = ({ id: _i, createdAt: _c, updatedAt: _u, hasSecret: _h, ...draft }: { id: string; createdAt: string; updatedAt: string; hasSecret: boolean }) => draft;

describe('suite export and import', () => {
  it('round-trips profiles through a suite file without their secrets', async () => {
    const from = await service();
    for (const [input, secret] of PROFILES) await from.tester.saveProfile(input, secret);
    const saved = await from.tester.listProfiles();
    const file = await from.tester.exportSuite(saved.map((p) => p.id));
    expect(file.fileName).toMatch(/^authbahn-suite-.*\.yaml$/);
    for (const [, secret] of PROFILES) if (secret) expect(file.content).not.toContain(secret);
    // A valid suite as `authbahn test --suite` reads it: no inline secrets, references instead.
    const suite = parseSuite(file.content);
    expect(suite.cases.map((c) => c.name)).toEqual(['anonymous', 'joe', 'alice', 'ann', 'key']);
    expect(suite.cases[1]!.secret).toEqual({ profile: 'joe' });
    expect(suite.cases[3]!.totpAccount).toBe('Router:ann');
    expect(suite.cases[0]!.secret).toBeUndefined();
    expect(suite.cases[0]!.probes).toEqual([
      { call: 'com.example.add2', expect: 'allowed' },
      { subscribe: 'com.example.topic', expect: 'allowed' },
    ]);

    const to = await service();
    const imported = await to.tester.importSuite(file.content);
    expect(imported.created.map((c) => c.name)).toEqual(['anonymous', 'joe', 'alice', 'ann', 'key']);
    expect(imported.skipped).toEqual([]);
    expect(imported.notes.join(' ')).toContain('Secrets are not imported');
    const again = await to.tester.listProfiles();
    expect(again.map(strip)).toEqual(saved.map(strip));
    expect(again.every((p) => !p.hasSecret)).toBe(true);
    expect(to.secrets.keys()).toEqual([]);

    // Importing the same file again creates nothing twice.
    const twice = await to.tester.importSuite(file.content);
    expect(twice.created).toEqual([]);
    expect(twice.skipped.map((s) => s.reason)).toEqual(Array(5).fill('already saved'));
  });

  it('takes each case\'s expectation from the profile\'s latest recorded run', async () => {
    const { tester, history } = await service();
    const joe = await tester.saveProfile({ ...base, name: 'joe', authmethod: 'ticket', authid: 'joe' }, 'x');
    const anon = await tester.saveProfile({ ...base, name: 'anon', authmethod: 'anonymous', probes: { ...noProbes, register: ['com.example.p'] } }, undefined);
    await history.record(fakeRun(joe.id, { outcome: 'abort', reason: 'wamp.error.not_authorized' }), 'app');
    await history.record(
      fakeRun(anon.id, {
        probes: [{ action: 'register', uri: 'com.example.p', outcome: 'denied', answer: 'wamp.error.not_authorized', note: '', latencyMs: 1 }],
      }),
      'app',
    );
    const suite = parseSuite((await tester.exportSuite([joe.id, anon.id])).content);
    expect(suite.cases[0]!.expect).toEqual({ outcome: 'abort', reason: 'wamp.error.not_authorized' });
    expect(suite.cases[1]!.expect).toEqual({ outcome: 'welcome', role: 'public' });
    expect(suite.cases[1]!.probes).toEqual([{ register: 'com.example.p', expect: 'denied' }]);
  });

  it('imports a suite with inline secrets and defaults, dropping the secrets, and reports bad cases', async () => {
    const { tester, secrets } = await service();
    const result = await tester.importSuite(`
defaults: { realm: realm1, url: "ws://127.0.0.1:9000/ws" }
cases:
  - { name: inline, authmethod: ticket, authid: joe, secret: "plain-ticket", expect: { outcome: welcome } }
  - { name: bad url, url: "http://x", expect: { outcome: welcome } }
  - { name: env url, url: "\${ROUTER}", expect: { outcome: welcome } }
  - { name: account, totpAccount: "Nobody:x", expect: { outcome: welcome } }
`);
    expect(result.created.map((c) => c.name)).toEqual(['inline', 'account']);
    expect(result.skipped.map((s) => s.name)).toEqual(['bad url', 'env url']);
    expect(result.notes.join(' ')).toContain('choose one in the form');
    const saved = await tester.listProfiles();
    expect(saved[0]).toMatchObject({ url: 'ws://127.0.0.1:9000/ws', realm: 'realm1', authmethod: 'ticket', authid: 'joe', hasSecret: false });
    expect(JSON.stringify(saved)).not.toContain('plain-ticket');
    expect(secrets.keys()).toEqual([]);
    await expect(tester.importSuite('cases: []')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(tester.importSuite('{nope')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('duplicates a profile with its keychain secret and URL password, right after the original', async () => {
    const { tester, secrets } = await service();
    const first = await tester.saveProfile({ ...base, url: 'ws://joe:pw@127.0.0.1:8080/ws', name: 'joe', authmethod: 'ticket', authid: 'joe' }, 'secret!!!');
    await tester.saveProfile({ ...base, name: 'other', authmethod: 'anonymous' }, undefined);
    const copy = await tester.duplicateProfile(first.id);
    const copy2 = await tester.duplicateProfile(first.id);
    expect((await tester.listProfiles()).map((p) => p.name)).toEqual(['joe', 'joe (copy 2)', 'joe (copy)', 'other']);
    expect(copy).toMatchObject({ name: 'joe (copy)', url: 'ws://joe@127.0.0.1:8080/ws', hasSecret: true });
    expect(copy.id).not.toBe(first.id);
    expect(await secrets.get(profileSecretKey(copy.id))).toBe('secret!!!');
    expect(await secrets.get(profileUrlPasswordKey(copy2.id))).toBe('pw');
    await expect(tester.duplicateProfile('missing')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

function fakeRun(profileId: string, over: Partial<TestResult>): TestResult {
  return {
    id: `r-${Math.random()}`,
    profileId,
    profileName: 'x',
    startedAt: new Date().toISOString(),
    outcome: 'welcome',
    reason: 'welcome',
    diagnosis: { kind: 'ok', severity: 'ok', title: 'ok', explanation: '', hint: '' },
    warnings: [],
    details: {
      url: base.url,
      realm: 'realm1',
      authmethod: 'anonymous',
      authid: null,
      authrole: null,
      serializer: 'json',
      subprotocol: 'wamp.2.json',
      tls: false,
      latency: { connectMs: 1, handshakeMs: 1, totalMs: 2 },
      welcome: { session: 1, authid: 'a', authrole: 'public', authmethod: 'anonymous', authprovider: 'static', authextra: null, roles: {} },
      abort: null,
      craKey: null,
      attempts: 1,
    },
    trace: [],
    probes: [],
    ...over,
  };
}
