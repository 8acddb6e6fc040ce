// The run history through the API as the UI calls it (dispatch validates every request against the
// contract, createServices with the real test keychain) against our router: runs of saved profiles are
// recorded with their latency phases and trace, "Run without saving" runs the draft without touching the
// stored secret, and the history file never holds a ticket, a WAMP-CRA password or a URL password.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../shared/api/dispatch';
import type { StoredTestRun, TestResult, TestRunSummary, TesterProfileInput, TesterProfileView } from '../../../shared/api/tester-contract';
import { createServices, type Services } from '../../../main/services';
import { HISTORY_FILE_NAME } from '../../../main/tester/history/history-file';
import { requireKeyringSession } from '../keyring-env';
import { ALICE_DERIVED, ALICE_PASSWORD, startOurRouter, type RunningRouter } from './support/our-router';

const URL_PASSWORD = 'url-pass-9f3k';
const WRONG_TICKET = 'wrong-ticket-7x2q';

let router: RunningRouter;
let services: Services;
let work: string;

beforeAll(async () => {
  const keychainService = requireKeyringSession();
  router = await startOurRouter();
  work = await mkdtemp(join(tmpdir(), 'authbahn-history-it-'));
  services = await createServices({ dataDir: work, keychainService, mode: 'web', clipboard: null, version: '0.0.0-test' });
});

afterAll(async () => {
  if (services) {
    for (const p of await services.handlers.tester.listProfiles()) await services.handlers.tester.removeProfile(p.id);
    await services.dispose();
  }
  await router?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

async function call<T>(method: string, ...args: unknown[]): Promise<T> {
  const result = await dispatch(services.handlers, 'tester', method, args);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as T;
}

const noProbes = { call: [], register: [], publish: [], subscribe: [] };
const input = (over: Partial<TesterProfileInput>): TesterProfileInput => ({
  name: 'p',
  url: router.url,
  realm: 'realm1',
  authmethod: 'anonymous',
  serializer: 'json',
  timeoutMs: 3000,
  probes: noProbes,
  ...over,
});
const draftOf = ({ id: _i, hasSecret: _h, createdAt: _c, updatedAt: _u, ...draft }: TesterProfileView) => draft;

describe('tester history', () => {
  let joe: TesterProfileView;

  it('records each run of a saved profile with its latency phases, probe counts and trace', async () => {
    const withPassword = router.url.replace('ws://', `ws://joe:${URL_PASSWORD}@`);
    joe = await call<TesterProfileView>('saveProfile', input({ name: 'joe', url: withPassword, authmethod: 'ticket', authid: 'joe', probes: { ...noProbes, register: ['com.example.x'] } }), 'secret!!!');
    const first = await call<TestResult>('run', { profileId: joe.id });
    expect(first.outcome).toBe('welcome');
    await call<TestResult>('run', { profileId: joe.id });
    const runs = await call<TestRunSummary[]>('history', joe.id);
    expect(runs).toHaveLength(2);
    expect(runs[1]).toMatchObject({ id: first.id, source: 'app', outcome: 'welcome', hasTrace: true, probes: { allowed: 0, denied: 1, error: 0, timeout: 0 } });
    expect(runs[1]!.latency.connectMs).toBeGreaterThan(0);
    expect(runs[1]!.latency.handshakeMs).toBeGreaterThan(0);
    const stored = await call<StoredTestRun>('historyRun', first.id);
    expect(stored.result!.trace.map((e) => e.name)).toContain('AUTHENTICATE');
  });

  it('"Run without saving" runs the draft with the typed secret, keeps the stored one, and records the run', async () => {
    const wrong = await call<TestResult>('run', { profile: { ...draftOf(joe), name: 'joe (edited)' }, secret: WRONG_TICKET, profileId: joe.id });
    expect(wrong.outcome).toBe('abort');
    expect(wrong.profileId).toBe(joe.id);
    expect(wrong.profileName).toBe('joe (edited)');
    // No secret given: the stored one (still the right ticket), and the stored URL password.
    const stored = await call<TestResult>('run', { profile: draftOf(joe), profileId: joe.id });
    expect(stored.outcome).toBe('welcome');
    expect(await services.tester.profileSecret(joe.id)).toBe('secret!!!');
    expect((await call<TesterProfileView[]>('listProfiles')).find((p) => p.id === joe.id)!.name).toBe('joe');
    expect((await call<TestRunSummary[]>('history', joe.id)).map((r) => r.outcome)).toEqual(['welcome', 'abort', 'welcome', 'welcome']);
    // A draft of no saved profile is not recorded; an unknown profile id is refused.
    await call<TestResult>('run', { profile: input({ name: 'scratch' }) });
    const unknown = await dispatch(services.handlers, 'tester', 'run', [{ profile: input({}), profileId: 'nope' }]);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('keeps no ticket, WAMP-CRA password, derived key or URL password in the history file', async () => {
    const alice = await call<TesterProfileView>('saveProfile', input({ name: 'alice', authmethod: 'wampcra', authid: 'alice' }), ALICE_PASSWORD);
    expect((await call<TestResult>('run', { profileId: alice.id })).outcome).toBe('welcome');
    await call<TestResult[]>('runAll');
    const text = await readFile(join(work, HISTORY_FILE_NAME), 'utf8');
    expect(text).toContain('AUTHENTICATE');
    expect(text).toContain('•••');
    for (const secret of ['secret!!!', WRONG_TICKET, URL_PASSWORD, ALICE_PASSWORD, ALICE_DERIVED]) expect(text).not.toContain(secret);
    expect(await call<TestRunSummary[]>('history', alice.id)).toHaveLength(2);
  });

  it('clears a profile\'s history, and forgets it when the profile is removed', async () => {
    await call('clearHistory', joe.id);
    expect(await call<TestRunSummary[]>('history', joe.id)).toEqual([]);
    const alice = (await call<TesterProfileView[]>('listProfiles')).find((p) => p.name === 'alice')!;
    await call('removeProfile', alice.id);
    expect(await call<TestRunSummary[]>('history', alice.id)).toEqual([]);
    expect(await readFile(join(work, HISTORY_FILE_NAME), 'utf8')).not.toContain(alice.id);
  });
});
