// Saved tester profiles (metadata only; secrets stay in the keychain): loaded once, re-read after
// every save or delete. Save and remove resolve to the API's Result so the form can show the error.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppErrorData } from '../../../shared/api/errors';
import type { Result } from '../../../shared/api/result';
import type { TesterProfileView } from '../../../shared/api/tester-contract';
import { useApi } from '../api/ApiContext';
import type { SaveArgs } from './profile-form';

export interface ProfilesState {
  profiles: TesterProfileView[];
  loaded: boolean;
  error: AppErrorData | null;
  refresh: () => Promise<void>;
  save: (args: SaveArgs) => Promise<Result<TesterProfileView>>;
  remove: (id: string) => Promise<Result<void>>;
}

export function useProfiles(): ProfilesState {
  const api = useApi();
  const [profiles, setProfiles] = useState<TesterProfileView[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  // Responses can arrive out of order; only the latest request may update state.
  const latest = useRef(0);

  const refresh = useCallback(async () => {
    const request = ++latest.current;
    const result = await api.tester.listProfiles();
    if (request !== latest.current) return;
    if (result.ok) {
      setProfiles(result.value);
      setError(null);
    } else {
      setError(result.error);
    }
    setLoaded(true);
  }, [api]);

  const save = useCallback(
    async ({ input, secret }: SaveArgs) => {
      const result = await api.tester.saveProfile(input, secret);
      if (result.ok) await refresh();
      return result;
    },
    [api, refresh],
  );

  const remove = useCallback(
    async (id: string) => {
      const result = await api.tester.removeProfile(id);
      await refresh();
      return result;
    },
    [api, refresh],
  );

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return { profiles, loaded, error, refresh, save, remove };
}
