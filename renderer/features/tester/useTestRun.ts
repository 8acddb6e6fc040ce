// Test runs: one saved profile at a time ("Run test") or all of them ("Test all"). "Test all" runs the
// profiles one after another from here rather than through tester.runAll, so the screen can show
// progress and no single request has to outlast the bridge's call timeout when there are many
// profiles. Results of this session are re-read on mount, so switching sections keeps them.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppErrorData } from '../../../shared/api/errors';
import type { TestResult, TesterProfileDraft } from '../../../shared/api/tester-contract';
import { useApi } from '../api/ApiContext';
import { latestByProfile } from './result-view';

export interface BatchState {
  results: TestResult[];
  total: number;
  /** Still running: results.length < total. */
  running: boolean;
}

export interface TestRunState {
  /** Latest result per saved profile id. */
  latest: ReadonlyMap<string, TestResult>;
  /** The profile being tested by "Run test", if any (DRAFT_RUN for an unsaved new profile). */
  runningId: string | null;
  batch: BatchState | null;
  error: AppErrorData | null;
  run: (profileId: string) => Promise<TestResult | null>;
  /** "Run without saving": the draft with its secret; a saved profile's run when profileId is given. */
  runDraft: (profile: TesterProfileDraft, secret: string | undefined, profileId: string | null) => Promise<TestResult | null>;
  runAll: (profileIds: readonly string[]) => Promise<void>;
  clearError: () => void;
}

/** runningId of a run without saving of a profile that was never saved. */
export const DRAFT_RUN = '(draft)';

export function useTestRun(): TestRunState {
  const api = useApi();
  const [latest, setLatest] = useState<ReadonlyMap<string, TestResult>>(new Map());
  const [runningId, setRunningId] = useState<string | null>(null);
  const [batch, setBatch] = useState<BatchState | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  const busy = useRef(false);

  const remember = useCallback((result: TestResult) => {
    if (result.profileId === null) return;
    const id = result.profileId;
    setLatest((map) => new Map(map).set(id, result));
  }, []);

  useEffect(() => {
    let live = true;
    void api.tester.results().then((r) => {
      if (live && r.ok) setLatest((map) => new Map([...latestByProfile(r.value), ...map]));
    });
    return () => {
      live = false;
    };
  }, [api]);

  const run = useCallback(
    async (profileId: string) => {
      if (busy.current) return null;
      busy.current = true;
      setRunningId(profileId);
      setError(null);
      try {
        const result = await api.tester.run({ profileId });
        if (!result.ok) {
          setError(result.error);
          return null;
        }
        remember(result.value);
        return result.value;
      } finally {
        busy.current = false;
        setRunningId(null);
      }
    },
    [api, remember],
  );

  const runDraft = useCallback(
    async (profile: TesterProfileDraft, secret: string | undefined, profileId: string | null) => {
      if (busy.current) return null;
      busy.current = true;
      setRunningId(profileId ?? DRAFT_RUN);
      setError(null);
      try {
        const result = await api.tester.run({
          profile,
          ...(secret === undefined ? {} : { secret }),
          ...(profileId === null ? {} : { profileId }),
        });
        if (!result.ok) {
          setError(result.error);
          return null;
        }
        remember(result.value);
        return result.value;
      } finally {
        busy.current = false;
        setRunningId(null);
      }
    },
    [api, remember],
  );

  const runAll = useCallback(
    async (profileIds: readonly string[]) => {
      if (busy.current) return;
      busy.current = true;
      setError(null);
      const results: TestResult[] = [];
      setBatch({ results: [], total: profileIds.length, running: profileIds.length > 0 });
      try {
        for (const profileId of profileIds) {
          setRunningId(profileId);
          const result = await api.tester.run({ profileId });
          if (!result.ok) {
            // A profile deleted meanwhile (or a broken bridge) ends the batch with what it has.
            setError(result.error);
            break;
          }
          results.push(result.value);
          remember(result.value);
          setBatch({ results: [...results], total: profileIds.length, running: results.length < profileIds.length });
        }
      } finally {
        setBatch({ results: [...results], total: results.length, running: false });
        setRunningId(null);
        busy.current = false;
      }
    },
    [api, remember],
  );

  return { latest, runningId, batch, error, run, runDraft, runAll, clearError: () => setError(null) };
}
