// Reorder with an optimistic update: the list moves at once, the backend gets the full id list,
// and a failure puts the previous order back and says why.
import { useCallback } from 'react';
import type { AccountView } from '../../../shared/api/types';
import { useToast } from '../../components/Toast';
import { useApi } from '../api/ApiContext';
import { applyOrder } from './reorder';

export function useReorder(accounts: AccountView[], replace: (a: AccountView[]) => void, refresh: () => Promise<void>) {
  const api = useApi();
  const toast = useToast();

  return useCallback(
    async (ids: string[]) => {
      const previous = accounts;
      replace(applyOrder(accounts, ids));
      const result = await api.accounts.reorder(ids);
      if (result.ok) {
        replace([...result.value].sort((a, b) => a.order - b.order));
      } else {
        replace(previous);
        toast.show(`Could not reorder: ${result.error.message}`, 'error');
        await refresh();
      }
    },
    [accounts, api, replace, refresh, toast],
  );
}
