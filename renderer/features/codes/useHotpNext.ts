// HOTP: advancing the counter is explicit (each code is valid once, and the server's counter
// must stay within its look-ahead window), so it is a button, never automatic.
import { useCallback } from 'react';
import type { AccountView, CodeView } from '../../../shared/api/types';
import { useToast } from '../../components/Toast';
import { useApi } from '../api/ApiContext';

export function useHotpNext(merge: (code: CodeView) => void) {
  const api = useApi();
  const toast = useToast();
  return useCallback(
    async (account: AccountView) => {
      const result = await api.codes.hotpNext(account.id);
      if (!result.ok) {
        toast.show(result.error.message, 'error');
        return;
      }
      merge(result.value);
      toast.show(`Counter is now ${result.value.counter}`, 'info');
    },
    [api, merge, toast],
  );
}
