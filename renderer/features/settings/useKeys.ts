import { useCallback, useEffect, useState } from 'react';
import type { KeyView } from '../../../shared/api/keys-contract';
import { useApi } from '../api/ApiContext';

/** The stored Ed25519 keys (public halves only) and a way to reload them after a change. */
export function useKeys(): { keys: KeyView[] | null; error: string | null; reload: () => Promise<void> } {
  const api = useApi();
  const [keys, setKeys] = useState<KeyView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    const result = await api.keys.list();
    if (result.ok) {
      setKeys(result.value);
      setError(null);
    } else setError(result.error.message);
  }, [api]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { keys, error, reload };
}
