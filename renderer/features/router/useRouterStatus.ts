// Router status (state, listening URLs) from router.status(), kept current by 'router.status' events;
// start/stop report failures as an AppErrorData the screen shows in a banner.
import { useCallback, useEffect, useState } from 'react';
import type { AppErrorData } from '../../../shared/api/errors';
import type { RouterStatus } from '../../../shared/api/router-contract';
import { useApi } from '../api/ApiContext';

export interface RouterStatusState {
  status: RouterStatus | null;
  /** A start/stop request is in flight. */
  busy: boolean;
  error: AppErrorData | null;
  start: () => Promise<boolean>;
  stop: () => Promise<boolean>;
  dismissError: () => void;
}

export function useRouterStatus(): RouterStatusState {
  const api = useApi();
  const [status, setStatus] = useState<RouterStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);

  useEffect(() => {
    let live = true;
    void api.router.status().then((r) => {
      if (!live) return;
      if (r.ok) setStatus(r.value);
      else setError(r.error);
    });
    const off = api.events.on('router.status', (s) => setStatus(s));
    return () => {
      live = false;
      off();
    };
  }, [api]);

  const run = useCallback(
    async (call: () => ReturnType<typeof api.router.start>) => {
      setBusy(true);
      setError(null);
      const result = await call();
      setBusy(false);
      if (result.ok) setStatus(result.value);
      else setError(result.error);
      return result.ok;
    },
    [api],
  );

  const start = useCallback(() => run(() => api.router.start()), [api, run]);
  const stop = useCallback(() => run(() => api.router.stop()), [api, run]);
  const dismissError = useCallback(() => setError(null), []);
  return { status, busy, error, start, stop, dismissError };
}
