// A profile's recorded runs (tester-history.json, newest first): loaded when the profile is opened and
// re-read after each of its runs, so the list and the latency chart follow "Run test" and watch mode.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppErrorData } from '../../../shared/api/errors';
import type { TestRunSummary } from '../../../shared/api/tester-contract';
import { useApi } from '../api/ApiContext';

/** Runs shown and charted (the file keeps up to HISTORY_LIMITS.runsPerProfile). */
export const HISTORY_SHOWN = 50;

export interface HistoryState {
  runs: TestRunSummary[];
  loaded: boolean;
  error: AppErrorData | null;
  refresh: () => Promise<void>;
  clear: () => Promise<AppErrorData | null>;
}

export function useHistory(profileId: string | null): HistoryState {
  const api = useApi();
  const [runs, setRuns] = useState<TestRunSummary[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  // Responses can arrive out of order (profile switches, watch mode): only the latest may update state.
  const latest = useRef(0);

  const refresh = useCallback(async () => {
    const request = ++latest.current;
    if (profileId === null) {
      setRuns([]);
      setLoaded(true);
      return;
    }
    const result = await api.tester.history(profileId, HISTORY_SHOWN);
    if (request !== latest.current) return;
    if (result.ok) {
      setRuns(result.value);
      setError(null);
    } else {
      setError(result.error);
    }
    setLoaded(true);
  }, [api, profileId]);

  const clear = useCallback(async () => {
    if (profileId === null) return null;
    const result = await api.tester.clearHistory(profileId);
    await refresh();
    return result.ok ? null : result.error;
  }, [api, profileId, refresh]);

  useEffect(() => {
    setLoaded(false);
    setRuns([]);
    void refresh();
  }, [refresh]);

  return { runs, loaded, error, refresh, clear };
}
