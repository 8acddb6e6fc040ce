// While the app is locked the UI is only the unlock screen: the sections are unmounted, so no code
// polling runs and nothing the screens held (codes, export data) stays in memory. Main refuses the
// calls anyway (lock-guard.ts); this is the view of it.
import type { ReactNode } from 'react';
import { useAppState } from '../settings/AppStateContext';
import { UnlockScreen } from './UnlockScreen';
import { useActivityReport } from './useActivityReport';

export function LockGate({ children }: { children: ReactNode }) {
  const { lock } = useAppState();
  useActivityReport(lock?.enabled === true && !lock.locked);
  if (lock === null) {
    return (
      <p className="loading-line" role="status">
        Loading…
      </p>
    );
  }
  return lock.locked ? <UnlockScreen /> : <>{children}</>;
}
