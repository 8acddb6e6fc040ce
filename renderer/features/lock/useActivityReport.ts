// The idle lock counts user activity in main. Keys, clicks and touches tell main the user is here —
// at most once per interval, so typing does not become a stream of calls.
import { useEffect } from 'react';
import { useApi } from '../api/ApiContext';
import { shouldReport } from './activity-throttle';

export const ACTIVITY_REPORT_MS = 15_000;

export function useActivityReport(enabled: boolean): void {
  const api = useApi();
  useEffect(() => {
    if (!enabled) return;
    let last = 0;
    const onActivity = () => {
      const now = Date.now();
      if (!shouldReport(last, now, ACTIVITY_REPORT_MS)) return;
      last = now;
      void api.lock.activity();
    };
    const events = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, onActivity, { passive: true, capture: true });
    return () => {
      for (const e of events) window.removeEventListener(e, onActivity, { capture: true });
    };
  }, [api, enabled]);
}
