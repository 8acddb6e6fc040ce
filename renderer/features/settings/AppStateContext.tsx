// The settings and the lock state, loaded once for the whole UI and kept current through the
// settings.changed and lock.changed events (every tab and window hears them). Also applies the theme.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Result } from '../../../shared/api/result';
import type { AppSettings, LockStatus, SettingsPatch } from '../../../shared/api/settings-contract';
import { useApi } from '../api/ApiContext';
import { applyTheme } from './theme';

export interface AppState {
  settings: AppSettings | null;
  lock: LockStatus | null;
  updateSettings: (patch: SettingsPatch) => Promise<Result<AppSettings>>;
  setLock: (status: LockStatus) => void;
}

const AppStateContext = createContext<AppState | null>(null);

/** While the lock is on, ask now and then too: a reconnecting web bridge may have missed an event. */
const LOCK_RECHECK_MS = 10_000;

export function AppStateProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [settings, setSettings] = useState<AppSettings | null>(null);
  const [lock, setLock] = useState<LockStatus | null>(null);

  const refreshLock = useCallback(async (): Promise<boolean> => {
    const status = await api.lock.status();
    // A failure (bridge down) keeps the last known state; the connection banner says what is wrong.
    if (status.ok) setLock(status.value);
    return status.ok;
  }, [api]);

  useEffect(() => {
    let cancelled = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    // Until the first answer the UI shows nothing but "Loading…" (it must not show codes of a locked app).
    const first = async () => {
      const [settingsResult, lockOk] = await Promise.all([api.settings.get(), refreshLock()]);
      if (cancelled) return;
      if (settingsResult.ok) setSettings(settingsResult.value);
      if (!lockOk || !settingsResult.ok) retry = setTimeout(() => void first(), 2_000);
    };
    void first();
    const offSettings = api.events.on('settings.changed', (s) => setSettings(s));
    const offLock = api.events.on('lock.changed', (s) => setLock(s));
    const onVisible = () => document.visibilityState === 'visible' && void refreshLock();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      cancelled = true;
      clearTimeout(retry);
      offSettings();
      offLock();
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [api, refreshLock]);

  const enabled = lock?.enabled === true;
  useEffect(() => {
    if (!enabled) return;
    const timer = setInterval(() => void refreshLock(), LOCK_RECHECK_MS);
    return () => clearInterval(timer);
  }, [enabled, refreshLock]);

  const theme = settings?.theme ?? 'system';
  useEffect(() => applyTheme(document.documentElement, theme), [theme]);

  const updateSettings = useCallback(
    async (patch: SettingsPatch) => {
      const result = await api.settings.update(patch);
      if (result.ok) setSettings(result.value);
      return result;
    },
    [api],
  );

  const value = useMemo<AppState>(() => ({ settings, lock, updateSettings, setLock }), [settings, lock, updateSettings]);
  return <AppStateContext value={value}>{children}</AppStateContext>;
}

export function useAppState(): AppState {
  const state = useContext(AppStateContext);
  if (!state) throw new Error('useAppState must be used inside <AppStateProvider>');
  return state;
}
