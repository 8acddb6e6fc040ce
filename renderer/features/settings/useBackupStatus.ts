import { useEffect, useState } from 'react';
import type { BackupStatus } from '../../../shared/api/settings-contract';
import { useApi } from '../api/ApiContext';

/** The automatic backups' state, kept current by the backup.status event. */
export function useBackupStatus(): [BackupStatus | null, (s: BackupStatus) => void] {
  const api = useApi();
  const [status, setStatus] = useState<BackupStatus | null>(null);
  useEffect(() => {
    let cancelled = false;
    void api.backup.status().then((r) => !cancelled && r.ok && setStatus(r.value));
    const off = api.events.on('backup.status', setStatus);
    return () => {
      cancelled = true;
      off();
    };
  }, [api]);
  return [status, setStatus];
}
