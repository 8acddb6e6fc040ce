// The tester's run history (tester-history.json): what a run is stored as, the bounds (runs per
// profile, runs in all, full results only for the newest few per profile), clearing, and a corrupt
// file set aside. Runs with real secrets against a router are in test/integration/tester/history.test.ts.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HISTORY_LIMITS, type TestResult } from '../../../shared/api/tester-contract';
import { HISTORY_FILE_NAME, HistoryFile } from '../../../main/tester/history/history-file';
import { bound, MAX_STORED_RESULT_CHARS, toStoredRun } from '../../../main/tester/history/history-model';
import { TestHistory } from '../../../main/tester/history/test-history';
import { tempDir } from '../accounts/fixtures';

let counter = 0;
function result(profileId: string | null, over: Partial<TestResult> = {}): TestResult {
  counter++;
  return {
    id: `run-${counter}`,
    profileId,
    profileName: `profile ${profileId}`,
    startedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, counter)).toISOString(),
    outcome: 'welcome',
    reason: 'welcome',
    diagnosis: { kind: 'ok', severity: 'ok', title: 'Connected', explanation: 'The router welcomed the session.', hint: 'Nothing to fix.' },
    warnings: [],
    details: {
      url: 'ws://joe:•••@127.0.0.1:8080/ws',
      realm: 'realm1',
      authmethod: 'ticket',
      authid: 'joe',
      authrole: null,
      serializer: 'json',
      subprotocol: 'wamp.2.json',
      tls: false,
      latency: { connectMs: 1.5, handshakeMs: 2.5, totalMs: 5 + counter },
      welcome: { session: 1, authid: 'joe', authrole: 'frontend', authmethod: 'ticket', authprovider: 'static', authextra: {}, roles: { broker: {} } },
      abort: null,
      craKey: null,
      attempts: 1,
    },
    trace: [
      { t: 0, dir: 'out', name: 'HELLO', code: 1, content: [1, 'realm1', { authid: 'joe' }], bytes: 40 },
      { t: 1, dir: 'out', name: 'AUTHENTICATE', code: 5, content: [5, '•••', {}], bytes: 30 },
      { t: 2, dir: 'in', name: 'WELCOME', code: 2, content: [2, 1, {}], bytes: 50 },
    ],
    probes: [
      { action: 'call', uri: 'a', outcome: 'allowed', answer: 'RESULT', note: '', latencyMs: 1 },
      { action: 'register', uri: 'b', outcome: 'denied', answer: 'wamp.error.not_authorized', note: '', latencyMs: 1 },
      { action: 'subscribe', uri: 'c', outcome: 'denied', answer: 'wamp.error.not_authorized', note: '', latencyMs: 1 },
    ],
    ...over,
  };
}

async function history(limits = { runsPerProfile: 3, runsTotal: 5, tracesPerProfile: 2 }) {
  const dir = await tempDir();
  const warnings: string[] = [];
  const file = new HistoryFile({ dir, now: Date.now, warn: (m) => warnings.push(m) });
  return { dir, file, warnings, store: new TestHistory(file, limits) };
}

describe('tester history', () => {
  it('stores a run as its summary — outcome, diagnosis, latency phases, craKey, probe counts — plus the redacted result', async () => {
    const { store, dir } = await history();
    const run = result('p1', { details: { ...result('x').details, craKey: 'password' } });
    expect(await store.record(run, 'cli')).toBe(true);
    const [summary] = await store.list('p1');
    expect(summary).toEqual({
      id: run.id,
      profileId: 'p1',
      profileName: 'profile p1',
      startedAt: run.startedAt,
      source: 'cli',
      outcome: 'welcome',
      reason: 'welcome',
      diagnosis: { kind: 'ok', severity: 'ok', title: 'Connected' },
      latency: run.details.latency,
      craKey: 'password',
      probes: { allowed: 1, denied: 2, error: 0, timeout: 0 },
      hasTrace: true,
    });
    const stored = await store.get(run.id);
    expect(stored.result?.trace.map((e) => e.name)).toEqual(['HELLO', 'AUTHENTICATE', 'WELCOME']);
    expect(JSON.parse(await readFile(join(dir, HISTORY_FILE_NAME), 'utf8')).version).toBe(1);
  });

  it('does not record runs that belong to no saved profile', async () => {
    const { store, dir } = await history();
    expect(await store.record(result(null), 'app')).toBe(false);
    expect(await readdir(dir)).toEqual([]);
  });

  it('keeps the newest runs per profile and in all, and full results only for the newest few per profile', async () => {
    const { store } = await history({ runsPerProfile: 3, runsTotal: 5, tracesPerProfile: 2 });
    const a = [result('a'), result('a'), result('a'), result('a')];
    for (const r of a) await store.record(r, 'app');
    const listed = await store.list('a');
    expect(listed.map((r) => r.id)).toEqual([a[3]!.id, a[2]!.id, a[1]!.id]); // newest first, oldest dropped
    expect(listed.map((r) => r.hasTrace)).toEqual([true, true, false]);
    expect((await store.get(a[1]!.id)).result).toBeNull();
    await expect(store.get(a[0]!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await store.list('a', 1)).toHaveLength(1);

    const b = [result('b'), result('b'), result('b')];
    for (const r of b) await store.record(r, 'app');
    // 3 of a + 3 of b > 5 in all: the oldest run overall (a's) goes.
    expect((await store.list('a')).map((r) => r.id)).toEqual([a[3]!.id, a[2]!.id]);
    expect(await store.list('b')).toHaveLength(3);
  });

  it('bounds the default limits: 200 runs per profile, 2000 in all, 5 full results per profile', () => {
    expect(HISTORY_LIMITS).toEqual({ runsPerProfile: 200, runsTotal: 2000, tracesPerProfile: 5 });
    const runs = Array.from({ length: 2500 }, (_, i) => toStoredRun({ ...result(`p${i % 10}`), profileId: `p${i % 10}` }, 'app'));
    const kept = bound(runs, HISTORY_LIMITS);
    expect(kept).toHaveLength(2000);
    for (let p = 0; p < 10; p++) {
      const mine = kept.filter((r) => r.profileId === `p${p}`);
      expect(mine).toHaveLength(200);
      expect(mine.filter((r) => r.result !== null)).toHaveLength(5);
      expect(mine.slice(-5).every((r) => r.hasTrace)).toBe(true);
    }
    const one = Array.from({ length: 250 }, () => toStoredRun({ ...result('solo'), profileId: 'solo' }, 'app'));
    expect(bound(one, HISTORY_LIMITS)).toHaveLength(200);
    expect(bound(one, HISTORY_LIMITS).at(-1)!.id).toBe(one.at(-1)!.id);
  });

  it('keeps only the summary of a result too large to store', () => {
    const huge = result('p', { trace: [{ t: 0, dir: 'in', name: 'WELCOME', content: ['x'.repeat(MAX_STORED_RESULT_CHARS)] }] });
    const stored = toStoredRun({ ...huge, profileId: 'p' }, 'app');
    expect(stored.hasTrace).toBe(false);
    expect(stored.result).toBeNull();
    expect(stored.latency.totalMs).toBe(huge.details.latency.totalMs);
  });

  it('stores only whitelisted summary fields: nothing the result carries besides them reaches the summary', () => {
    const withExtra = { ...result('p'), secret: 'hunter2' } as TestResult;
    const stored = toStoredRun({ ...withExtra, profileId: 'p' }, 'app');
    const { result: _r, ...summary } = stored;
    expect(JSON.stringify(summary)).not.toContain('hunter2');
  });

  it('clears one profile and leaves the others', async () => {
    const { store } = await history();
    await store.record(result('a'), 'app');
    await store.record(result('b'), 'app');
    await store.clear('a');
    expect(await store.list('a')).toEqual([]);
    expect(await store.list('b')).toHaveLength(1);
  });

  it('serialises concurrent records (none is lost)', async () => {
    const { store } = await history({ runsPerProfile: 50, runsTotal: 50, tracesPerProfile: 1 });
    await Promise.all(Array.from({ length: 10 }, () => store.record(result('c'), 'app')));
    expect(await store.list('c')).toHaveLength(10);
  });

  it('moves an unreadable file aside and starts empty', async () => {
    const { store, dir, warnings } = await history();
    await writeFile(join(dir, HISTORY_FILE_NAME), '{not json');
    expect(await store.list('a')).toEqual([]);
    expect(warnings[0]).toContain('could not be read');
    expect((await readdir(dir)).some((f) => f.startsWith(`${HISTORY_FILE_NAME}.corrupt-`))).toBe(true);
    await store.record(result('a'), 'app');
    expect(await store.list('a')).toHaveLength(1);
  });

  it('refuses a file from a newer version without touching it', async () => {
    const { store, dir } = await history();
    await writeFile(join(dir, HISTORY_FILE_NAME), '{"version": 99, "runs": []}');
    await expect(store.list('a')).rejects.toMatchObject({ code: 'STORAGE_ERROR' });
    expect(await readFile(join(dir, HISTORY_FILE_NAME), 'utf8')).toBe('{"version": 99, "runs": []}');
  });
});
