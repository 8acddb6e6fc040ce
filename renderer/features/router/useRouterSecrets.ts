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

export interface StoredSecrets {
  /** true: keychain item router:NAME exists; false: it does not; undefined: not known yet. */
  status: (name: string) => boolean | undefined;
  /** The first answer arrived (before it, a rename must not assume an item is missing). */
  loaded: boolean;
  /** Marks NAME as stored right after the editor stored it (no need to wait for the next check). */
  markStored: (name: string) => void;
}

const STORED_CHECK_DELAY_MS = 200;

/**
 * Which of `names` exist in the keychain (names only: main never returns a secret), checked again when
 * the set of names changes, e.g. while an authid is being renamed.
 */
export function useStoredSecrets(names: string[]): StoredSecrets {
  const api = useApi();
  const [known, setKnown] = useState<ReadonlyMap<string, boolean>>(new Map());
  const [loaded, setLoaded] = useState(false);
  const key = names.join('\n');
  useEffect(() => {
    const asked = key === '' ? [] : key.split('\n');
    let live = true;
    const timer = setTimeout(() => {
      void api.router.storedSecrets(asked.slice(0, 200)).then((r) => {
        if (!live || !r.ok) return;
        const present = new Set(r.value);
        setKnown((before) => {
          const next = new Map(before);
          for (const name of asked) next.set(name, present.has(name));
          return next;
        });
        setLoaded(true);
      });
    }, STORED_CHECK_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, key]);
  const status = useCallback((name: string) => known.get(name), [known]);
  const markStored = useCallback((name: string) => setKnown((before) => new Map(before).set(name, true)), []);
  return { status, loaded, markStored };
}
