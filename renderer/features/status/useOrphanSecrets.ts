// Keychain secrets without an account (an interrupted add or remove, a damaged accounts.json): loaded at
// start and after every 'accounts.changed', with one action that restores them all as accounts.
import { useCallback, useEffect, useState } from 'react';
import type { AppErrorData } from '../../../shared/api/errors';
import type { OrphanSecret } from '../../../shared/api/types';
import { useApi } from '../api/ApiContext';

export interface OrphanSecretsState {
  orphans: OrphanSecret[];
  restoring: boolean;
  error: AppErrorData | null;
  restoreAll: () => Promise<void>;
}

export function useOrphanSecrets(): OrphanSecretsState {
  const api = useApi();
  const [orphans, setOrphans] = useState<OrphanSecret[]>([]);
  const [restoring, setRestoring] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);

  const load = useCallback(async () => {
    const result = await api.accounts.orphans();
    // A locked keychain is reported by the keychain banner already; nothing to add here.
    if (result.ok) setOrphans(result.value);
  }, [api]);

  useEffect(() => {
    void load();
    return api.events.on('accounts.changed', () => void load());
  }, [api, load]);

  const restoreAll = useCallback(async () => {
    setRestoring(true);
    setError(null);
    try {
      for (const orphan of orphans) {
        const result = await api.accounts.recover(orphan.id);
        // The secret stays in the keychain whatever failed; say why and keep the banner.
        if (!result.ok) setError(result.error);
      }
    } finally {
      setRestoring(false);
      await load();
    }
  }, [api, orphans, load]);

  return { orphans, restoring, error, restoreAll };
}
