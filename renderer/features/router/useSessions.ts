// Live sessions of the local router: fetched once, then replaced by each 'router.sessions' event
// (the main process coalesces bursts of joins/leaves into one event).
import { useCallback, useEffect, useState } from 'react';
import type { AppErrorData } from '../../../shared/api/errors';
import type { RouterSessionsView } from '../../../shared/api/router-contract';
import { useApi } from '../api/ApiContext';

export interface SessionsState {
  sessions: RouterSessionsView;
  error: AppErrorData | null;
  kill: (id: number) => Promise<void>;
}

export function useSessions(): SessionsState {
  const api = useApi();
  const [sessions, setSessions] = useState<RouterSessionsView>({ sessions: [], total: 0 });
  const [error, setError] = useState<AppErrorData | null>(null);

  useEffect(() => {
    let live = true;
    void api.router.sessions().then((r) => {
      if (!live) return;
      if (r.ok) setSessions(r.value);
      else setError(r.error);
    });
    const off = api.events.on('router.sessions', (s) => setSessions(s));
    return () => {
      live = false;
      off();
    };
  }, [api]);

  const kill = useCallback(
    async (id: number) => {
      const r = await api.router.killSession(id);
      setError(r.ok ? null : r.error);
    },
    [api],
  );
  return { sessions, error, kill };
}
