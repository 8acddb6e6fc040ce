// The account list (metadata only, never secrets): loaded once, re-fetched on every
// 'accounts.changed' event, whichever window or CLI caused the change.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppErrorData } from '../../../shared/api/errors';
import type { AccountView } from '../../../shared/api/types';
import { useApi } from '../api/ApiContext';

export interface AccountsState {
  accounts: AccountView[];
  loaded: boolean;
  error: AppErrorData | null;
  refresh: () => Promise<void>;
  /** Local replacement, for optimistic updates (reorder) before the backend confirms. */
  replace: (accounts: AccountView[]) => void;
}

const byOrder = (a: AccountView, b: AccountView) => a.order - b.order;

export function useAccounts(): AccountsState {
  const api = useApi();
  const [accounts, setAccounts] = useState<AccountView[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  // Responses can arrive out of order; only the latest request may update state.
  const latest = useRef(0);

  const refresh = useCallback(async () => {
    const request = ++latest.current;
    const result = await api.accounts.list();
    if (request !== latest.current) return;
    if (result.ok) {
      setAccounts([...result.value].sort(byOrder));
      setError(null);
    } else {
      setError(result.error);
    }
    setLoaded(true);
  }, [api]);

  const replace = useCallback((next: AccountView[]) => {
    latest.current++;
    setAccounts(next);
  }, []);

  useEffect(() => {
    void refresh();
    return api.events.on('accounts.changed', () => void refresh());
  }, [api, refresh]);

  return { accounts, loaded, error, refresh, replace };
}
