// Keychain secrets for router.json references, and the TOTP accounts a ticket can point at.
import { useCallback, useEffect, useState } from 'react';
import type { AccountView } from '../../../shared/api/types';
import { useApi } from '../api/ApiContext';
import { useToast } from '../../components/Toast';

/** Stores `secret` as keychain item router:NAME; toasts the outcome. */
export function useStoreSecret(): (name: string, secret: string) => Promise<boolean> {
  const api = useApi();
  const toast = useToast();
  return useCallback(
    async (name: string, secret: string) => {
      const r = await api.router.setSecret(name, secret);
      toast.show(r.ok ? `Stored in keychain item router:${name}` : `Could not store the secret: ${r.error.message}`, r.ok ? 'success' : 'error');
      return r.ok;
    },
    [api, toast],
  );
}

/** TOTP accounts of the authenticator (metadata only). */
export function useTotpAccounts(): AccountView[] {
  const api = useApi();
  const [accounts, setAccounts] = useState<AccountView[]>([]);
  useEffect(() => {
    let live = true;
    const load = () =>
      void api.accounts.list().then((r) => {
        if (live && r.ok) setAccounts(r.value.filter((a) => a.type === 'totp'));
      });
    load();
    const off = api.events.on('accounts.changed', load);
    return () => {
      live = false;
      off();
    };
  }, [api]);
  return accounts;
}
