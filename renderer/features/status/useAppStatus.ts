// App info (footer) and start-up status (keychain reachable? metadata recovered?), loaded once.
import { useCallback, useEffect, useState } from 'react';
import type { AppErrorData } from '../../../shared/api/errors';
import type { AppInfo, AppStatus } from '../../../shared/api/types';
import { useApi } from '../api/ApiContext';

export interface AppStatusState {
  info: AppInfo | null;
  status: AppStatus | null;
  error: AppErrorData | null;
  reload: () => Promise<void>;
}

export function useAppStatus(): AppStatusState {
  const api = useApi();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);

  const reload = useCallback(async () => {
    const [infoResult, statusResult] = await Promise.all([api.app.info(), api.app.status()]);
    if (infoResult.ok) setInfo(infoResult.value);
    if (statusResult.ok) setStatus(statusResult.value);
    const failed = !infoResult.ok ? infoResult.error : !statusResult.ok ? statusResult.error : null;
    setError(failed);
  }, [api]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { info, status, error, reload };
}
