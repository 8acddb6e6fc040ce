// The router's authentication log: loaded once, then each 'router.auth' event appends one entry.
// Entries carry an increasing seq, so an event that raced the initial load is not shown twice.
import { useCallback, useEffect, useState } from 'react';
import { AUTH_LOG_LIMIT, type RouterAuthLogEntry } from '../../../shared/api/router-contract';
import type { AppErrorData } from '../../../shared/api/errors';
import { useApi } from '../api/ApiContext';

export interface AuthLogState {
  /** Oldest first. */
  entries: RouterAuthLogEntry[];
  error: AppErrorData | null;
  clear: () => Promise<void>;
}

export function mergeEntries(current: RouterAuthLogEntry[], incoming: RouterAuthLogEntry[]): RouterAuthLogEntry[] {
  const seen = new Set(current.map((e) => e.seq));
  const merged = [...current, ...incoming.filter((e) => !seen.has(e.seq))].sort((a, b) => a.seq - b.seq);
  return merged.slice(-AUTH_LOG_LIMIT);
}

export function useAuthLog(): AuthLogState {
  const api = useApi();
  const [entries, setEntries] = useState<RouterAuthLogEntry[]>([]);
  const [error, setError] = useState<AppErrorData | null>(null);

  useEffect(() => {
    let live = true;
    void api.router.authLog().then((r) => {
      if (!live) return;
      if (r.ok) setEntries((current) => mergeEntries(current, r.value));
      else setError(r.error);
    });
    const off = api.events.on('router.auth', (entry) => setEntries((current) => mergeEntries(current, [entry])));
    return () => {
      live = false;
      off();
    };
  }, [api]);

  const clear = useCallback(async () => {
    const r = await api.router.clearAuthLog();
    if (r.ok) setEntries([]);
    setError(r.ok ? null : r.error);
  }, [api]);
  return { entries, error, clear };
}
